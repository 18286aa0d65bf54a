import Fluent
import Foundation
import RapportCore

/// A client's insurance policies and their prior authorizations. A client has at most one policy of
/// each rank on any day; visits against an authorization are counted from the calendar.
struct ClientPolicies {
    let database: any Database
    let actor: Actor

    func list(_ clientID: UUID) async throws -> [PolicyDetails] {
        _ = try await Lookup(database: database, actor: actor).client(clientID)
        // Primary first, then secondary and tertiary; within a rank, the latest first.
        func order(_ policy: Policy) -> Int { PayerRank.allCases.firstIndex(of: policy.rank) ?? 0 }
        let policies = try await Policy.query(on: database).filter(\.$clientID == clientID).all().sorted {
            (order($0), $1.effectiveFrom) < (order($1), $0.effectiveFrom)
        }
        return try await details(policies, clientID: clientID, on: database)
    }

    func get(_ clientID: UUID, _ policyID: UUID) async throws -> PolicyDetails {
        try await details(try await policy(policyID, of: clientID, on: database), on: database)
    }

    /// Adds a policy, recorded as a coverage change that can be undone.
    func create(_ clientID: UUID, _ input: PolicyInput) async throws -> PolicyDetails {
        try await CoverageChanges(database: database, actor: actor).apply(clientID, .create(input))
    }

    func update(_ clientID: UUID, _ policyID: UUID, _ input: PolicyInput) async throws -> PolicyDetails {
        try await CoverageChanges(database: database, actor: actor).apply(clientID, .update(policyID, input))
    }

    /// Removes a policy entered by mistake, with its authorizations. (A policy that has ended is
    /// given its last day instead, so the history of what covered the client stays.)
    func delete(_ clientID: UUID, _ policyID: UUID) async throws -> PolicyDetails {
        try await CoverageChanges(database: database, actor: actor).apply(clientID, .delete(policyID))
    }

    /// Adds a policy inside the caller's transaction.
    func create(_ clientID: UUID, _ input: PolicyInput, on db: any Database) async throws -> PolicyDetails {
        _ = try await Lookup(database: db, actor: actor).client(clientID)
        var errors = FieldErrors()
        errors.require([
            "payerId": input.payerId != nil, "rank": input.rank != nil, "memberId": input.memberId != nil,
            "effectiveFrom": input.effectiveFrom != nil,
        ])
        // Every field starts set: a new row's field read before it is set would trap.
        let policy = Policy()
        (policy.practiceID, policy.clientID, policy.payerID, policy.rank) = (
            actor.practiceID, clientID, input.payerId ?? UUID(), .primary
        )
        (policy.memberID, policy.effectiveFrom, policy.relationship) = (
            PolicyReference("PENDING")!, .distantPast, .subscriber
        )
        try await PolicyRules(actor: actor, database: db).apply(input, to: policy, errors: &errors)
        try errors.throwIfAny()
        try await policy.create(on: db)
        let after = try await details(policy, on: db)
        try await AuditLog(database: db, actor: actor).record("create", "policy", id: after.id, after: after)
        return after
    }

    /// Changes a policy inside the caller's transaction.
    func update(
        _ clientID: UUID, _ policyID: UUID, _ input: PolicyInput, on db: any Database
    ) async throws -> PolicyDetails {
        let policy = try await policy(policyID, of: clientID, on: db)
        let before = try await details(policy, on: db)
        var errors = FieldErrors()
        try await PolicyRules(actor: actor, database: db).apply(input, to: policy, errors: &errors)
        try errors.throwIfAny()
        try await policy.save(on: db)
        let after = try await details(policy, on: db)
        try await AuditLog(database: db, actor: actor).record(
            "update", "policy", id: policyID, before: before, after: after)
        return after
    }

    /// Removes a policy inside the caller's transaction; refused while claims hold it.
    func delete(_ clientID: UUID, _ policyID: UUID, on db: any Database) async throws -> PolicyDetails {
        let policy = try await policy(policyID, of: clientID, on: db)
        let claims = try await ClaimRow.query(on: db).filter(\.$policyID == policyID).count()
        if claims > 0 {
            throw UseCaseError.conflict(
                "policy_has_claims",
                "this policy has \(claims) claim\(claims == 1 ? "" : "s"): give it its last day instead, so they keep it")
        }
        let before = try await details(policy, on: db)
        try await PriorAuthorization.query(on: db).filter(\.$policyID == policyID).delete()
        try await policy.delete(on: db)
        try await AuditLog(database: db, actor: actor).record("delete", "policy", id: policyID, before: before)
        return before
    }

    /// Sets whether the client pays for their sessions themselves although insured (a session may
    /// still choose otherwise); their unbilled sessions follow at once.
    func setSelfPay(_ clientID: UUID, _ input: SelfPayInput) async throws -> ClientDetails {
        try await database.writeTransaction(practice: actor.practiceID) { db in
            let client = try await Lookup(database: db, actor: actor).client(clientID)
            let before = try ClientDetails(client)
            client.selfPay = input.selfPay
            try await client.save(on: db)
            let after = try ClientDetails(client)
            try await AuditLog(database: db, actor: actor).record(
                "update", "clientSelfPay", id: clientID, before: before.selfPay, after: after.selfPay)
            return after
        }
    }

    func addAuthorization(_ clientID: UUID, _ policyID: UUID, _ input: AuthorizationInput) async throws
        -> PolicyDetails
    {
        try await changeAuthorizations(clientID, policyID) { policy, db in
            var errors = FieldErrors()
            errors.require([
                "number": input.number != nil, "visits": input.visits != nil, "startsOn": input.startsOn != nil,
                "endsOn": input.endsOn != nil,
            ])
            let authorization = PriorAuthorization()
            (authorization.practiceID, authorization.policyID, authorization.number) = (
                actor.practiceID, try policy.requireID(), PolicyReference("PENDING")!
            )
            (authorization.visits, authorization.startsOn, authorization.endsOn) = (1, policy.effectiveFrom, .distantPast)
            PolicyRules.apply(input, to: authorization, within: policy, errors: &errors)
            try errors.throwIfAny()
            try await authorization.create(on: db)
        }
    }

    func updateAuthorization(
        _ clientID: UUID, _ policyID: UUID, _ authorizationID: UUID, _ input: AuthorizationInput
    ) async throws -> PolicyDetails {
        try await changeAuthorizations(clientID, policyID) { policy, db in
            let authorization = try await authorization(authorizationID, of: policyID, on: db)
            var errors = FieldErrors()
            PolicyRules.apply(input, to: authorization, within: policy, errors: &errors)
            try errors.throwIfAny()
            try await authorization.save(on: db)
        }
    }

    func deleteAuthorization(_ clientID: UUID, _ policyID: UUID, _ authorizationID: UUID) async throws
        -> PolicyDetails
    {
        try await changeAuthorizations(clientID, policyID) { _, db in
            try await authorization(authorizationID, of: policyID, on: db).delete(on: db)
        }
    }

    /// One change to a policy's authorizations in one transaction, audited as a change of the policy.
    private func changeAuthorizations(
        _ clientID: UUID, _ policyID: UUID, _ change: @escaping @Sendable (Policy, any Database) async throws -> Void
    ) async throws -> PolicyDetails {
        try await database.writeTransaction(practice: actor.practiceID) { db in
            let policy = try await policy(policyID, of: clientID, on: db)
            let before = try await details(policy, on: db)
            try await change(policy, db)
            let after = try await details(policy, on: db)
            try await AuditLog(database: db, actor: actor).record(
                "update", "policyAuthorizations", id: policyID, before: before.authorizations,
                after: after.authorizations)
            return after
        }
    }

    private func policy(_ id: UUID, of clientID: UUID, on db: any Database) async throws -> Policy {
        _ = try await Lookup(database: db, actor: actor).client(clientID)
        guard
            let policy = try await Policy.query(on: db).filter(\.$id == id).filter(\.$clientID == clientID)
                .filter(\.$practiceID == actor.practiceID).first()
        else { throw UseCaseError.notFound("policy") }
        return policy
    }

    private func authorization(_ id: UUID, of policyID: UUID, on db: any Database) async throws
        -> PriorAuthorization
    {
        guard
            let row = try await PriorAuthorization.query(on: db).filter(\.$id == id).filter(\.$policyID == policyID)
                .first()
        else { throw UseCaseError.notFound("authorization") }
        return row
    }

    private func details(_ policy: Policy, on db: any Database) async throws -> PolicyDetails {
        let all = try await details([policy], clientID: policy.clientID, on: db)
        guard let one = all.first else { throw UseCaseError.notFound("policy") }
        return one
    }

    /// The policies as the API shows them, with each authorization's visits counted from the
    /// client's sessions in its dates (one read of the sessions for all of them).
    private func details(_ policies: [Policy], clientID: UUID, on db: any Database) async throws -> [PolicyDetails] {
        guard !policies.isEmpty else { return [] }
        let practice = try await PracticeContext.of(actor, on: db)
        let policyIDs = try policies.map { try $0.requireID() }
        let authorizations = try await PriorAuthorization.query(on: db).filter(\.$policyID ~~ policyIDs).all()
        let payerIDs = Array(Set(policies.map(\.payerID)))
        let payers = try await Payer.query(on: db).filter(\.$id ~~ payerIDs).all()
        let names = Dictionary(uniqueKeysWithValues: try payers.map { (try $0.requireID(), $0.name) })
        var sessions: [(date: LocalDate, attendance: Attendance, isPast: Bool)] = []
        if let first = authorizations.map(\.startsOn).min(), let last = authorizations.map(\.endsOn).max() {
            let now = Date()
            sessions = try await Session.query(on: db).filter(\.$clientID == clientID)
                .filter(\.$startsAt >= practice.timeZone.startOfDay(first))
                .filter(\.$startsAt < practice.timeZone.startOfDay(last.adding(days: 1)))
                .all().map { (practice.date(of: $0.startsAt), $0.attendance, $0.startsAt <= now) }
        }
        let byPolicy = Dictionary(grouping: authorizations, by: \.policyID)
        return try policies.map { policy in
            let counted = (byPolicy[try policy.requireID()] ?? []).sorted { $0.startsOn < $1.startsOn }.map { row in
                var use = AuthorizationUse(authorized: row.visits)
                for session in sessions where row.startsOn <= session.date && session.date <= row.endsOn {
                    use.count(attendance: session.attendance, isPast: session.isPast)
                }
                return (row, use)
            }
            return try PolicyDetails(
                policy, payerName: names[policy.payerID] ?? "", authorizations: counted, practice: practice)
        }
    }
}

extension PolicyDetails {
    init(
        _ policy: Policy, payerName: String, authorizations: [(PriorAuthorization, AuthorizationUse)],
        practice: PracticeContext
    ) throws {
        id = try policy.requireID()
        clientId = policy.clientID
        payerId = policy.payerID
        self.payerName = payerName
        rank = policy.rank.word
        memberId = policy.memberID.description
        groupNumber = policy.groupNumber?.description
        effectiveFrom = policy.effectiveFrom
        effectiveTo = policy.effectiveTo
        inForce = policy.period?.contains(practice.today) ?? false
        relationship = policy.relationship.word
        subscriber = policy.subscriberLastName.map { last in
            SubscriberDetails(
                firstName: policy.subscriberFirstName ?? "", lastName: last, dateOfBirth: policy.subscriberBirthDate,
                sex: policy.subscriberSex, address: policy.address.map(AddressDetails.init))
        }
        copay = policy.copay.map(practice.money)
        coinsurancePercent = policy.coinsurancePercent
        deductibleRemaining = policy.deductibleRemaining.map(practice.money)
        self.authorizations = try authorizations.map { row, use in
            AuthorizationDetails(
                id: try row.requireID(), number: row.number.description, visits: row.visits, startsOn: row.startsOn,
                endsOn: row.endsOn, visitsUsed: use.used, visitsScheduled: use.scheduled,
                visitsRemaining: use.remaining)
        }
    }
}
