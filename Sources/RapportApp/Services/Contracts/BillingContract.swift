import Foundation
import RapportCore

/// A client's Billing and Insurance settings: default service and custom fees, with history.
struct ClientBilling: Codable, Sendable {
    struct DefaultServiceEntry: Codable, Sendable {
        let serviceId: UUID?
        let serviceCode: String?
        let effectiveFrom: LocalDate?
    }

    struct FeeEntry: Codable, Sendable {
        let serviceId: UUID
        let serviceCode: String
        let amount: Money?
        let effectiveFrom: LocalDate?
    }

    let clientId: UUID
    /// The client's default service today (nil: the practice default applies).
    let defaultServiceId: UUID?
    let defaultServiceHistory: [DefaultServiceEntry]
    /// The custom fee per service in force today.
    let fees: [FeeEntry]
    /// Every custom fee ever set, oldest first.
    let feeHistory: [FeeEntry]
}

struct ClientBillingPatch: UseCaseInput {
    struct FeeChange: Codable, Sendable {
        var serviceId: UUID
        /// `null` ends the custom fee: the service rate applies again from `effectiveFrom`.
        var amount: Money?

        init(serviceId: UUID, amount: Money?) {
            self.serviceId = serviceId
            self.amount = amount
        }

        private enum CodingKeys: String, CodingKey { case serviceId, amount }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            serviceId = try container.decode(UUID.self, forKey: .serviceId)
            // Here `null` means something (end the fee), so it is read as a value, not refused.
            amount = try container.decodeNullable(Money.self, forKey: .amount)
        }
    }

    /// `null` removes the client default (the practice default applies).
    var defaultServiceId: Patch<UUID>?
    var fees: [FeeChange]?
    /// The first date the change applies to; absent means every unbilled session, past and future.
    var effectiveFrom: LocalDate?
    /// Invoices to re-issue at the new fees in the same transaction: `"all"` or their ids.
    var reissue: ReissueChoice?

    enum CodingKeys: String, CodingKey, CaseIterable { case defaultServiceId, fees, effectiveFrom, reissue }
}

/// What a rule change did: how many unbilled sessions now bill differently.
struct BillingChangeResult: Codable, Sendable {
    let billing: ClientBilling
    let sessionsRepriced: Int
    /// Undo with `POST /api/v1/billing-changes/{changeId}/undo`.
    let changeId: UUID?
    /// With `reissue`: the invoices re-issued with the change.
    var reissued: [BillingChangeReport.Reissued] = []
}
