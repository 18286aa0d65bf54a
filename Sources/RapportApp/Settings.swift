import Foundation

/// Every environment variable Rapport reads, read in this one place.
public struct Settings: Sendable {
    public enum Database: Sendable, Equatable {
        /// The embedded default: a SQLite file (WAL mode), created as needed.
        case sqlite(path: String)
        /// An in-memory SQLite database, for tests.
        case sqliteInMemory
        /// `DATABASE_URL=postgres://user:pass@host:port/db`.
        case postgres(url: String)
    }

    public var database: Database
    /// How far ahead the occurrences of a repeating series are stored as sessions.
    public var horizonMonths: Int
    /// Whether the server runs scheduled jobs (horizon extension). Off in tests, which run them by hand.
    public var runsJobs: Bool
    /// Bcrypt cost for passwords: 12 in production; tests lower it to keep the suite fast.
    public var passwordCost: Int

    public init(database: Database, horizonMonths: Int = 12, runsJobs: Bool = true, passwordCost: Int = 12) {
        self.database = database
        self.horizonMonths = horizonMonths
        self.runsJobs = runsJobs
        self.passwordCost = passwordCost
    }

    /// Reads `DATABASE_URL`, `RAPPORT_SQLITE_PATH` (default `./data/rapport.sqlite`) and
    /// `RAPPORT_HORIZON_MONTHS` (default 12).
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> Settings {
        let database: Database
        if let url = environment["DATABASE_URL"], !url.isEmpty {
            database = .postgres(url: url)
        } else {
            database = .sqlite(path: environment["RAPPORT_SQLITE_PATH"] ?? "data/rapport.sqlite")
        }
        let horizon = environment["RAPPORT_HORIZON_MONTHS"].flatMap(Int.init).map { min(max($0, 1), 60) } ?? 12
        return Settings(database: database, horizonMonths: horizon)
    }
}
