import Fluent
import Foundation
import RapportCore

/// What a policy and its authorizations must be: each problem named on its field.
struct PolicyRules {
    let actor: Actor
    let database: any Database

    /// Applies what `input` gives to `policy`, then checks the whole: the payer is one of this
    /// practice's, the dates read forwards, a subscriber is named when the client is not one, and
    /// no other policy of the client holds the same rank on any of the same days.
    func apply(_ input: PolicyInput, to policy: Policy, errors: inout FieldErrors) async throws {
        let practice = try await PracticeContext.of(actor, on: database)
        if let payerID = input.payerId {
            let payer = try await Payer.query(on: database).filter(\.$id == payerID)
                .filter(\.$practiceID == actor.practiceID).first()
            if payer == nil {
                errors.add("payerId", "does not name a payer of this practice")
            } else if payer?.active == false, policy.id == nil || payerID != policy.payerID {
                errors.add("payerId", "is inactive: make it active in Settings → Payers first")
            }
            policy.payerID = payerID
        }
        if let rank = input.rank {
            if let value = PayerRank(word: rank) {
                policy.rank = value
            } else {
                errors.add("rank", "must be primary, secondary or tertiary")
            }
        }
        if let member = input.memberId {
            policy.memberID = Self.reference(member, field: "memberId", errors: &errors) ?? policy.memberID
        }
        if let group = input.groupNumber {
            policy.groupNumber = group.value.flatMap {
                $0.trimmingCharacters(in: .whitespaces).isEmpty
                    ? nil : Self.reference($0, field: "groupNumber", errors: &errors)
            }
        }
        if let from = input.effectiveFrom {
            policy.effectiveFrom = Self.plausible(from, field: "effectiveFrom", errors: &errors) ?? policy.effectiveFrom
        }
        if let to = input.effectiveTo {
            policy.effectiveTo = to.value.flatMap { Self.plausible($0, field: "effectiveTo", errors: &errors) }
        }
        if let relationship = input.relationship {
            if let value = SubscriberRelationship(word: relationship) {
                policy.relationship = value
            } else {
                errors.add("relationship", "must be self, spouse, child or other")
            }
        }
        applySubscriber(input, to: policy, errors: &errors)
        if let copay = input.copay {
            policy.copay = copay.value.flatMap { practice.validated($0, field: "copay", errors: &errors) }
        }
        if let percent = input.coinsurancePercent {
            if let value = percent.value, !(0...100).contains(value) {
                errors.add("coinsurancePercent", "must be a percentage from 0 to 100")
            }
            policy.coinsurancePercent = percent.value.map { min(max($0, 0), 100) }
        }
        if let deductible = input.deductibleRemaining {
            policy.deductibleRemaining = deductible.value.flatMap {
                practice.validated($0, field: "deductibleRemaining", errors: &errors)
            }
        }
        if let to = policy.effectiveTo, to < policy.effectiveFrom {
            errors.add("effectiveTo", "must be on or after the date the policy starts (\(policy.effectiveFrom))")
        }
        try await checkRankIsFree(policy, errors: &errors)
    }

    /// The subscriber's details: required unless the client is the subscriber, refused when they are.
    private func applySubscriber(_ input: PolicyInput, to policy: Policy, errors: inout FieldErrors) {
        switch input.subscriber {
        case .set(let subscriber)?:
            if policy.relationship == .subscriber {
                errors.add("subscriber", "must be left out when the client is the subscriber (relationship self)")
                return
            }
            let field = FieldPath(key: "subscriber")
            policy.subscriberFirstName = TextInput.required(
                subscriber.firstName, field: field.appending("firstName"), limit: 35, errors: &errors)
            policy.subscriberLastName = TextInput.required(
                subscriber.lastName, field: field.appending("lastName"), limit: 60, errors: &errors)
            if let birth = subscriber.dateOfBirth {
                policy.subscriberBirthDate = PersonInput.birthDate(
                    birth, field: field.appending("dateOfBirth"), errors: &errors)
            } else {
                errors.add(field.appending("dateOfBirth"), "is required: the payer matches the subscriber by it")
            }
            if let sex = subscriber.sex {
                policy.subscriberSex = PersonInput.sex(sex, field: field.appending("sex"), errors: &errors)
            } else {
                errors.add(field.appending("sex"), "is required: female, male or unknown")
            }
            policy.address = subscriber.address.flatMap {
                $0.address(at: field.appending("address"), forBilling: false, errors: &errors)
            }
        case .clear?, nil:
            if policy.relationship == .subscriber || input.subscriber != nil {
                (policy.subscriberFirstName, policy.subscriberLastName) = (nil, nil)
                (policy.subscriberBirthDate, policy.subscriberSex, policy.address) = (nil, nil, nil)
            }
            if policy.relationship != .subscriber, policy.subscriberLastName == nil {
                errors.add(
                    "subscriber",
                    "is required when the client is not the subscriber: their name, date of birth and sex")
            }
        }
    }

    /// A client has one policy of each rank on any day: a second primary must wait for the first to end.
    private func checkRankIsFree(_ policy: Policy, errors: inout FieldErrors) async throws {
        guard let period = policy.period else { return }
        let others = Policy.query(on: database).filter(\.$clientID == policy.clientID).filter(\.$rank == policy.rank)
        if let id = policy.id { others.filter(\.$id != id) }
        for other in try await others.all() where other.period.map(period.overlaps) ?? false {
            let payer = try await Payer.find(other.payerID, on: database)?.name ?? "another payer"
            let dates = other.period.map(Self.describe) ?? "from \(other.effectiveFrom)"
            errors.add(
                "rank",
                "is taken: the client's \(policy.rank.word) policy with \(payer) covers \(dates); give that one its last day, or choose another rank"
            )
            return
        }
    }

    /// What `input` gives an authorization, checked: a number, 1–999 visits, dates that read
    /// forwards and fall while the policy is in force.
    static func apply(
        _ input: AuthorizationInput, to authorization: PriorAuthorization, within policy: Policy,
        errors: inout FieldErrors
    ) {
        if let number = input.number {
            authorization.number = reference(number, field: "number", errors: &errors) ?? authorization.number
        }
        if let visits = input.visits {
            if (1...999).contains(visits) {
                authorization.visits = visits
            } else {
                errors.add("visits", "must be from 1 to 999")
            }
        }
        if let start = input.startsOn {
            authorization.startsOn = plausible(start, field: "startsOn", errors: &errors) ?? authorization.startsOn
        }
        if let end = input.endsOn {
            authorization.endsOn = plausible(end, field: "endsOn", errors: &errors) ?? authorization.endsOn
        }
        guard errors.fields.isEmpty else { return }
        if authorization.endsOn < authorization.startsOn {
            errors.add("endsOn", "must be on or after the first day it covers (\(authorization.startsOn))")
        } else if let period = policy.period, !period.contains(authorization.startsOn) {
            errors.add("startsOn", "must fall while the policy is in force (\(Self.describe(period)))")
        }
    }

    static func describe(_ period: CoveragePeriod) -> String {
        "from \(period.from)" + (period.to.map { " to \($0)" } ?? "")
    }

    private static func reference(_ text: String, field: FieldPath, errors: inout FieldErrors) -> PolicyReference? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let reference = PolicyReference(trimmed) else {
            errors.add(field, PolicyReference.problem(trimmed) ?? "is not valid")
            return nil
        }
        return reference
    }

    /// A coverage date within reason: the years a policy can be in force in.
    private static func plausible(_ date: LocalDate, field: FieldPath, errors: inout FieldErrors) -> LocalDate? {
        guard (1900...2199).contains(date.year) else {
            errors.add(field, "must be a date between 1900 and 2199")
            return nil
        }
        return date
    }
}
