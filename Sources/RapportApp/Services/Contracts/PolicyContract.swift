import Foundation
import RapportCore

/// The subscriber of a policy that is not the client's own: the person whose plan it is.
struct SubscriberInput: Codable, Sendable, Equatable {
    var firstName: String?
    var lastName: String?
    var dateOfBirth: LocalDate?
    /// female, male or unknown.
    var sex: String?
    /// Left out: the client's own address is the subscriber's.
    var address: AddressInput?

    enum CodingKeys: String, CodingKey, CaseIterable { case firstName, lastName, dateOfBirth, sex, address }
}

/// A policy as the API and the form send it. On create, payerId, rank, memberId and effectiveFrom
/// are required; on a change, what is left out stays as it is and `null` clears an optional value.
struct PolicyInput: UseCaseInput {
    var payerId: UUID?
    /// primary, secondary or tertiary.
    var rank: String?
    var memberId: String?
    var groupNumber: Patch<String>?
    var effectiveFrom: LocalDate?
    /// The last day covered; null: no end.
    var effectiveTo: Patch<LocalDate>?
    /// The client's relation to the subscriber: self, spouse, child or other.
    var relationship: String?
    /// Required unless the relationship is self.
    var subscriber: Patch<SubscriberInput>?
    var copay: Patch<Money>?
    var coinsurancePercent: Patch<Int>?
    var deductibleRemaining: Patch<Money>?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case payerId, rank, memberId, groupNumber, effectiveFrom, effectiveTo, relationship, subscriber, copay
        case coinsurancePercent, deductibleRemaining
    }
}

/// A prior authorization: the payer's number for it, the visits it allows and its dates (both included).
struct AuthorizationInput: UseCaseInput {
    var number: String?
    var visits: Int?
    var startsOn: LocalDate?
    var endsOn: LocalDate?

    enum CodingKeys: String, CodingKey, CaseIterable { case number, visits, startsOn, endsOn }
}

struct SubscriberDetails: Codable, Sendable, Equatable {
    let firstName: String
    let lastName: String
    let dateOfBirth: LocalDate?
    let sex: Sex?
    let address: AddressDetails?
}

struct AuthorizationDetails: Codable, Sendable, Equatable {
    let id: UUID
    let number: String
    let visits: Int
    let startsOn: LocalDate
    let endsOn: LocalDate
    /// Sessions in its dates that were held (or are past with attendance not recorded).
    let visitsUsed: Int
    /// Sessions in its dates still on the calendar.
    let visitsScheduled: Int
    /// Visits neither held nor booked; negative when more are booked than it allows.
    let visitsRemaining: Int
}

struct PolicyDetails: Codable, Sendable, Equatable {
    let id: UUID
    let clientId: UUID
    let payerId: UUID
    let payerName: String
    let rank: String
    let memberId: String
    let groupNumber: String?
    let effectiveFrom: LocalDate
    let effectiveTo: LocalDate?
    /// Whether it covers today.
    let inForce: Bool
    let relationship: String
    /// Nil when the client is the subscriber.
    let subscriber: SubscriberDetails?
    let copay: Money?
    let coinsurancePercent: Int?
    let deductibleRemaining: Money?
    let authorizations: [AuthorizationDetails]
}
