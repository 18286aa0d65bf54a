import Foundation
import RapportCore

struct PayerInput: UseCaseInput {
    var name: String?
    /// The payer ID the practice's clearinghouse knows the insurer by (such as 60054).
    var payerId: String?
    /// The kind of plan: CI commercial, BL Blue Cross/Blue Shield, HM HMO, MB Medicare Part B, MC Medicaid…
    var filingIndicator: String?
    var address: Patch<AddressInput>?
    /// Whether telehealth lines to this payer carry modifier 95.
    var telehealthModifier: Bool?
    var active: Bool?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, payerId, filingIndicator, address, telehealthModifier, active
    }
}

/// What a payer allows for a service from a date (without one: from the beginning).
struct PayerRateInput: UseCaseInput {
    var serviceId: UUID
    var amount: Money
    var effectiveFrom: LocalDate?

    enum CodingKeys: String, CodingKey, CaseIterable { case serviceId, amount, effectiveFrom }
}

struct PayerDetails: Codable, Sendable {
    struct Rate: Codable, Sendable {
        let serviceId: UUID
        let serviceCode: String
        let amount: Money
        /// Nil: from the beginning.
        let effectiveFrom: LocalDate?
    }

    let id: UUID
    let name: String
    let payerId: String
    let filingIndicator: ClaimFilingIndicator
    let address: AddressDetails?
    let telehealthModifier: Bool
    let active: Bool
    /// Every contracted rate, by service and date.
    let rates: [Rate]
    /// The allowed amount in force today, per service.
    let currentRates: [Rate]
    /// After a rate change: the change, to undo with `POST /billing-changes/{id}/undo`.
    var changeId: UUID?
}
