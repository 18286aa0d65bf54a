import Fluent
import Foundation
import RapportCore
import SQLKit

/// Automatic claims: for a practice whose claim mode is `daily` or `monthly`, the sessions that
/// bill an insurer are claimed once their day (or month) has ended — from the date the mode was
/// switched on, so turning it on never claims years of old sessions.
///
/// Safe to run at any time, from any number of servers at once: a session's one live claim line
/// per rank is held by the database, and a batch that loses a race is retried one client at a time.
struct ClaimRun {
    let database: any Database
    let logger: Logger

    /// Clients per transaction.
    static let batchSize = 500

    /// Runs every practice that claims automatically, through each practice's yesterday.
    @discardableResult
    func runAll() async throws -> Int {
        var created = 0
        for practice in try await Practice.query(on: database).filter(\.$claimMode != .manual).all() {
            created += try await run(practice, through: try PracticeContext(practice).today.adding(days: -1))
        }
        return created
    }

    /// Runs automatic claims now for the caller's practice, through the given day (yesterday when
    /// none is given); refused for a practice that claims by hand.
    func runNow(_ input: ClaimRunInput, for actor: Actor) async throws -> ClaimRunResult {
        guard let practice = try await Practice.find(actor.practiceID, on: database) else {
            throw UseCaseError.notFound("practice")
        }
        guard practice.claimMode != .manual else {
            throw UseCaseError.conflict(
                "manual_claims", "the practice makes claims by hand; set claimMode to daily or monthly first")
        }
        let today = try PracticeContext(practice).today
        let through = input.through ?? today.adding(days: -1)
        if through > today { throw UseCaseError.invalid("through", "cannot be in the future") }
        return ClaimRunResult(claimsCreated: try await run(practice, through: through), through: through)
    }

    /// Claims `practice`'s sessions whose period ended on or before `through`; returns how many
    /// claims were made.
    func run(_ practice: Practice, through: LocalDate) async throws -> Int {
        guard let last = practice.claimMode.lastDueDate(through: through) else { return 0 }
        let context = try PracticeContext(practice)
        let actor = Actor.rapport("Automatic claims", practiceID: context.id)
        // Every due date is on or before the last: one range of start times, read by the index on
        // client and start. The scan names the clients; each transaction reads their sessions whole,
        // since another run may have claimed some, or a rule change repriced them, since.
        let due = DueSessions(
            from: context.timeZone.startOfDay(practice.claimModeSince ?? .distantPast),
            before: context.timeZone.startOfDay(last.adding(days: 1)))
        let clients = try await due.query(practiceID: context.id, on: database, columns: ["client_id"]).distinct()
            .all().map { try $0.decode(column: "client_id", as: UUID.self) }
        var created = 0
        // In a fixed order: by id (UUIDs compare by their bytes, the order of their text).
        let ordered = clients.sorted()
        for chunk in ordered.chunks(of: Self.batchSize) {
            do {
                created += try await write(Array(chunk), due: due, practice: context, actor: actor)
            } catch let error where ClaimWriter.isLostRace(error) {
                for client in chunk {
                    do {
                        created += try await write([client], due: due, practice: context, actor: actor)
                    } catch let error where ClaimWriter.isLostRace(error) {
                        logger.debug("claim run: another run claimed client \(client)'s sessions first")
                    }
                }
            }
        }
        return created
    }

    /// The sessions a run claims: unclaimed and uninvoiced, begun in `from..<before`.
    private struct DueSessions {
        let from: Date
        let before: Date

        func query(practiceID: UUID, on db: any Database, columns: [String] = SessionRecord.columns) throws
            -> SQLSelectBuilder
        {
            try ClaimMaking.unclaimedQuery(practiceID: practiceID, through: before, on: db, columns: columns)
                .where("starts_at", .greaterThanOrEqual, from)
        }
    }

    /// Writes one transaction's claims, reading and routing its clients' sessions there: a policy
    /// may have changed, or a session been claimed or repriced, since the scan.
    private func write(
        _ clients: [UUID], due: DueSessions, practice: PracticeContext, actor: Actor
    ) async throws -> Int {
        try await database.writeTransaction(practice: actor.practiceID) { db in
            let coverage = try await CoverageBook.load(practiceID: practice.id, clientIDs: clients, on: db)
            let records = try await due.query(practiceID: practice.id, on: db).where("client_id", .in, clients)
                .orderBy("starts_at").rows(SessionRecord.self, on: db)
            var items = records.compactMap { ClaimMaking.item($0, coverage: coverage, practice: practice) }
            let writer = ClaimWriter(database: db, practice: practice, actor: actor)
            while !items.isEmpty {
                do {
                    return try await writer.write(items).count
                } catch let refusal as ClaimWriter.Refusal {
                    // Refused before anything is written (a service without a CPT code): that session
                    // waits, still counted as to be claimed on its client's page, and the log says why.
                    logger.warning("claim run: session \(refusal.sessionID) \(refusal.reason)")
                    items.removeAll { $0.session.id == refusal.sessionID }
                }
            }
            return 0
        }
    }
}
