import Fluent
import Foundation
import RapportCore

/// A person who receives therapy and is billed for it.
final class Client: Model, @unchecked Sendable {
    static let schema = "clients"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "first_name") var firstName: String
    @Field(key: "last_name") var lastName: String
    /// Lower-cased "first last" for search.
    @Field(key: "search_name") var searchName: String
    @OptionalField(key: "email") var email: String?
    @OptionalField(key: "phone") var phone: String?
    @OptionalField(key: "date_of_birth") var dateOfBirth: LocalDate?
    @OptionalField(key: "sex") var sex: Sex?
    /// The home address claims carry for the patient (all five set, or none).
    @OptionalField(key: "address_line1") var addressLine1: String?
    @OptionalField(key: "address_line2") var addressLine2: String?
    @OptionalField(key: "address_city") var addressCity: String?
    @OptionalField(key: "address_state") var addressState: String?
    @OptionalField(key: "address_zip") var addressZIP: ZIPCode?
    @Field(key: "status") var status: String
    @OptionalField(key: "primary_clinician_id") var primaryClinicianID: UUID?
    /// The client pays for their sessions themselves, even when a policy covers them.
    @Field(key: "self_pay") var selfPay: Bool
    /// Its id in the product the practice came from (imports match on it).
    @OptionalField(key: "external_id") var externalID: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    /// Listed, so FluentKit need not reflect over the model for each row (ModelPropertyTests).
    var properties: [any AnyProperty] {
        [
            $id, $practiceID, $firstName, $lastName, $searchName, $email, $phone, $dateOfBirth, $sex, $addressLine1,
            $addressLine2, $addressCity, $addressState, $addressZIP, $status, $primaryClinicianID, $selfPay,
            $externalID, $createdAt
        ]
    }

    init() {}

    init(practiceID: UUID, firstName: String, lastName: String) {
        self.practiceID = practiceID
        self.firstName = firstName
        self.lastName = lastName
        self.searchName = "\(firstName) \(lastName)".lowercased()
        self.status = "active"
        self.selfPay = false
    }
}

/// The client's default service from a date on; a `nil` service ends the client default.
final class ClientDefaultService: Model, @unchecked Sendable {
    static let schema = "client_default_services"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "client_id") var clientID: UUID
    @OptionalField(key: "service_id") var serviceID: UUID?
    @Field(key: "effective_from") var effectiveFrom: LocalDate
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    /// Listed, so FluentKit need not reflect over the model for each row (ModelPropertyTests).
    var properties: [any AnyProperty] { [$id, $practiceID, $clientID, $serviceID, $effectiveFrom, $createdAt] }

    init() {}

    init(practiceID: UUID, clientID: UUID, serviceID: UUID?, effectiveFrom: LocalDate) {
        self.practiceID = practiceID
        self.clientID = clientID
        self.serviceID = serviceID
        self.effectiveFrom = effectiveFrom
    }
}

/// The client's custom fee for one service from a date on; a `nil` amount ends the custom fee.
final class ClientFee: Model, @unchecked Sendable {
    static let schema = "client_fees"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "client_id") var clientID: UUID
    @Field(key: "service_id") var serviceID: UUID
    @OptionalField(key: "amount") var amount: Int64?
    @Field(key: "effective_from") var effectiveFrom: LocalDate
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    /// Listed, so FluentKit need not reflect over the model for each row (ModelPropertyTests).
    var properties: [any AnyProperty] { [$id, $practiceID, $clientID, $serviceID, $amount, $effectiveFrom, $createdAt] }

    init() {}

    init(practiceID: UUID, clientID: UUID, serviceID: UUID, amount: Int64?, effectiveFrom: LocalDate) {
        self.practiceID = practiceID
        self.clientID = clientID
        self.serviceID = serviceID
        self.amount = amount
        self.effectiveFrom = effectiveFrom
    }
}
