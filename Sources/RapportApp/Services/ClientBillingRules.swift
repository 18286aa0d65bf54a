import Fluent
import RapportCore
import Vapor

/// The client's Billing and Insurance settings: default service and custom fees, effective from a
/// date. Every change reprices the client's unbilled sessions from that date in the same transaction
/// — the step the help article's users had to do by hand, session by session.
struct ClientBillingRules {
    let database: any Database
    let actor: Actor

    func get(_ clientID: UUID) async throws -> ClientBillingContent {
        let practice = try await PracticeContext.load(actor.practiceID, on: database)
        _ = try await Lookup(database: database, practiceID: actor.practiceID).client(clientID)
        return try await content(clientID, practice: practice, on: database)
    }

    func update(_ clientID: UUID, _ patch: ClientBillingPatch) async throws -> BillingChangeResult {
        try await database.transaction { db in
            let practice = try await PracticeContext.load(actor.practiceID, on: db)
            let lookup = Lookup(database: db, practiceID: actor.practiceID)
            _ = try await lookup.client(clientID)
            let before = try await content(clientID, practice: practice, on: db)
            let from = patch.effectiveFrom ?? .distantPast
            var errors = FieldErrors()
            if let serviceID = patch.defaultServiceId?.value {
                let service = try await lookup.reference("defaultServiceId") { try await lookup.service(serviceID) }
                if !service.active { errors.add("defaultServiceId", "is a deactivated service") }
            }
            var fees: [(UUID, Int64?)] = []
            for (index, change) in (patch.fees ?? []).enumerated() {
                _ = try await lookup.reference("fees.\(index).serviceId") { try await lookup.service(change.serviceId) }
                if fees.contains(where: { $0.0 == change.serviceId }) {
                    errors.add("fees.\(index).serviceId", "is listed twice")
                }
                fees.append(
                    (
                        change.serviceId,
                        change.amount.flatMap { practice.validated($0, field: "fees.\(index).amount", errors: &errors) }
                    ))
            }
            if patch.defaultServiceId == nil, fees.isEmpty { errors.add("defaultServiceId", "or fees must be given") }
            try errors.throwIfAny()

            if let change = patch.defaultServiceId {
                try await ClientDefaultService.query(on: db).filter(\.$clientID == clientID)
                    .filter(
                        from == .distantPast
                            ? \.$effectiveFrom >= from.description : \.$effectiveFrom == from.description
                    ).delete()
                try await ClientDefaultService(
                    practiceID: actor.practiceID, clientID: clientID, serviceID: change.value,
                    effectiveFrom: from.description
                ).create(on: db)
            }
            for (serviceID, amount) in fees {
                try await ClientFee.query(on: db).filter(\.$clientID == clientID).filter(\.$serviceID == serviceID)
                    .filter(
                        from == .distantPast
                            ? \.$effectiveFrom >= from.description : \.$effectiveFrom == from.description
                    ).delete()
                try await ClientFee(
                    practiceID: actor.practiceID, clientID: clientID, serviceID: serviceID, amount: amount,
                    effectiveFrom: from.description
                ).create(on: db)
            }
            let repriced = try await Repricer(database: db, practice: practice)
                .reprice(clients: [clientID], from: from == .distantPast ? nil : from)
            let after = try await content(clientID, practice: practice, on: db)
            try await AuditLog(database: db, actor: actor).record(
                "update", "clientBilling", id: clientID, before: before, after: after)
            return BillingChangeResult(billing: after, sessionsRepriced: repriced)
        }
    }

    private func content(
        _ clientID: UUID, practice: PracticeContext, on db: any Database
    ) async throws -> ClientBillingContent {
        let services = try await Lookup(database: db, practiceID: actor.practiceID).servicesByID()
        let defaults = try await ClientDefaultService.query(on: db).filter(\.$clientID == clientID).sort(
            \.$effectiveFrom
        ).all()
        let fees = try await ClientFee.query(on: db).filter(\.$clientID == clientID).sort(\.$effectiveFrom).all()
        let today = practice.today.description
        let feeHistory = fees.map {
            ClientBillingContent.FeeEntry(
                serviceId: $0.serviceID, serviceCode: services[$0.serviceID]?.code ?? "",
                amount: $0.amount.map(practice.money), effectiveFrom: effectiveDate($0.effectiveFrom))
        }
        var current: [UUID: ClientBillingContent.FeeEntry] = [:]
        for (row, entry) in zip(fees, feeHistory) where row.effectiveFrom <= today { current[row.serviceID] = entry }
        return ClientBillingContent(
            clientId: clientID,
            defaultServiceId: defaults.last { $0.effectiveFrom <= today }?.serviceID,
            defaultServiceHistory: defaults.map {
                .init(
                    serviceId: $0.serviceID, serviceCode: $0.serviceID.flatMap { services[$0]?.code },
                    effectiveFrom: effectiveDate($0.effectiveFrom))
            },
            fees: current.values.filter { $0.amount != nil }.sorted { $0.serviceCode < $1.serviceCode },
            feeHistory: feeHistory)
    }
}
