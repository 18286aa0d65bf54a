import Fluent
import Foundation
import RapportCore

/// A client's coverage with one payer: its rank, the numbers on the card, the dates it is in force,
/// who the subscriber is (the client, or another person named here), and what the client is
/// expected to pay (copay, coinsurance, deductible left).
final class Policy: Model, @unchecked Sendable {
    static let schema = "policies"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "client_id") var clientID: UUID
    @Field(key: "payer_id") var payerID: UUID
    @Field(key: "rank") var rank: PayerRank
    @Field(key: "member_id") var memberID: PolicyReference
    @OptionalField(key: "group_number") var groupNumber: PolicyReference?
    @Field(key: "effective_from") var effectiveFrom: LocalDate
    @OptionalField(key: "effective_to") var effectiveTo: LocalDate?
    /// The client's relation to the subscriber; `.subscriber` (self) leaves the subscriber columns empty.
    @Field(key: "relationship") var relationship: SubscriberRelationship
    @OptionalField(key: "subscriber_last_name") var subscriberLastName: String?
    @OptionalField(key: "subscriber_first_name") var subscriberFirstName: String?
    @OptionalField(key: "subscriber_birth_date") var subscriberBirthDate: LocalDate?
    @OptionalField(key: "subscriber_sex") var subscriberSex: Sex?
    @OptionalField(key: "address_line1") var addressLine1: String?
    @OptionalField(key: "address_line2") var addressLine2: String?
    @OptionalField(key: "address_city") var addressCity: String?
    @OptionalField(key: "address_state") var addressState: String?
    @OptionalField(key: "address_zip") var addressZIP: ZIPCode?
    @OptionalField(key: "copay") var copay: Int64?
    @OptionalField(key: "coinsurance_percent") var coinsurancePercent: Int?
    @OptionalField(key: "deductible_remaining") var deductibleRemaining: Int64?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    /// Listed, so FluentKit need not reflect over the model for each row (ModelPropertyTests).
    var properties: [any AnyProperty] {
        [
            $id, $practiceID, $clientID, $payerID, $rank, $memberID, $groupNumber, $effectiveFrom, $effectiveTo,
            $relationship, $subscriberLastName, $subscriberFirstName, $subscriberBirthDate, $subscriberSex,
            $addressLine1, $addressLine2, $addressCity, $addressState, $addressZIP, $copay, $coinsurancePercent,
            $deductibleRemaining, $createdAt
        ]
    }

    init() {}

    var period: CoveragePeriod? { CoveragePeriod(from: effectiveFrom, to: effectiveTo) }
}

/// A payer's approval of a number of visits between two dates, under one policy.
final class PriorAuthorization: Model, @unchecked Sendable {
    static let schema = "prior_authorizations"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "policy_id") var policyID: UUID
    @Field(key: "number") var number: PolicyReference
    @Field(key: "visits") var visits: Int
    @Field(key: "starts_on") var startsOn: LocalDate
    @Field(key: "ends_on") var endsOn: LocalDate
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    /// Listed, so FluentKit need not reflect over the model for each row (ModelPropertyTests).
    var properties: [any AnyProperty] {
        [
            $id, $practiceID, $policyID, $number, $visits, $startsOn, $endsOn, $createdAt
        ]
    }

    init() {}
}

extension Policy: AddressColumns {}
