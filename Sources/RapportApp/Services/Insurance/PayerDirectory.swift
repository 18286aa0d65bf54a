import Fluent
import Foundation
import RapportCore

/// The insurers a practice bills, and their contracted rates.
struct PayerDirectory {
    let database: any Database
    let actor: Actor

    func list() async throws -> [PayerDetails] {
        let practice = try await PracticeContext.of(actor, on: database)
        let payers = try await Payer.query(on: database).filter(\.$practiceID == actor.practiceID).sort(\.$name).all()
        let rates = try await PayerRate.query(on: database).filter(\.$practiceID == actor.practiceID).all()
        let services = try await Lookup(database: database, actor: actor).servicesByID()
        let byPayer = Dictionary(grouping: rates, by: \.payerID)
        return try payers.map {
            try details($0, rates: byPayer[try $0.requireID()] ?? [], services: services, practice: practice)
        }
    }

    func get(_ id: UUID) async throws -> PayerDetails {
        try await details(try await payer(id, on: database), on: database)
    }

    func create(_ input: PayerInput) async throws -> PayerDetails {
        try await database.writeTransaction(practice: actor.practiceID) { db in
            // Every field starts set: a new row's field read before it is set would trap.
            let payer = Payer()
            (payer.practiceID, payer.name, payer.payerID) = (actor.practiceID, "", "")
            (payer.filingIndicator, payer.active, payer.telehealthModifier) = (.commercial, true, false)
            var errors = FieldErrors()
            if input.name == nil { errors.add("name", "is required") }
            if input.payerId == nil { errors.add("payerId", "is required") }
            if input.filingIndicator == nil { errors.add("filingIndicator", "is required") }
            try await apply(input, to: payer, errors: &errors, on: db)
            try errors.throwIfAny()
            try await payer.create(on: db)
            let after = try await details(payer, on: db)
            try await AuditLog(database: db, actor: actor).record("create", "payer", id: after.id, after: after)
            return after
        }
    }

    func update(_ id: UUID, _ input: PayerInput) async throws -> PayerDetails {
        try await database.writeTransaction(practice: actor.practiceID) { db in
            let payer = try await payer(id, on: db)
            let before = try await details(payer, on: db)
            var errors = FieldErrors()
            try await apply(input, to: payer, errors: &errors, on: db)
            try errors.throwIfAny()
            try await payer.save(on: db)
            let after = try await details(payer, on: db)
            try await AuditLog(database: db, actor: actor).record(
                "update", "payer", id: id, before: before, after: after)
            return after
        }
    }

    /// Sets what the payer allows for a service from a date, replacing an entry of that same date,
    /// inside the caller's transaction; ``PayerRateChanges`` previews, records and undoes it.
    func setRate(_ id: UUID, _ input: PayerRateInput, on db: any Database) async throws -> PayerDetails {
        let practice = try await PracticeContext.of(actor, on: db)
        let payer = try await payer(id, on: db)
        let lookup = Lookup(database: db, actor: actor)
        var errors = FieldErrors()
        _ = try await lookup.reference("serviceId", errors: &errors) { try await lookup.service(input.serviceId) }
        let amount = practice.validated(input.amount, field: "amount", errors: &errors)
        try errors.throwIfAny()
        let from = input.effectiveFrom ?? .distantPast
        let before = try await details(payer, on: db)
        try await PayerRate.query(on: db).filter(\.$payerID == id).filter(\.$serviceID == input.serviceId)
            .filter(\.$effectiveFrom == from).delete()
        let rate = PayerRate()
        (rate.practiceID, rate.payerID, rate.serviceID) = (actor.practiceID, id, input.serviceId)
        (rate.amount, rate.effectiveFrom) = (amount ?? 0, from)
        try await rate.create(on: db)
        let after = try await details(payer, on: db)
        try await AuditLog(database: db, actor: actor).record(
            "update", "payerRates", id: id, before: before.rates, after: after.rates)
        return after
    }

    private func apply(
        _ input: PayerInput, to payer: Payer, errors: inout FieldErrors, on db: any Database
    ) async throws {
        if let name = input.name {
            payer.name = TextInput.required(name, field: "name", limit: 60, errors: &errors) ?? payer.name
        }
        if let payerID = input.payerId {
            let trimmed = payerID.trimmingCharacters(in: .whitespaces).uppercased()
            if trimmed.isEmpty || trimmed.count > 80
                || !trimmed.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
            {
                errors.add(
                    "payerId", "must be the letters and digits your clearinghouse lists for the payer, such as 60054")
            } else {
                let same = Payer.query(on: db).filter(\.$practiceID == actor.practiceID).filter(\.$payerID == trimmed)
                if let id = payer.id { same.filter(\.$id != id) }
                if try await same.count() > 0 { errors.add("payerId", "is already another payer's") }
            }
            payer.payerID = trimmed
        }
        if let text = input.filingIndicator {
            if let indicator = ClaimFilingIndicator(rawValue: text) {
                payer.filingIndicator = indicator
            } else {
                errors.add(
                    "filingIndicator",
                    "must be a claim filing indicator such as CI (commercial), BL, HM, MB (Medicare Part B) or MC (Medicaid)"
                )
            }
        }
        if let address = input.address {
            payer.address = address.value.flatMap { $0.address(at: "address", forBilling: false, errors: &errors) }
        }
        if let modifier = input.telehealthModifier { payer.telehealthModifier = modifier }
        if let active = input.active { payer.active = active }
    }

    func payer(_ id: UUID, on db: any Database) async throws -> Payer {
        guard
            let payer = try await Payer.query(on: db).filter(\.$id == id).filter(\.$practiceID == actor.practiceID)
                .first()
        else { throw UseCaseError.notFound("payer") }
        return payer
    }

    func details(_ payer: Payer, on db: any Database) async throws -> PayerDetails {
        let practice = try await PracticeContext.of(actor, on: db)
        let rates = try await PayerRate.query(on: db).filter(\.$payerID == payer.requireID()).all()
        return try details(
            payer, rates: rates, services: try await Lookup(database: db, actor: actor).servicesByID(),
            practice: practice)
    }

    private func details(
        _ payer: Payer, rates: [PayerRate], services: [UUID: Service], practice: PracticeContext
    ) throws -> PayerDetails {
        func code(_ row: PayerRate) -> String { services[row.serviceID]?.code ?? "" }
        func rate(_ row: PayerRate) -> PayerDetails.Rate {
            PayerDetails.Rate(
                serviceId: row.serviceID, serviceCode: code(row),
                amount: practice.money(row.amount), effectiveFrom: row.shownEffectiveFrom)
        }
        let current = Dictionary(grouping: rates, by: \.serviceID).compactMapValues {
            $0.history { $0 }.value(on: practice.today)
        }
        return PayerDetails(
            id: try payer.requireID(), name: payer.name, payerId: payer.payerID, filingIndicator: payer.filingIndicator,
            address: payer.address.map(AddressDetails.init), telehealthModifier: payer.telehealthModifier,
            active: payer.active,
            rates: rates.sorted { (code($0), $0.effectiveFrom) < (code($1), $1.effectiveFrom) }.map(rate),
            currentRates: current.values.map(rate).sorted { $0.serviceCode < $1.serviceCode })
    }
}
