import Fluent
import Foundation
import RapportCore

/// Changes to a payer's contracted rates, as the seed asks of every billing rule: previewed first
/// (which unbilled sessions then have another allowed amount or client share, which invoices and
/// claims then differ), applied in one transaction, recorded, and undone by
/// `POST /billing-changes/{id}/undo`.
struct PayerRateChanges {
    let database: any Database
    let actor: Actor

    static let kind = "payerRate"

    /// One stored rate, as a change records it.
    struct Snapshot: Codable, Sendable, Equatable {
        let id: UUID
        let serviceId: UUID
        let amount: Int64
        let effectiveFrom: LocalDate

        /// The payer's rates for the service.
        static func of(payerID: UUID, serviceID: UUID, on db: any Database) async throws -> [Snapshot] {
            try await PayerRate.query(on: db).filter(\.$payerID == payerID).filter(\.$serviceID == serviceID)
                .sort(\.$effectiveFrom).all().map {
                    Snapshot(id: try $0.requireID(), serviceId: $0.serviceID, amount: $0.amount, effectiveFrom: $0.effectiveFrom)
                }
        }
    }

    /// Sets the rate and records the change; the answer carries the change's id.
    func apply(_ payerID: UUID, _ input: PayerRateInput) async throws -> PayerDetails {
        try await database.writeTransaction(practice: actor.practiceID) { db in
            let before = try await Snapshot.of(payerID: payerID, serviceID: input.serviceId, on: db)
            var details = try await PayerDirectory(database: db, actor: actor).setRate(payerID, input, on: db)
            let after = try await Snapshot.of(payerID: payerID, serviceID: input.serviceId, on: db)
            let record = BillingChange()
            (record.practiceID, record.kind, record.subjectID) = (actor.practiceID, Self.kind, payerID)
            (record.removed, record.added) = (try Self.json(before), try Self.json(after))
            record.appliedByName = actor.name
            try await record.create(on: db)
            details.changeId = try record.requireID()
            return details
        }
    }

    /// What setting the rate would do to the unbilled sessions of every client the payer covers,
    /// nothing written.
    func preview(_ payerID: UUID, _ input: PayerRateInput) async throws -> CoverageChangeReport {
        try await RouteComparison.dryRun(on: database) { db in
            let comparison = RouteComparison(database: db, actor: actor)
            let clients = try await clients(of: payerID, on: db)
            let before = try await comparison.routes(clients)
            _ = try await PayerDirectory(database: db, actor: actor).setRate(payerID, input, on: db)
            return try await comparison.report(clients, before: before, changeID: nil)
        }
    }

    /// Puts the service's rates back as they were before the recorded change — refused when they
    /// were changed again since, as undoing this one would then lose the later change.
    func undo(_ record: BillingChange, on db: any Database) async throws -> CoverageChangeReport {
        let payerID = record.subjectID
        let before = try JSONDecoder().decode([Snapshot].self, from: Data(record.removed.utf8))
        let after = try JSONDecoder().decode([Snapshot].self, from: Data(record.added.utf8))
        let directory = PayerDirectory(database: db, actor: actor)
        let payer = try await directory.payer(payerID, on: db)
        for service in Set((before + after).map(\.serviceId)) {
            let now = try await Snapshot.of(payerID: payerID, serviceID: service, on: db)
            guard Set(now.map(\.id)) == Set(after.filter { $0.serviceId == service }.map(\.id)) else {
                throw UseCaseError.conflict(
                    "rate_changed_since", "\(payer.name)'s rate for this service was changed again since: undo that change first")
            }
        }
        let comparison = RouteComparison(database: db, actor: actor)
        let clients = try await clients(of: payerID, on: db)
        let routes = try await comparison.routes(clients)
        let beforeUndo = try await directory.details(payer, on: db)
        try await PayerRate.query(on: db).filter(\.$id ~~ after.map(\.id)).delete()
        for snapshot in before {
            let rate = PayerRate()
            (rate.id, rate.practiceID, rate.payerID, rate.serviceID) = (
                snapshot.id, actor.practiceID, payerID, snapshot.serviceId
            )
            (rate.amount, rate.effectiveFrom) = (snapshot.amount, snapshot.effectiveFrom)
            try await rate.create(on: db)
        }
        try await AuditLog(database: db, actor: actor).record(
            "undo", "payerRates", id: payerID, before: beforeUndo.rates,
            after: try await directory.details(payer, on: db).rates)
        return try await comparison.report(clients, before: routes, changeID: try record.requireID())
    }

    /// The clients with a policy of the payer, whose sessions its rates can price.
    private func clients(of payerID: UUID, on db: any Database) async throws -> [UUID] {
        Array(
            Set(
                try await Policy.query(on: db).filter(\.$practiceID == actor.practiceID).filter(\.$payerID == payerID)
                    .field(\.$clientID).all().map(\.clientID)))
    }

    private static func json(_ snapshots: [Snapshot]) throws -> String {
        String(decoding: try JSONEncoder.rapport.encode(snapshots), as: UTF8.self)
    }
}
