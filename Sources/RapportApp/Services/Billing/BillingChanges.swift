import Fluent
import Foundation
import RapportCore

/// Changes to a client's default service or custom fees, or to a service's rate, from a date —
/// previewed first, applied in one transaction, and undoable.
///
/// A preview runs the very same apply inside a transaction that is then rolled back, so what the
/// preview shows is exactly what apply does.
struct BillingChanges {
    let database: any Database
    let actor: Actor

    private struct PreviewRollback: Error { let report: BillingChangeReport }

    func preview(_ input: BillingChangeInput) async throws -> BillingChangeReport {
        do {
            try await database.writeTransaction(practice: actor.practiceID) { db in
                let report = try await apply(input, on: db)
                throw PreviewRollback(report: report.asPreview)
            }
        } catch let rollback as PreviewRollback {
            return rollback.report
        }
        throw UseCaseError(.internalFailure, code: "internal_error", message: "the preview did not complete")
    }

    func apply(_ input: BillingChangeInput) async throws -> BillingChangeReport {
        try await database.writeTransaction(practice: actor.practiceID) { db in try await apply(input, on: db) }
    }

    /// Applies a change inside the caller's transaction.
    func apply(_ input: BillingChangeInput, on db: any Database) async throws -> BillingChangeReport {
        let practice = try await PracticeContext.of(actor, on: db)
        let change = try await validate(input, practice: practice, on: db)
        let (removed, added) = try await RuleEditor(database: db, practiceID: actor.practiceID).write(change)
        let record = BillingChange()
        record.practiceID = actor.practiceID
        record.kind = change.clientIDs == nil ? "serviceRate" : "clientBilling"
        guard let subject = input.clientId ?? input.serviceId else {
            throw UseCaseError.invalid("clientId", "or serviceId is required: whose rules change")
        }
        record.subjectID = subject
        record.removed = try Self.json(removed)
        record.added = try Self.json(added)
        record.appliedByName = actor.name
        try await record.create(on: db)
        var report = try await report(change, changeID: record.id, practice: practice, on: db)
        try await AuditLog(database: db, actor: actor).record(
            "change", record.kind, id: record.subjectID, before: removed, after: added)
        if let choice = input.reissue {
            report.reissued = try await reissue(choice, differing: report.billedDiffering, on: db)
        }
        // The estimates the change makes out of date: listed on the preview, renewed on Confirm when asked.
        report.estimatesChanged = try await GoodFaithEstimates(database: db, actor: actor).outOfDate(
            change.clientIDs.map(Set.init) ?? Set(report.repriced.map(\.clientId)), renew: input.reestimate == true, on: db)
        return report
    }

    /// Re-issues the chosen invoices inside the change's transaction, so Confirm is all or nothing:
    /// a refusal of any one (it has payments, or is not among those that now differ) undoes the
    /// whole change.
    private func reissue(
        _ choice: ReissueChoice, differing: [BilledDifference], on db: any Database
    ) async throws -> [BillingChangeReport.Reissued] {
        let candidates = Dictionary(differing.map { ($0.invoiceId, $0) }, uniquingKeysWith: { a, _ in a })
        let ids: [UUID]
        switch choice {
        case .all:
            ids = candidates.values.filter(\.canReissue).sorted { $0.invoiceNumber < $1.invoiceNumber }.map(\.invoiceId)
        case .invoices(let chosen):
            var errors = FieldErrors()
            for (index, id) in chosen.enumerated() {
                guard let invoice = candidates[id] else {
                    errors.add(
                        .item("reissue", index), "is not an invoice whose billed sessions this change makes differ")
                    continue
                }
                if !invoice.canReissue {
                    errors.add(
                        .item("reissue", index),
                        "is invoice #\(invoice.invoiceNumber), which has payments applied; unapply them first")
                }
            }
            if Set(chosen).count != chosen.count { errors.add("reissue", "names an invoice twice") }
            try errors.throwIfAny()
            ids = chosen
        }
        let invoicing = Invoicing(database: db, actor: actor)
        var reissued: [BillingChangeReport.Reissued] = []
        for id in ids {
            let fresh = try await invoicing.reissue(id, on: db)
            reissued.append(.init(invoiceId: id, newInvoiceId: fresh.id, newNumber: fresh.number))
        }
        return reissued
    }

    /// Restores the rules as they were before change `id`; unbilled sessions follow them back.
    func undo(_ id: UUID) async throws -> BillingChangeReport {
        try await database.writeTransaction(practice: actor.practiceID) { db in
            let practice = try await PracticeContext.of(actor, on: db)
            guard
                let record = try await BillingChange.query(on: db).filter(\.$id == id)
                    .filter(\.$practiceID == actor.practiceID).first()
            else { throw UseCaseError.notFound("billing change") }
            guard record.undoneAt == nil else {
                throw UseCaseError.conflict("already_undone", "this change was already undone")
            }
            // Who pays (policies, contracted rates): sessions are routed again, none repriced.
            let rerouting: CoverageChangeReport? =
                switch record.kind {
                case CoverageChanges.kind: try await CoverageChanges(database: db, actor: actor).undo(record, on: db)
                case PayerRateChanges.kind: try await PayerRateChanges(database: db, actor: actor).undo(record, on: db)
                default: nil
                }
            if let undone = rerouting {
                record.undoneAt = Date()
                try await record.save(on: db)
                var report = BillingChangeReport(
                    changeId: id, applied: true, effectiveFrom: nil, sessionsRepriced: 0,
                    difference: .zero(practice.currency), repriced: [], overridesKept: [],
                    billedDiffering: undone.billedDiffering)
                report.sessionsRerouted = undone.rerouted.count
                return report
            }
            let removed = try JSONDecoder().decode([RuleRow].self, from: Data(record.removed.utf8))
            let added = try JSONDecoder().decode([RuleRow].self, from: Data(record.added.utf8))
            try await RuleEditor(database: db, practiceID: actor.practiceID).reverse(removed: removed, added: added)
            record.undoneAt = Date()
            try await record.save(on: db)
            let from = (removed + added).map(\.effectiveFrom).min() ?? .distantPast
            let clients: [UUID]? = record.kind == "clientBilling" ? [record.subjectID] : nil
            let changes = try await Repricer(database: db, practice: practice).reprice(
                clients: clients, from: from == .distantPast ? nil : from)
            try await AuditLog(database: db, actor: actor).record(
                "undo", record.kind, id: record.subjectID, before: added, after: removed)
            return try await summarize(changes, changeID: id, from: from, clients: clients, practice: practice, on: db)
        }
    }

    private func report(
        _ change: RuleChange, changeID: UUID?, practice: PracticeContext, on db: any Database
    ) async throws -> BillingChangeReport {
        let from = change.from == .distantPast ? nil : change.from
        let changes = try await Repricer(database: db, practice: practice).reprice(
            clients: change.clientIDs, from: from)
        return try await summarize(
            changes, changeID: changeID, from: change.from, clients: change.clientIDs, practice: practice, on: db)
    }

    private func summarize(
        _ changes: [Repricer.Change], changeID: UUID?, from: LocalDate, clients: [UUID]?, practice: PracticeContext,
        on db: any Database
    ) async throws -> BillingChangeReport {
        let services = try await Lookup(database: db, actor: actor).servicesByID()
        let price = { (price: Price) in
            PriceDetails(serviceCode: services[price.serviceID]?.code ?? "", amount: price.fee)
        }
        let repriced = changes.sorted {
            ($0.session.startsAt, $0.session.id) < ($1.session.startsAt, $1.session.id)
        }.map { change in
            BillingChangeReport.Repriced(
                sessionId: change.session.id, clientId: change.session.clientID,
                start: change.session.startsAt,
                before: change.before.map(price), after: price(change.after))
        }
        let difference = changes.reduce(Int64(0)) { $0 + $1.after.fee.amount - ($1.before?.fee.amount ?? 0) }
        let after = from == .distantPast ? nil : from
        let overrideQuery = Session.query(on: db).filter(\.$practiceID == actor.practiceID).filter(\.$invoiceID == nil)
            .filter(\.$claimID == nil)
            .filter(\.$feeOverride != nil)
        if let clients { overrideQuery.filter(\.$clientID ~~ clients) }
        if let after { overrideQuery.filter(\.$startsAt >= practice.timeZone.startOfDay(after)) }
        let kept = try await overrideQuery.sort(\.$startsAt).all().map { session in
            BillingChangeReport.Kept(
                sessionId: try session.requireID(), clientId: session.clientID, start: session.startsAt,
                fee: practice.money(session.feeAmount), reason: "override")
        }
        let billed = try await BillingComparison(database: db, practice: practice).billedDifferences(
            clientIDs: clients, from: after)
        return BillingChangeReport(
            changeId: changeID, applied: true, effectiveFrom: after, sessionsRepriced: changes.count,
            difference: practice.money(difference), repriced: repriced, overridesKept: kept, billedDiffering: billed)
    }

    private func validate(
        _ input: BillingChangeInput, practice: PracticeContext, on db: any Database
    ) async throws -> RuleChange {
        let lookup = Lookup(database: db, actor: actor)
        var errors = FieldErrors()
        let from = input.effectiveFrom ?? .distantPast
        switch (input.clientId, input.serviceId) {
        case (let clientID?, nil):
            _ = try await lookup.reference("clientId") { try await lookup.client(clientID) }
            if input.rate != nil { errors.add("rate", "belongs to a service rate change (serviceId), not a client's") }
            if let serviceID = input.defaultServiceId?.value,
                let service = try await lookup.reference(
                    "defaultServiceId", errors: &errors, { try await lookup.service(serviceID) }),
                !service.active
            {
                errors.add("defaultServiceId", "is a deactivated service")
            }
            var fees: [(UUID, Int64?)] = []
            for (index, fee) in (input.fees ?? []).enumerated() {
                _ = try await lookup.reference(.item("fees", index).appending("serviceId"), errors: &errors) {
                    try await lookup.service(fee.serviceId)
                }
                if fees.contains(where: { $0.0 == fee.serviceId }) {
                    errors.add(.item("fees", index).appending("serviceId"), "is listed twice")
                }
                fees.append(
                    (
                        fee.serviceId,
                        fee.amount.flatMap {
                            practice.validated($0, field: .item("fees", index).appending("amount"), errors: &errors)
                        }
                    ))
            }
            if input.defaultServiceId == nil, fees.isEmpty { errors.add("defaultServiceId", "or fees must be given") }
            try errors.throwIfAny()
            return .client(
                clientID: clientID, defaultService: input.defaultServiceId, fees: fees.map { ($0.0, $0.1) }, from: from)
        case (nil, let serviceID?):
            _ = try await lookup.reference("serviceId") { try await lookup.service(serviceID) }
            if input.defaultServiceId != nil || input.fees != nil {
                errors.add("serviceId", "a service rate change takes only rate and effectiveFrom")
            }
            guard let rate = input.rate else { throw UseCaseError.invalid("rate", "is required") }
            let amount = practice.validated(rate, field: "rate", errors: &errors)
            try errors.throwIfAny()
            return .serviceRate(serviceID: serviceID, amount: amount ?? 0, from: from)
        default:
            throw UseCaseError.invalid(
                "clientId", "give either clientId (a client's default service or fees) or serviceId (a service rate)")
        }
    }

    private static func json(_ rows: [RuleRow]) throws -> String {
        String(decoding: try JSONEncoder.rapport.encode(rows), as: UTF8.self)
    }
}

extension BillingChangeReport {
    var asPreview: BillingChangeReport {
        var preview = BillingChangeReport(
            changeId: nil, applied: false, effectiveFrom: effectiveFrom, sessionsRepriced: sessionsRepriced,
            difference: difference,
            repriced: repriced, overridesKept: overridesKept, billedDiffering: billedDiffering)
        preview.estimatesChanged = estimatesChanged
        return preview
    }
}
