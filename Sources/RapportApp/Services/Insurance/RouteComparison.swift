import Fluent
import Foundation
import RapportCore
import SQLKit

/// What a change to who pays does: each unbilled, unclaimed session's billing read before and
/// after it, and the invoices and claims that then differ. Shared by policy changes
/// (``CoverageChanges``) and contracted-rate changes (``PayerRateChanges``).
struct RouteComparison {
    let database: any Database
    let actor: Actor

    /// Where each of the clients' unbilled, unclaimed sessions bills now.
    func routes(_ clientIDs: [UUID]) async throws -> [UUID: (Date, SessionBilling)] {
        guard !clientIDs.isEmpty else { return [:] }
        let practice = try await PracticeContext.of(actor, on: database)
        let coverage = try await CoverageBook.load(practiceID: actor.practiceID, clientIDs: clientIDs, on: database)
        var routes: [UUID: (Date, SessionBilling)] = [:]
        for chunk in clientIDs.chunks(of: IDsPerStatement.limit) {
            let rows = try await SessionRecord.select(practiceID: actor.practiceID, on: try database.sql())
                .where("client_id", .in, Array(chunk)).where("invoice_id", .is, SQLLiteral.null)
                .where("claim_id", .is, SQLLiteral.null).rows(SessionRecord.self, on: database)
            for row in rows { routes[row.id] = (row.startsAt, coverage.billing(row, practice: practice)) }
        }
        return routes
    }

    /// The sessions whose billing differs from `before`, and the clients' invoices and claims
    /// that differ from the rules now.
    func report(_ clientIDs: [UUID], before: [UUID: (Date, SessionBilling)], changeID: UUID?) async throws
        -> CoverageChangeReport
    {
        let after = try await routes(clientIDs)
        let rerouted = before.compactMap { id, was -> CoverageChangeReport.Rerouted? in
            guard let now = after[id], now.1 != was.1 else { return nil }
            return .init(sessionId: id, start: was.0, before: was.1, after: now.1)
        }.sorted { ($0.start, $0.sessionId) < ($1.start, $1.sessionId) }
        let comparison = BillingComparison(database: database, practice: try await PracticeContext.of(actor, on: database))
        return CoverageChangeReport(
            changeId: changeID, applied: changeID != nil, rerouted: rerouted,
            billedDiffering: try await comparison.billedDifferences(clientIDs: clientIDs, from: nil),
            claimedDiffering: try await comparison.claimedDifferences(clientIDs: clientIDs))
    }

    /// Runs `work` in a transaction that is then rolled back, and returns its answer: a preview
    /// makes the very change applying makes, so it shows exactly what applying does.
    static func dryRun<T: Sendable>(
        on database: any Database, _ work: @escaping @Sendable (any Database) async throws -> T
    ) async throws -> T {
        do {
            // Always rolled back: nothing kept can have changed.
            let _: Bool = try await database.bookkeepingTransaction { db in throw RolledBack(answer: try await work(db)) }
        } catch let rollback as RolledBack<T> {
            return rollback.answer
        }
        throw UseCaseError(.internalFailure, code: "internal_error", message: "the preview did not complete")
    }

    private struct RolledBack<T: Sendable>: Error { let answer: T }
}
