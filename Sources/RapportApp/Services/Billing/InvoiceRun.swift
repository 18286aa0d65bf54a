import Fluent
import RapportCore
import Vapor

/// Automatic invoicing: for a practice in `daily` or `monthly` mode, one invoice per client per
/// period whose end is on or before `through`, for the billable sessions not yet billed.
///
/// Safe to run at any time, from any number of servers at once: each invoice is its own
/// transaction, and the unique index on live invoice lines means a session that another run billed
/// first makes this run's invoice roll back and be skipped.
struct InvoiceRun {
    let database: any Database
    let logger: Logger

    /// Runs every practice that invoices automatically, through each practice's yesterday.
    @discardableResult
    func runAll(progress: (@Sendable (String) -> Void)? = nil) async throws -> Int {
        let practices = try await Practice.query(on: database).filter(\.$invoiceMode != InvoiceMode.manual.rawValue)
            .all()
        var created = 0
        for practice in practices {
            let context = try PracticeContext(practice)
            created += try await run(practice, through: context.today.adding(days: -1), progress: progress)
        }
        return created
    }

    /// Bills `practice`'s due periods through `through`; returns how many invoices were made.
    func run(
        _ practice: Practice, through: LocalDate, progress: (@Sendable (String) -> Void)? = nil
    ) async throws -> Int {
        guard let mode = InvoiceMode(rawValue: practice.invoiceMode), mode != .manual else { return 0 }
        let context = try PracticeContext(practice)
        let since = practice.invoiceModeSince.flatMap { LocalDate($0) } ?? .distantPast
        let actor = Actor(userID: UUID(), practiceID: context.id, name: "Automatic invoicing", role: "system")
        let candidates = try await Session.query(on: database)
            .filter(\.$practiceID == context.id)
            .filter(\.$invoiceID == nil)
            .filter(\.$attendance != Attendance.cancelled.rawValue)
            .filter(\.$startsAt >= context.timeZone.startOfDay(since))
            .filter(\.$startsAt < context.timeZone.startOfDay(through.adding(days: 1)))
            .all()
        struct Group: Hashable {
            let client: UUID
            let period: ClosedRange<LocalDate>
            func hash(into hasher: inout Hasher) {
                hasher.combine(client)
                hasher.combine(period.lowerBound)
            }
        }
        let groups = Dictionary(grouping: candidates) { session in
            Group(client: session.clientID, period: mode.period(containing: context.date(of: session.startsAt)))
        }.filter { mode.isDue($0.key.period.upperBound, through: through) }
        var created = 0
        for (index, (group, sessions)) in groups.sorted(by: {
            ($0.key.period.lowerBound, $0.key.client.uuidString) < ($1.key.period.lowerBound, $1.key.client.uuidString)
        }).enumerated() {
            do {
                let invoice = try await database.writeTransaction { db in
                    // Re-read inside the transaction: another run may have billed some already.
                    let fresh = try await Session.query(on: db).filter(\.$id ~~ sessions.compactMap(\.id)).filter(
                        \.$invoiceID == nil
                    ).all()
                    return try await InvoiceWriter(database: db, practice: context, actor: actor).create(
                        clientID: group.client, sessions: fresh, issueDate: group.period.upperBound,
                        period: group.period,
                        origin: mode.rawValue)
                }
                if invoice != nil { created += 1 }
            } catch let error where Self.isLostRace(error) {
                logger.debug(
                    "invoice run: another run billed client \(group.client) for \(group.period.lowerBound) first")
            }
            if let progress, (index + 1) % 100 == 0 || index + 1 == groups.count {
                progress("\(practice.name): \(index + 1)/\(groups.count) client periods, \(created) invoices")
            }
        }
        return created
    }

    /// Whether `error` means a concurrent run billed the same session first.
    static func isLostRace(_ error: any Error) -> Bool {
        if error is InvoiceWriter.AlreadyBilled { return true }
        return (error as? any DatabaseError)?.isConstraintFailure ?? false
    }
}
