import Fluent
import Foundation
import RapportCore

/// The practice's services and their rates. A rate change applies from a date and reprices
/// unbilled sessions from then on; earlier rates are kept.
struct ServiceCatalog {
    let database: any Database
    let actor: Actor

    func list() async throws -> [ServiceDetails] {
        let practice = try await PracticeContext.of(actor, on: database)
        let services = try await Service.query(on: database).filter(\.$practiceID == actor.practiceID).sort(\.$code)
            .all()
        let rates = try await ServiceRate.query(on: database).filter(\.$practiceID == actor.practiceID).all()
        let ratesByService = Dictionary(grouping: rates, by: \.serviceID)
        return try services.map {
            try ServiceDetails($0, rates: ratesByService[try $0.requireID()] ?? [], practice: practice)
        }
    }

    /// A service's code and words, for pages that name the services of many sessions.
    struct Label: Sendable {
        let code: String
        let description: String
    }

    /// Every service's label by id: one read of the services, without their rates.
    func labels() async throws -> [UUID: Label] {
        try await Lookup(database: database, actor: actor).servicesByID().mapValues {
            Label(code: $0.code, description: $0.description)
        }
    }

    func get(_ id: UUID) async throws -> ServiceDetails {
        let practice = try await PracticeContext.of(actor, on: database)
        let service = try await Lookup(database: database, actor: actor).service(id)
        return try ServiceDetails(service, rates: try await rates(of: id, on: database), practice: practice)
    }

    func create(_ input: ServiceInput) async throws -> ServiceDetails {
        try await database.writeTransaction(practice: actor.practiceID) { db in
            let practice = try await PracticeContext.of(actor, on: db)
            var errors = FieldErrors()
            let code = TextInput.required(input.code, field: "code", limit: 20, errors: &errors)
            let description = TextInput.required(input.description, field: "description", errors: &errors)
            let duration = input.durationMinutes ?? 50
            if !(1...1440).contains(duration) { errors.add("durationMinutes", "must be between 1 and 1440") }
            var amount: Int64?
            if let rate = input.rate {
                amount = practice.validated(rate, field: "rate", errors: &errors)
            } else {
                errors.add("rate", "is required")
            }
            if input.rateEffectiveFrom != nil {
                errors.add("rateEffectiveFrom", "applies to rate changes, not to a new service")
            }
            if let code,
                try await Service.query(on: db).filter(\.$practiceID == actor.practiceID).filter(\.$code == code)
                    .count() > 0
            {
                errors.add("code", "is already used by another service")
            }
            try errors.throwIfAny()
            let service = Service(
                practiceID: actor.practiceID, code: code ?? "", description: description ?? "",
                durationMinutes: duration)
            service.active = input.active ?? true
            try await service.create(on: db)
            let serviceID = try service.requireID()
            try await ServiceRate(
                practiceID: actor.practiceID, serviceID: serviceID, amount: amount ?? 0,
                effectiveFrom: .distantPast
            ).create(on: db)
            // The first service becomes the practice default, so sessions can always be priced.
            if practice.defaultServiceID == nil, let row = try await Practice.find(actor.practiceID, on: db) {
                row.defaultServiceID = serviceID
                try await row.save(on: db)
                try await Repricer(database: db, practice: try PracticeContext(row)).reprice(clients: nil, from: nil)
            }
            let content = try ServiceDetails(
                service, rates: try await rates(of: serviceID, on: db),
                practice: try await PracticeContext.of(actor, on: db))
            try await AuditLog(database: db, actor: actor).record("create", "service", id: serviceID, after: content)
            return content
        }
    }

    func update(_ id: UUID, _ input: ServiceInput) async throws -> ServiceDetails {
        try await database.writeTransaction(practice: actor.practiceID) { db in
            let practice = try await PracticeContext.of(actor, on: db)
            let service = try await Lookup(database: db, actor: actor).service(id)
            let before = try ServiceDetails(service, rates: try await rates(of: id, on: db), practice: practice)
            var errors = FieldErrors()
            if let code = input.code, let checked = TextInput.required(code, field: "code", limit: 20, errors: &errors),
                checked != service.code
            {
                if try await Service.query(on: db).filter(\.$practiceID == actor.practiceID).filter(\.$code == checked)
                    .count() > 0
                {
                    errors.add("code", "is already used by another service")
                }
                service.code = checked
            }
            if let description = input.description {
                service.description =
                    TextInput.required(description, field: "description", errors: &errors) ?? service.description
            }
            if let duration = input.durationMinutes {
                if !(1...1440).contains(duration) { errors.add("durationMinutes", "must be between 1 and 1440") }
                service.durationMinutes = duration
            }
            if let active = input.active {
                if !active, practice.defaultServiceID == id {
                    errors.add(
                        "active", "the practice default service cannot be deactivated; choose another default first")
                }
                service.active = active
            }
            if input.rateEffectiveFrom != nil, input.rate == nil {
                errors.add("rate", "is required with rateEffectiveFrom")
            }
            let newRate = input.rate.flatMap { practice.validated($0, field: "rate", errors: &errors) }
            try errors.throwIfAny()
            try await service.save(on: db)
            if let rate = input.rate, newRate != nil {
                _ = try await BillingChanges(database: db, actor: actor).apply(
                    BillingChangeInput(serviceId: id, rate: rate, effectiveFrom: input.rateEffectiveFrom), on: db)
            }
            let after = try ServiceDetails(service, rates: try await rates(of: id, on: db), practice: practice)
            try await AuditLog(database: db, actor: actor).record(
                "update", "service", id: id, before: before, after: after)
            return after
        }
    }

    /// Deletes a service nobody has used; one in use must be deactivated instead, keeping history intact.
    func delete(_ id: UUID) async throws {
        try await database.writeTransaction(practice: actor.practiceID) { db in
            let practice = try await PracticeContext.of(actor, on: db)
            let service = try await Lookup(database: db, actor: actor).service(id)
            let uses =
                try await Session.query(on: db).group(.or) {
                    $0.filter(\.$serviceID == id).filter(\.$chosenServiceID == id)
                }.count()
                + Series.query(on: db).filter(\.$chosenServiceID == id).count()
                + ClientFee.query(on: db).filter(\.$serviceID == id).count()
                + ClientDefaultService.query(on: db).filter(\.$serviceID == id).count()
            guard uses == 0, practice.defaultServiceID != id else {
                throw UseCaseError.conflict(
                    "service_in_use",
                    "this service is in use; deactivate it instead (PATCH active: false) so its history stays intact")
            }
            let before = try ServiceDetails(service, rates: try await rates(of: id, on: db), practice: practice)
            try await ServiceRate.query(on: db).filter(\.$serviceID == id).delete()
            try await service.delete(on: db)
            try await AuditLog(database: db, actor: actor).record("delete", "service", id: id, before: before)
        }
    }

    private func rates(of serviceID: UUID, on db: any Database) async throws -> [ServiceRate] {
        try await ServiceRate.query(on: db).filter(\.$serviceID == serviceID).all()
    }
}
