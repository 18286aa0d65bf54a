import Fluent
import Foundation
import RapportCore

/// Loads the pricing rules for many clients in three queries, whatever the number of clients.
struct PricingRulesLoader {
    let database: any Database
    let practice: PracticeContext

    func rules(forClients clientIDs: some Collection<UUID>) async throws -> [UUID: PricingRules] {
        let ids = Array(Set(clientIDs))
        let serviceRates = try await self.serviceRates()
        guard !ids.isEmpty else { return [:] }
        let defaults = try await ClientDefaultService.query(on: database)
            .filter(\.$practiceID == practice.id).filter(\.$clientID ~~ ids).all()
        let fees = try await ClientFee.query(on: database)
            .filter(\.$practiceID == practice.id).filter(\.$clientID ~~ ids).all()
        let defaultsByClient = Dictionary(grouping: defaults, by: \.clientID)
        let feesByClient = Dictionary(grouping: fees, by: \.clientID)
        var result: [UUID: PricingRules] = [:]
        for id in ids {
            let clientDefaults = (defaultsByClient[id] ?? []).sorted {
                ($0.createdAt ?? .distantPast) < ($1.createdAt ?? .distantPast)
            }
            let clientFees = try Dictionary(grouping: feesByClient[id] ?? [], by: \.serviceID).mapValues { rows in
                EffectiveHistory(
                    try rows.map { row in
                        .init(
                            effectiveFrom: try Self.date(row.effectiveFrom, of: "client fee", row.id),
                            value: row.amount.map(practice.money))
                    })
            }
            result[id] = PricingRules(
                practiceDefaultServiceID: practice.defaultServiceID,
                clientDefaultService: EffectiveHistory(
                    try clientDefaults.map { row in
                        .init(
                            effectiveFrom: try Self.date(row.effectiveFrom, of: "client default service", row.id),
                            value: row.serviceID)
                    }),
                clientFees: clientFees,
                serviceRates: serviceRates)
        }
        return result
    }

    func rules(forClient clientID: UUID) async throws -> PricingRules {
        if let rules = try await rules(forClients: [clientID])[clientID] { return rules }
        return PricingRules(practiceDefaultServiceID: practice.defaultServiceID, serviceRates: try await serviceRates())
    }

    private func serviceRates() async throws -> [UUID: EffectiveHistory<Money>] {
        let rates = try await ServiceRate.query(on: database).filter(\.$practiceID == practice.id).all()
        return try Dictionary(grouping: rates, by: \.serviceID).mapValues { rows in
            EffectiveHistory(
                try rows.map { row in
                    .init(
                        effectiveFrom: try Self.date(row.effectiveFrom, of: "service rate", row.id),
                        value: practice.money(row.amount))
                })
        }
    }

    /// A stored effective date. One that does not parse is an error, never a row quietly left out:
    /// leaving it out would change a price with no word.
    static func date(_ stored: String, of what: String, _ id: UUID?) throws -> LocalDate {
        guard let date = LocalDate(stored) else { throw UnreadableRule(what: what, id: id, stored: stored) }
        return date
    }

    struct UnreadableRule: Error, CustomStringConvertible {
        let what: String
        let id: UUID?
        let stored: String
        var description: String {
            "\(what) \(id?.uuidString ?? "?") has an effective date '\(stored)' that is not a date; prices that depend on it are not computed until it is repaired"
        }
    }
}
