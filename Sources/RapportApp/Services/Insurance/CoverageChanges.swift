import Fluent
import Foundation
import RapportCore
import SQLKit

/// Changes to a client's policies as the seed asks of every billing rule: previewed first (which
/// unbilled sessions then bill someone else, which invoices and claims then differ), applied in
/// one transaction, recorded, and undone by `POST /billing-changes/{id}/undo`.
///
/// A preview runs the very change inside a transaction that is rolled back, so it shows exactly
/// what applying does.
struct CoverageChanges {
    let database: any Database
    let actor: Actor

    enum Change: Sendable {
        case create(PolicyInput)
        case update(UUID, PolicyInput)
        case delete(UUID)
    }

    static let kind = "coverage"

    /// Applies the change and records it; the answer carries the change's id.
    func apply(_ clientID: UUID, _ change: Change) async throws -> PolicyDetails {
        try await database.writeTransaction(practice: actor.practiceID) { db in
            let (details, before, after) = try await perform(clientID, change, on: db)
            let record = BillingChange()
            (record.practiceID, record.kind, record.subjectID) = (actor.practiceID, Self.kind, clientID)
            (record.removed, record.added) = (try Self.json(before), try Self.json(after))
            record.appliedByName = actor.name
            try await record.create(on: db)
            var answer = details
            answer.changeId = try record.requireID()
            return answer
        }
    }

    /// What the change the API describes would do, nothing written; a problem with the policy is
    /// named under `policy`, where the body holds it.
    func preview(_ clientID: UUID, _ input: PolicyPreviewInput) async throws -> CoverageChangeReport {
        let change: Change
        switch (input.policyId, input.policy, input.remove ?? false) {
        case (nil, let policy?, false): change = .create(policy)
        case (let id?, let policy?, false): change = .update(id, policy)
        case (let id?, nil, true): change = .delete(id)
        default:
            throw UseCaseError.invalid(
                "policy", "give policy to add one, policyId and policy to change one, or policyId and remove to remove one")
        }
        do {
            return try await preview(clientID, change)
        } catch let error as UseCaseError where error.kind == .invalid {
            throw error.nested(under: "policy")
        }
    }

    /// What the change would do, nothing written.
    func preview(_ clientID: UUID, _ change: Change) async throws -> CoverageChangeReport {
        try await RouteComparison.dryRun(on: database) { db in
            let routes = try await self.routes(clientID, on: db)
            _ = try await perform(clientID, change, on: db)
            return try await RouteComparison(database: db, actor: actor).report([clientID], before: routes, changeID: nil)
        }
    }

    /// Puts the client's policies back as they were before the recorded change.
    func undo(_ record: BillingChange, on db: any Database) async throws -> CoverageChangeReport {
        let clientID = record.subjectID
        let routes = try await self.routes(clientID, on: db)
        let before = try JSONDecoder().decode([PolicySnapshot].self, from: Data(record.removed.utf8))
        let after = try JSONDecoder().decode([PolicySnapshot].self, from: Data(record.added.utf8))
        for snapshot in after where !before.contains(where: { $0.id == snapshot.id }) {
            if try await ClaimRow.query(on: db).filter(\.$policyID == snapshot.id).count() > 0 {
                throw UseCaseError.conflict(
                    "policy_has_claims", "the policy this change added has claims since: give it its last day instead")
            }
            try await PriorAuthorization.query(on: db).filter(\.$policyID == snapshot.id).delete()
            try await Policy.query(on: db).filter(\.$id == snapshot.id).delete()
        }
        for snapshot in before { try await snapshot.restore(practiceID: actor.practiceID, clientID: clientID, on: db) }
        try await AuditLog(database: db, actor: actor).record(
            "undo", "coverage", id: clientID, before: record.added, after: record.removed)
        return try await RouteComparison(database: db, actor: actor).report(
            [clientID], before: routes, changeID: try record.requireID())
    }

    private func perform(
        _ clientID: UUID, _ change: Change, on db: any Database
    ) async throws -> (PolicyDetails, before: [PolicySnapshot], after: [PolicySnapshot]) {
        let policies = ClientPolicies(database: db, actor: actor)
        switch change {
        case .create(let input):
            let made = try await policies.create(clientID, input, on: db)
            return (made, [], [try await PolicySnapshot.of(made.id, on: db)])
        case .update(let id, let input):
            let before = try await PolicySnapshot.of(id, clientID: clientID, practiceID: actor.practiceID, on: db)
            let changed = try await policies.update(clientID, id, input, on: db)
            return (changed, [before], [try await PolicySnapshot.of(id, on: db)])
        case .delete(let id):
            let before = try await PolicySnapshot.of(id, clientID: clientID, practiceID: actor.practiceID, on: db)
            return (try await policies.delete(clientID, id, on: db), [before], [])
        }
    }

    /// Where each of the client's unbilled, unclaimed sessions bills now.
    private func routes(_ clientID: UUID, on db: any Database) async throws -> [UUID: (Date, SessionBilling)] {
        _ = try await Lookup(database: db, actor: actor).client(clientID)
        return try await RouteComparison(database: db, actor: actor).routes([clientID])
    }

    private static func json(_ snapshots: [PolicySnapshot]) throws -> String {
        String(decoding: try JSONEncoder.rapport.encode(snapshots), as: UTF8.self)
    }
}
