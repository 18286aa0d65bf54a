import Fluent
import Foundation
import RapportCore
import SQLKit

/// Automatic invoicing: for a practice in `daily` or `monthly` mode, one invoice per client per
/// period whose end is on or before `through`, for the billable sessions not yet billed.
///
/// Safe to run at any time, from any number of servers at once. Invoices are written
/// ``batchSize`` to a transaction with ``InvoiceWriter``'s set-based writes; the unique index on
/// live invoice lines means a session that another run billed first makes the batch roll back,
/// and the batch is then retried one invoice per transaction, so only the invoices that lost the
/// race are skipped.
struct InvoiceRun {
    let database: any Database
    let logger: Logger

    /// Invoices per transaction.
    static let batchSize = 500

    /// Runs every practice that invoices automatically, through each practice's yesterday.
    @discardableResult
    func runAll(progress: (@Sendable (String) -> Void)? = nil) async throws -> Int {
        let practices = try await Practice.query(on: database).filter(\.$invoiceMode != .manual)
            .all()
        var created = 0
        for practice in practices {
            let context = try PracticeContext(practice)
            created += try await run(practice, through: context.today.adding(days: -1), progress: progress)
        }
        return created
    }

    /// Runs automatic invoicing now for the caller's practice, through the given day (yesterday when
    /// none is given); refused for a practice that invoices by hand.
    func runNow(_ input: InvoiceRunInput, for actor: Actor) async throws -> InvoiceRunResult {
        guard let practice = try await Practice.find(actor.practiceID, on: database) else {
            throw UseCaseError.notFound("practice")
        }
        let context = try PracticeContext(practice)
        guard practice.invoiceMode != .manual else {
            throw UseCaseError.conflict(
                "manual_invoicing", "the practice invoices by hand; set invoiceMode to daily or monthly first")
        }
        let through = input.through ?? context.today.adding(days: -1)
        if through > context.today { throw UseCaseError.invalid("through", "cannot be in the future") }
        return InvoiceRunResult(invoicesCreated: try await run(practice, through: through), through: through)
    }

    /// Bills `practice`'s due periods through `through`; returns how many invoices were made.
    func run(
        _ practice: Practice, through: LocalDate, progress: (@Sendable (String) -> Void)? = nil
    ) async throws -> Int {
        let mode = practice.invoiceMode
        guard mode != .manual else { return 0 }
        let context = try PracticeContext(practice)
        let since = practice.invoiceModeSince ?? .distantPast
        let actor = Actor.rapport("Automatic invoicing", practiceID: context.id)
        // Just enough to group them; each batch's transaction reads its sessions whole.
        let candidates = try await database.sql().select().columns("id", "client_id", "starts_at").from(Session.schema)
            .where("practice_id", .equal, context.id)
            .where("invoice_id", .is, SQLLiteral.null)
            .where("claim_id", .is, SQLLiteral.null)
            .where("attendance", .notEqual, Attendance.cancelled.rawValue)
            .where("starts_at", .greaterThanOrEqual, context.timeZone.startOfDay(since))
            .where("starts_at", .lessThan, context.timeZone.startOfDay(through.adding(days: 1)))
            .all()
        struct Group: Hashable {
            let client: UUID
            let period: ClosedRange<LocalDate>
        }
        var groups: [Group: [UUID]] = [:]
        for row in candidates {
            let start = try row.decode(column: "starts_at", as: Date.self)
            let group = Group(
                client: try row.decode(column: "client_id", as: UUID.self),
                period: mode.period(containing: context.date(of: start)))
            guard mode.isDue(group.period.upperBound, through: through) else { continue }
            groups[group, default: []].append(try row.decode(column: "id", as: UUID.self))
        }
        // Patient responsibility insurers left a client with no sessions to bill is invoiced on its own,
        // for the period it was posted in.
        let billedClients = Set(groups.keys.map(\.client))
        for (client, postedOn) in try await owedWithoutSessions(practice: context.id, through: through)
        where !billedClients.contains(client) {
            let period = mode.period(containing: postedOn)
            guard mode.isDue(period.upperBound, through: through) else { continue }
            groups[Group(client: client, period: period)] = []
        }
        // By period, then client (formatting an id costs more than comparing dates: only on ties).
        let owed = groups.sorted { first, second in
            if first.key.period.lowerBound != second.key.period.lowerBound {
                return first.key.period.lowerBound < second.key.period.lowerBound
            }
            return first.key.client.uuidString < second.key.client.uuidString
        }.map { Due(clientID: $0.key.client, period: $0.key.period, sessionIDs: $0.value) }
        var created = 0
        var written = 0
        for slice in owed.chunks(of: Self.batchSize) {
            let batch = Array(slice)
            do {
                created += try await write(batch, mode: mode, practice: context, actor: actor)
            } catch let error where Self.isLostRace(error) {
                // Another run billed some of these first: one invoice per transaction, so each lost race costs one.
                for due in batch {
                    do {
                        created += try await write([due], mode: mode, practice: context, actor: actor)
                    } catch let error where Self.isLostRace(error) {
                        logger.debug(
                            "invoice run: another run billed client \(due.clientID) for \(due.period.lowerBound) first")
                    }
                }
            }
            written += batch.count
            if let progress {
                progress("\(practice.name): \(written)/\(owed.count) client periods, \(created) invoices")
            }
        }
        return created
    }

    /// Clients with patient responsibility posted on or before `through` and not yet invoiced, each
    /// with the day its oldest was posted; whether it adds up to something owed, the writer decides.
    private func owedWithoutSessions(practice: UUID, through: LocalDate) async throws -> [UUID: LocalDate] {
        let rows = try await database.sql().raw(
            """
            SELECT client_id, MIN(posted_on) AS posted_on FROM patient_responsibilities
            WHERE practice_id = \(bind: practice) AND invoice_id IS NULL AND posted_on <= \(bind: through.description)
            GROUP BY client_id
            """
        ).all()
        var owed: [UUID: LocalDate] = [:]
        for row in rows {
            owed[try row.decode(column: "client_id", as: UUID.self)] = try LocalDate(
                stored: row.decode(column: "posted_on", as: String.self), column: "patient_responsibilities.posted_on")
        }
        return owed
    }

    /// One invoice the run owes: a client's unbilled sessions in a period that has ended, or (with
    /// no sessions) the patient responsibility insurers left them.
    private struct Due {
        let clientID: UUID
        let period: ClosedRange<LocalDate>
        let sessionIDs: [UUID]
    }

    /// Writes the batch's invoices in one transaction, reading its sessions there: another run may
    /// have billed some, or a rule change repriced them, since the run found them.
    private func write(_ batch: [Due], mode: InvoiceMode, practice: PracticeContext, actor: Actor) async throws -> Int {
        try await database.writeTransaction(practice: actor.practiceID) { db in
            let ids = batch.flatMap(\.sessionIDs)
            var unbilled: [UUID: SessionRecord] = [:]
            for chunk in ids.chunks(of: IDsPerStatement.limit) {
                for session in try await SessionRecord.select(practiceID: practice.id, on: try db.sql())
                    .where("id", .in, Array(chunk))
                    .where("invoice_id", .is, SQLLiteral.null).where("claim_id", .is, SQLLiteral.null)
                    .rows(SessionRecord.self, on: db)
                {
                    unbilled[session.id] = session
                }
            }
            // Sessions that bill an insurer go on claims, not on the client's invoice.
            let coverage = try await CoverageBook.load(
                practiceID: practice.id, clientIDs: Array(Set(batch.map(\.clientID))), on: db)
            let requests = batch.map { due -> InvoiceWriter.Request in
                let sessions = due.sessionIDs.compactMap { unbilled[$0] }.filter {
                    coverage.route($0, practice: practice).plan == nil
                }
                // With no sessions left to bill, it may still bill the client's patient responsibility:
                // the writer skips it when there is none.
                return InvoiceWriter.Request(
                    clientID: due.clientID, sessions: sessions, issueDate: due.period.upperBound, period: due.period,
                    origin: InvoiceOrigin(mode))
            }
            return try await InvoiceWriter(database: db, practice: practice, actor: actor).create(requests).count
        }
    }

    /// Whether `error` means a concurrent run billed the same session first.
    static func isLostRace(_ error: any Error) -> Bool {
        if error is InvoiceWriter.AlreadyBilled { return true }
        return (error as? any DatabaseError)?.isConstraintFailure ?? false
    }
}
