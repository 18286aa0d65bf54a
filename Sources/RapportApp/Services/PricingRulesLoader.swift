import Fluent
import Foundation
import RapportCore
import SQLKit

/// Loads the pricing rules for many clients in one statement (a few more past five thousand
/// clients), whatever the number of clients: the service rates and both client rule tables, told
/// apart by a `rule` column. The rows are read as plain rows, not models: a client screen loads
/// rules three times, and building models cost more than the reading. One statement, not three,
/// because every booking and attendance mark loads its client's rules inside its transaction,
/// where each round trip to the database is waited for.
struct PricingRulesLoader {
    let database: any Database
    let practice: PracticeContext

    func rules(forClients clientIDs: some Collection<UUID>) async throws -> [UUID: PricingRules] {
        let ids = Array(Set(clientIDs))
        guard !ids.isEmpty else { return [:] }
        let loaded = try await load(ids)
        return Dictionary(uniqueKeysWithValues: ids.map { ($0, loaded.rules(for: $0, practice: practice)) })
    }

    func rules(forClient clientID: UUID) async throws -> PricingRules {
        try await load([clientID]).rules(for: clientID, practice: practice)
    }

    /// The rows of `clients`' rules and the practice's rates. Each client's id is bound twice, so a
    /// statement takes half as many clients as other reads by id.
    private func load(_ clients: [UUID]) async throws -> Loaded {
        var rates: [ServiceRateRow] = []
        var loaded = Loaded()
        for (index, chunk) in clients.chunks(of: IDsPerStatement.limit / 2).enumerated() {
            let ids = SQLQueryString.column("client_id", in: Array(chunk))
            var statement: SQLQueryString =
                "SELECT 'default' AS rule, client_id, service_id, NULL AS amount, effective_from"
                + " FROM client_default_services WHERE practice_id = \(bind: practice.id) AND " + ids
                + " UNION ALL SELECT 'fee', client_id, service_id, amount, effective_from"
                + " FROM client_fees WHERE practice_id = \(bind: practice.id) AND " + ids
            if index == 0 {
                statement =
                    statement + " UNION ALL SELECT 'rate', NULL, service_id, amount, effective_from"
                    + " FROM service_rates WHERE practice_id = \(bind: practice.id)"
            }
            for row in try await database.sql().raw(statement).rows(PricingRuleRow.self, on: database) {
                switch row {
                case .rate(let rate): rates.append(rate)
                case .clientDefault(let chosen): loaded.defaults[chosen.clientID, default: []].append(chosen)
                case .clientFee(let fee): loaded.fees[fee.clientID, default: []].append(fee)
                }
            }
        }
        loaded.serviceRates = Dictionary(grouping: rates, by: \.serviceID).mapValues { rows in
            rows.history { practice.money($0.amount) }
        }
        return loaded
    }

    private struct Loaded {
        var serviceRates: [UUID: EffectiveHistory<Money>] = [:]
        var defaults: [UUID: [ClientDefaultRow]] = [:]
        var fees: [UUID: [ClientFeeRow]] = [:]

        func rules(for client: UUID, practice: PracticeContext) -> PricingRules {
            let clientFees = Dictionary(grouping: fees[client] ?? [], by: \.serviceID).mapValues { rows in
                rows.history { $0.amount.map(practice.money) }
            }
            return PricingRules(
                practiceDefaultServiceID: practice.defaultServiceID,
                clientDefaultService: (defaults[client] ?? []).history(\.serviceID),
                clientFees: clientFees,
                serviceRates: serviceRates)
        }
    }
}
