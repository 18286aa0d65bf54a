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

/// Whether the client pays for their sessions themselves although insured.
struct SelfPayInput: UseCaseInput {
    var selfPay: Bool

    enum CodingKeys: String, CodingKey, CaseIterable { case selfPay }
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
    /// On the answer to a create, change or removal: the change it made, to undo with
    /// `POST /billing-changes/{id}/undo`. Absent on reads.
    var changeId: UUID?
}

/// Where a session bills under the client's current policies and choices.
struct SessionBilling: Codable, Sendable, Equatable {
    /// `insurance` or `client`.
    let to: String
    /// Why the client pays: noPolicy, clientChoice, sessionChoice or notHeld; nil for insurance.
    let reason: SelfPayReason?
    let policyId: UUID?
    let payerId: UUID?
    let payerName: String?
    /// What the payer is expected to allow: its contracted rate, or the fee when it has none or
    /// the fee is less (`contracted` false).
    let allowed: Money?
    let contracted: Bool?
    /// What the client is expected to pay of the allowed amount (deductible, copay, coinsurance).
    let clientShare: Money?

    init(_ route: BillingRoute<UUID>, payerNames: [UUID: String]) {
        switch route {
        case .insurance(let plan, let payer, let allowed, let contracted, let share):
            (to, reason, policyId, payerId, payerName) = ("insurance", nil, plan, payer, payerNames[payer] ?? "")
            (self.allowed, self.contracted, clientShare) = (allowed, contracted, share)
        case .client(let why):
            (to, reason, policyId, payerId, payerName) = ("client", why, nil, nil, nil)
            (allowed, contracted, clientShare) = (nil, nil, nil)
        }
    }
}

/// A coverage change to preview: adding a policy (`policy` alone), changing one (`policyId` and
/// `policy`), or removing one (`policyId` and `remove`).
struct PolicyPreviewInput: UseCaseInput {
    var policyId: UUID?
    var policy: PolicyInput?
    var remove: Bool?

    enum CodingKeys: String, CodingKey, CaseIterable { case policyId, policy, remove }
}

/// What a coverage change does, or would: the unbilled sessions that bill someone else or another
/// share, and the invoices and claims that then differ from the rules.
struct CoverageChangeReport: Codable, Sendable {
    struct Rerouted: Codable, Sendable {
        let sessionId: UUID
        let start: Date
        let before: SessionBilling
        let after: SessionBilling
    }

    /// The recorded change, to undo with `POST /billing-changes/{id}/undo`; null on a preview.
    let changeId: UUID?
    let applied: Bool
    let rerouted: [Rerouted]
    let billedDiffering: [BilledDifference]
    let claimedDiffering: [ClaimDifference]
}
