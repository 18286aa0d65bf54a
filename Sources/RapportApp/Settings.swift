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
    /// Mark the sign-in cookie `Secure` (and name it `__Host-…`): set when served over TLS.
    public var secureCookies = false
    /// A browser session ends after this long without a request…
    public var sessionIdleTimeout: TimeInterval = 30 * 60
    /// …and after this long in any case.
    public var sessionLifetime: TimeInterval = 12 * 3600
    /// Where `rapport backup` and the daily backup write: `RAPPORT_BACKUP_DIR`, by default a
    /// `backups` folder beside the SQLite file (or in the working directory for PostgreSQL).
    public var backupDirectory = "backups"
    /// How many daily backups to keep (`RAPPORT_BACKUP_KEEP`, default 14); 0 turns daily backups off.
    public var backupKeep = 14
    /// `RAPPORT_METRICS_TOKEN`: the bearer token `/metrics` asks for; unset, it answers loopback only.
    public var metricsToken: String?
    /// `RAPPORT_START_CHECK` (on unless `0`): a quick integrity check a minute after start.
    public var checksAtStart = true
    /// The most PostgreSQL connections this server opens (`RAPPORT_DB_POOL`, default 20, shared
    /// among its event loops): two servers at the default leave PostgreSQL's default 100 plenty.
    public var databasePool = 20
    /// Whether an owner may create further practices in this database through the API
    /// (`RAPPORT_HOSTING=1`); `rapport practices create` may always.
    public var hosting = false
    /// The most reads (GET and HEAD) this server works on at once, the rest waiting their turn, so
    /// that writes never queue behind many (`RAPPORT_READ_SLOTS`; unset or `0`, every read goes
    /// at once). See ``ReadAdmission``.
    public var readSlots: Int?
    /// The longest a read holds its turn (``ReadAdmission/lease``) before the next read may start
    /// beside it: 100 ms; a test sets it long to see who gives a turn back.
    public var readLeaseMilliseconds = 100

    /// Each event loop keeps its own pool: ``databasePool`` shared out among `loops`, at least one each.
    func connectionsPerEventLoop(loops: Int) -> Int { max(1, databasePool / max(loops, 1)) }

    public init(database: Database, horizonMonths: Int = 12, runsJobs: Bool = true, passwordCost: Int = 12) {
        self.database = database
        self.horizonMonths = horizonMonths
        self.runsJobs = runsJobs
        self.passwordCost = passwordCost
    }

    /// Reads `DATABASE_URL`, `RAPPORT_SQLITE_PATH` (default `./data/rapport.sqlite`),
    /// `RAPPORT_HORIZON_MONTHS` (default 12), `RAPPORT_SECURE_COOKIES`, `RAPPORT_SESSION_IDLE_MINUTES` (30),
    /// `RAPPORT_BACKUP_DIR`, `RAPPORT_BACKUP_KEEP` (14), `RAPPORT_METRICS_TOKEN`, `RAPPORT_START_CHECK` and
    /// `RAPPORT_DB_POOL` (20), `RAPPORT_READ_SLOTS` (unset) and `RAPPORT_HOSTING`.
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
        var settings = Settings(database: database, horizonMonths: horizon)
        settings.secureCookies = ["1", "true", "yes"].contains(
            environment["RAPPORT_SECURE_COOKIES"]?.lowercased() ?? "")
        if let directory = environment["RAPPORT_BACKUP_DIR"], !directory.isEmpty {
            settings.backupDirectory = directory
        } else if case .sqlite(let path) = database {
            settings.backupDirectory = URL(fileURLWithPath: path).deletingLastPathComponent()
                .appendingPathComponent("backups").path
        }
        settings.metricsToken = environment["RAPPORT_METRICS_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        settings.checksAtStart = environment["RAPPORT_START_CHECK"] != "0"
        settings.hosting = environment["RAPPORT_HOSTING"] == "1"
        if let pool = environment["RAPPORT_DB_POOL"].flatMap(Int.init) { settings.databasePool = min(max(pool, 1), 500) }
        if let slots = environment["RAPPORT_READ_SLOTS"].flatMap(Int.init), slots > 0 {
            settings.readSlots = min(slots, 10_000)
        }
        if let keep = environment["RAPPORT_BACKUP_KEEP"].flatMap(Int.init) { settings.backupKeep = min(max(keep, 0), 3650) }
        if let minutes = environment["RAPPORT_SESSION_IDLE_MINUTES"].flatMap(Int.init), minutes > 0 {
            settings.sessionIdleTimeout = TimeInterval(min(minutes, 24 * 60) * 60)
        }
        return settings
    }
}
