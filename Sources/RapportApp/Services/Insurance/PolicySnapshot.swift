import Fluent
import Foundation
import RapportCore

/// A policy row and its authorizations as a coverage change records them, to put back on undo.
struct PolicySnapshot: Codable, Sendable {
    struct Authorization: Codable, Sendable {
        let id: UUID
        let number: PolicyReference
        let visits: Int
        let startsOn: LocalDate
        let endsOn: LocalDate
    }

    let id: UUID
    let payerID: UUID
    let rank: PayerRank
    let memberID: PolicyReference
    let groupNumber: PolicyReference?
    let effectiveFrom: LocalDate
    let effectiveTo: LocalDate?
    let relationship: SubscriberRelationship
    let subscriberLastName: String?
    let subscriberFirstName: String?
    let subscriberBirthDate: LocalDate?
    let subscriberSex: Sex?
    let address: PostalAddress?
    let copay: Int64?
    let coinsurancePercent: Int?
    let deductibleRemaining: Int64?
    let authorizations: [Authorization]

    /// The policy `id` as stored now.
    static func of(_ id: UUID, on db: any Database) async throws -> PolicySnapshot {
        guard let policy = try await Policy.find(id, on: db) else { throw UseCaseError.notFound("policy") }
        return try await PolicySnapshot(policy, on: db)
    }

    /// The policy `id` of one client, as stored now; another client's is not found.
    static func of(_ id: UUID, clientID: UUID, practiceID: UUID, on db: any Database) async throws -> PolicySnapshot {
        guard
            let policy = try await Policy.query(on: db).filter(\.$id == id).filter(\.$clientID == clientID)
                .filter(\.$practiceID == practiceID).first()
        else { throw UseCaseError.notFound("policy") }
        return try await PolicySnapshot(policy, on: db)
    }

    private init(_ policy: Policy, on db: any Database) async throws {
        id = try policy.requireID()
        (payerID, rank, memberID, groupNumber) = (policy.payerID, policy.rank, policy.memberID, policy.groupNumber)
        (effectiveFrom, effectiveTo, relationship) = (policy.effectiveFrom, policy.effectiveTo, policy.relationship)
        (subscriberLastName, subscriberFirstName) = (policy.subscriberLastName, policy.subscriberFirstName)
        (subscriberBirthDate, subscriberSex, address) = (policy.subscriberBirthDate, policy.subscriberSex, policy.address)
        (copay, coinsurancePercent, deductibleRemaining) = (
            policy.copay, policy.coinsurancePercent, policy.deductibleRemaining
        )
        authorizations = try await PriorAuthorization.query(on: db).filter(\.$policyID == id).all().map {
            Authorization(
                id: try $0.requireID(), number: $0.number, visits: $0.visits, startsOn: $0.startsOn, endsOn: $0.endsOn)
        }
    }

    /// Writes the policy back as it was, under its own id, with its authorizations.
    func restore(practiceID: UUID, clientID: UUID, on db: any Database) async throws {
        let policy = try await Policy.find(id, on: db) ?? Policy()
        policy.id = id
        (policy.practiceID, policy.clientID, policy.payerID, policy.rank) = (practiceID, clientID, payerID, rank)
        (policy.memberID, policy.groupNumber, policy.effectiveFrom) = (memberID, groupNumber, effectiveFrom)
        (policy.effectiveTo, policy.relationship) = (effectiveTo, relationship)
        (policy.subscriberLastName, policy.subscriberFirstName) = (subscriberLastName, subscriberFirstName)
        (policy.subscriberBirthDate, policy.subscriberSex, policy.address) = (subscriberBirthDate, subscriberSex, address)
        (policy.copay, policy.coinsurancePercent, policy.deductibleRemaining) = (
            copay, coinsurancePercent, deductibleRemaining
        )
        try await policy.save(on: db)
        try await PriorAuthorization.query(on: db).filter(\.$policyID == id).delete()
        for kept in authorizations {
            let row = PriorAuthorization()
            (row.id, row.practiceID, row.policyID, row.number) = (kept.id, practiceID, id, kept.number)
            (row.visits, row.startsOn, row.endsOn) = (kept.visits, kept.startsOn, kept.endsOn)
            try await row.create(on: db)
        }
    }
}
