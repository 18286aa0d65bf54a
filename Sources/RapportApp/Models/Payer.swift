import Fluent
import Foundation
import RapportCore

/// An insurer the practice bills: its name, the payer ID its clearinghouse knows it by, the kind of
/// plan (claim filing indicator), an address, and whether telehealth lines need modifier 95.
final class Payer: Model, @unchecked Sendable {
    static let schema = "payers"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "name") var name: String
    @Field(key: "payer_id") var payerID: String
    @Field(key: "filing_indicator") var filingIndicator: ClaimFilingIndicator
    @OptionalField(key: "address_line1") var addressLine1: String?
    @OptionalField(key: "address_line2") var addressLine2: String?
    @OptionalField(key: "address_city") var addressCity: String?
    @OptionalField(key: "address_state") var addressState: String?
    @OptionalField(key: "address_zip") var addressZIP: ZIPCode?
    @Field(key: "telehealth_modifier") var telehealthModifier: Bool
    @Field(key: "active") var active: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    /// Listed, so FluentKit need not reflect over the model for each row (ModelPropertyTests).
    var properties: [any AnyProperty] {
        [
            $id, $practiceID, $name, $payerID, $filingIndicator, $addressLine1, $addressLine2, $addressCity,
            $addressState, $addressZIP, $telehealthModifier, $active, $createdAt
        ]
    }

    init() {}
}

/// What a payer allows for a service from a date: the allowed amount that drives the client's share.
final class PayerRate: Model, @unchecked Sendable {
    static let schema = "payer_rates"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "payer_id") var payerID: UUID
    @Field(key: "service_id") var serviceID: UUID
    @Field(key: "amount") var amount: Int64
    @Field(key: "effective_from") var effectiveFrom: LocalDate
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    /// Listed, so FluentKit need not reflect over the model for each row (ModelPropertyTests).
    var properties: [any AnyProperty] { [$id, $practiceID, $payerID, $serviceID, $amount, $effectiveFrom, $createdAt] }

    init() {}
}

extension PayerRate: EffectiveDatedRow {}
