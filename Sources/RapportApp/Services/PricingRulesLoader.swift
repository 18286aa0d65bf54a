import Fluent
import Foundation
import RapportCore

/// Loads the pricing rules for many clients in three queries, whatever the number of clients.
struct PricingRulesLoader {
    let database: any Database
    let practice: PracticeContext

    func rules(forClients clientIDs: some Collection<UUID>) async throws -> [UUID: PricingRules] {
        let ids = Array(Set(clientIDs))
        guard !ids.isEmpty else { return [:] }
        let serviceRates = try await self.serviceRates()
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
            let clientFees = Dictionary(grouping: feesByClient[id] ?? [], by: \.serviceID).mapValues { rows in
                rows.history { $0.amount.map(practice.money) }
            }
            result[id] = PricingRules(
                practiceDefaultServiceID: practice.defaultServiceID,
                clientDefaultService: clientDefaults.history(\.serviceID),
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
        return Dictionary(grouping: rates, by: \.serviceID).mapValues { rows in
            rows.history { practice.money($0.amount) }
        }
    }
}
