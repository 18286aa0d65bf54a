import Fluent
import Foundation
import RapportCore
import SQLKit

/// What the primary payers did with the claims secondary claims follow, read for many claims at
/// once: each primary's net payment and its adjustments (a reversal and its re-adjudication net
/// out), by claim and by line, and when it was last adjudicated.
struct PriorAdjudications {
    struct Prior {
        let claim: ClaimRow
        let paid: Int64
        let adjudicated: LocalDate
        /// Net adjustments on the claim as a whole.
        let claimAdjustments: [Adjustment]
        /// Net adjustments by line number.
        let lineAdjustments: [Int: [Adjustment]]
    }

    private let priors: [UUID: Prior]

    static let none = PriorAdjudications(priors: [:])

    /// The prior claims of `claims` that have any, with their payments.
    static func load(for claims: [ClaimRow], practice: PracticeContext, on db: any Database) async throws
        -> PriorAdjudications
    {
        let priorIDs = Array(Set(claims.compactMap(\.priorClaimID)))
        guard !priorIDs.isEmpty else { return .none }
        let priorClaims = try await ClaimRow.read(on: db) { $0.where("id", .in, priorIDs) }
        let lineNumbers = Dictionary(
            uniqueKeysWithValues: try await ClaimLineRow.read(claims: priorIDs, on: db).compactMap { line in
                line.id.map { ($0, line.lineNumber) }
            })
        let payments = try await ClaimPaymentRow.query(on: db).filter(\.$claimID ~~ priorIDs).all()
        let adjustments = Dictionary(
            grouping: try await ClaimAdjustmentRow.query(on: db).filter(\.$claimPaymentID ~~ payments.compactMap(\.id))
                .all(), by: \.claimPaymentID)
        var priors: [UUID: Prior] = [:]
        for claim in priorClaims {
            guard let id = claim.id else { continue }
            let own = payments.filter { $0.claimID == id }
            guard let last = own.compactMap(\.postedAt).max() else { continue }
            struct Key: Hashable {
                let line: Int?
                let group: AdjustmentGroup
                let reason: String
            }
            var net: [Key: Int64] = [:]
            var order: [Key] = []
            for payment in own {
                for row in (payment.id.flatMap { adjustments[$0] } ?? []).sorted(by: { $0.position < $1.position }) {
                    guard let group = AdjustmentGroup(rawValue: row.groupCode) else { continue }
                    let key = Key(line: row.claimLineID.flatMap { lineNumbers[$0] }, group: group, reason: row.reason)
                    if net[key] == nil { order.append(key) }
                    net[key, default: 0] += row.amount
                }
            }
            let kept = order.filter { net[$0] != 0 }
            func adjustment(_ key: Key) -> Adjustment {
                Adjustment(group: key.group, reason: key.reason, amount: practice.money(net[key] ?? 0))
            }
            priors[id] = Prior(
                claim: claim, paid: claim.paid, adjudicated: practice.date(of: last),
                claimAdjustments: kept.filter { $0.line == nil }.map(adjustment),
                lineAdjustments: Dictionary(grouping: kept.filter { $0.line != nil }, by: { $0.line ?? 0 })
                    .mapValues { $0.map(adjustment) })
        }
        return PriorAdjudications(priors: priors)
    }

    /// The policies of the prior claims, which the assembler reads with the rest.
    var policyIDs: [UUID] { priors.values.map(\.claim.policyID) }

    func prior(of claim: ClaimRow) -> Prior? { claim.priorClaimID.flatMap { priors[$0] } }
}
