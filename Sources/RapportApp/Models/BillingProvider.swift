import Fluent
import Foundation
import RapportCore

/// The practice as claims name it: an organisation or a solo clinician, with its NPI, tax ID,
/// taxonomy, street address, optional pay-to address and default place of service.
final class BillingProviderRow: Model, @unchecked Sendable {
    static let schema = "billing_providers"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "entity") var entity: BillingEntity
    @OptionalField(key: "organization_name") var organizationName: String?
    @OptionalField(key: "last_name") var lastName: String?
    @OptionalField(key: "first_name") var firstName: String?
    @Field(key: "npi") var npi: NPI
    @Field(key: "tax_id") var taxID: String
    @Field(key: "tax_id_kind") var taxIDKind: TaxID.Kind
    @Field(key: "taxonomy") var taxonomy: TaxonomyCode
    @Field(key: "address_line1") var addressLine1: String
    @OptionalField(key: "address_line2") var addressLine2: String?
    @Field(key: "address_city") var addressCity: String
    @Field(key: "address_state") var addressState: String
    @Field(key: "address_zip") var addressZIP: ZIPCode
    @OptionalField(key: "pay_to_line1") var payToLine1: String?
    @OptionalField(key: "pay_to_line2") var payToLine2: String?
    @OptionalField(key: "pay_to_city") var payToCity: String?
    @OptionalField(key: "pay_to_state") var payToState: String?
    @OptionalField(key: "pay_to_zip") var payToZIP: ZIPCode?
    @Field(key: "place_of_service") var placeOfService: PlaceOfService
    /// Ten digits, when given: superbills carry it.
    @OptionalField(key: "phone") var phone: String?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    /// Listed, so FluentKit need not reflect over the model for each row (ModelPropertyTests).
    var properties: [any AnyProperty] {
        [
            $id, $practiceID, $entity, $organizationName, $lastName, $firstName, $npi, $taxID, $taxIDKind, $taxonomy,
            $addressLine1, $addressLine2, $addressCity, $addressState, $addressZIP, $payToLine1, $payToLine2,
            $payToCity, $payToState, $payToZIP, $placeOfService, $phone, $updatedAt
        ]
    }

    init() {}
}

/// Whether the practice bills as an organisation (NPI type 2) or as one clinician (type 1).
enum BillingEntity: String, Codable, Sendable, CaseIterable, StoredText {
    case organization, person
    static var column: String { "billing_providers.entity" }
}
