import Fluent
import Foundation
import RapportCore
import SQLKit

/// The client's Billing and Insurance settings: default service and custom fees, effective from a
/// date. Every change reprices the client's unbilled sessions from that date in the same transaction
/// — the step the help article's users had to do by hand, session by session.
struct ClientBillingRules {
    let database: any Database
    let actor: Actor
    /// The rules kept while the billing inputs stand (``BillingShelf``), for reads.
    var billingInputs: BillingShelf? = nil

    func get(_ clientID: UUID) async throws -> ClientBilling {
        let practice = try await PracticeContext.of(actor, on: database)
        _ = try await Lookup(database: database, actor: actor).client(clientID)
        return try await get(visible: clientID, practice: practice)
    }

    /// ``get(_:)`` of a client the caller has already found visible to the actor: the rules kept at
    /// the billing number read with the sign-in or the kept answer being made
    /// (``BillingShelf/billingVersion``), read afresh and kept when missing.
    func get(visible clientID: UUID, practice: PracticeContext) async throws -> ClientBilling {
        guard let shelf = billingInputs, let version = BillingShelf.version(for: actor) else {
            return content(clientID, try await rows(of: clientID, practice: practice, on: database), practice: practice)
        }
        let kept = try await shelf.billingSettings.value(
            for: ClientKey(practiceID: practice.id, clientID: clientID), at: version
        ) { try await rows(of: clientID, practice: practice, on: database) }
        return content(clientID, kept, practice: practice)
    }

    /// Applies the change through ``BillingChanges`` (undoable, audited) and returns the new settings.
    func update(_ clientID: UUID, _ patch: ClientBillingPatch) async throws -> BillingChangeResult {
        try await database.writeTransaction(practice: actor.practiceID) { db in
            let practice = try await PracticeContext.of(actor, on: db)
            _ = try await Lookup(database: db, actor: actor).client(clientID)
            let report = try await BillingChanges(database: db, actor: actor).apply(
                BillingChangeInput(
                    clientId: clientID, defaultServiceId: patch.defaultServiceId, fees: patch.fees,
                    effectiveFrom: patch.effectiveFrom, reissue: patch.reissue),
                on: db)
            return BillingChangeResult(
                billing: content(
                    clientID, try await rows(of: clientID, practice: practice, on: db), practice: practice),
                sessionsRepriced: report.sessionsRepriced,
                changeId: report.changeId, reissued: report.reissued)
        }
    }

    /// The client's rules, with the codes of the services they name, oldest first.
    private func rows(
        of clientID: UUID, practice: PracticeContext, on db: any Database
    ) async throws
        -> [PricingRuleRow]
    {
        try await db.sql().raw(Self.rules(of: clientID, practiceID: practice.id)).rows(PricingRuleRow.self, on: db)
    }

    private func content(_ clientID: UUID, _ rows: [PricingRuleRow], practice: PracticeContext) -> ClientBilling {
        var defaults: [ClientDefaultRow] = []
        var fees: [ClientFeeRow] = []
        for row in rows {
            switch row {
            case .clientDefault(let chosen): defaults.append(chosen)
            case .clientFee(let fee): fees.append(fee)
            case .rate, .service: break
            }
        }
        func entry(_ fee: ClientFeeRow) -> ClientBilling.FeeEntry {
            ClientBilling.FeeEntry(
                serviceId: fee.serviceID, serviceCode: fee.serviceCode ?? "",
                amount: fee.amount.map(practice.money), effectiveFrom: fee.shownEffectiveFrom)
        }
        // The fee of each service and the default service in force today, asked of Core's history.
        let current = Dictionary(grouping: fees, by: \.serviceID).compactMapValues { rows in
            rows.history { $0 }.value(on: practice.today)
        }
        return ClientBilling(
            clientId: clientID,
            defaultServiceId: defaults.history(\.serviceID).value(on: practice.today) ?? nil,
            defaultServiceHistory: defaults.map {
                .init(serviceId: $0.serviceID, serviceCode: $0.serviceCode, effectiveFrom: $0.shownEffectiveFrom)
            },
            fees: current.values.filter { $0.amount != nil }.map(entry).sorted { $0.serviceCode < $1.serviceCode },
            feeHistory: fees.map(entry))
    }

    /// The client's default services and fees, oldest first, each with its service's code: one
    /// statement (a client screen made afresh reads it, so it is one round trip, not three).
    static func rules(of clientID: UUID, practiceID: UUID) -> SQLQueryString {
        """
        SELECT 'default' AS rule, d.client_id, d.service_id, NULL AS amount, d.effective_from, s.code AS service_code
        FROM client_default_services d LEFT JOIN services s ON s.id = d.service_id
        WHERE d.practice_id = \(bind: practiceID) AND d.client_id = \(bind: clientID)
        UNION ALL SELECT 'fee', f.client_id, f.service_id, f.amount, f.effective_from, s.code
        FROM client_fees f LEFT JOIN services s ON s.id = f.service_id
        WHERE f.practice_id = \(bind: practiceID) AND f.client_id = \(bind: clientID)
        ORDER BY effective_from, service_code
        """
    }
}
