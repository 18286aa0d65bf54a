import Fluent
import Foundation

/// What a CSV file can bring into Rapport.
enum ImportKind: String, CaseIterable, Sendable {
    /// A client list: names, dates of birth, contact, address, clinician, default service, fee.
    case clients
    /// Repeating appointments: client, clinician, weekday, time, frequency, start and end dates.
    case schedules
    /// Opening balances: what each client owed, or had in credit, in the practice's previous product.
    case balances

    /// Checks (or with `commit`, imports) a file of this kind as `actor`.
    func run(
        _ data: Data, commit: Bool, database: any Database, actor: Actor, settings: Settings,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) async throws -> ImportReport {
        switch self {
        case .clients:
            try await ClientImport(database: database, actor: actor).run(data, commit: commit, progress: progress)
        case .schedules:
            try await ScheduleImport(database: database, actor: actor, settings: settings)
                .run(data, commit: commit, progress: progress)
        case .balances:
            try await BalanceImport(database: database, actor: actor).run(data, commit: commit, progress: progress)
        }
    }
}
