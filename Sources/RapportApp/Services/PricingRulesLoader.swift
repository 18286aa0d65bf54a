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

    /// ``rules(forClient:)`` and the practice's services by id (``Lookup/servicesByID()``), read in
    /// the same statement: a booking and an attendance mark need both, inside their transaction.
    func rulesAndServices(forClient clientID: UUID) async throws -> (PricingRules, services: [UUID: Service]) {
        let loaded = try await load([clientID], withServices: true)
        return (loaded.rules(for: clientID, practice: practice), loaded.services)
    }

    /// ``rulesAndServices(forClient:)``, taking what `shelf` keeps at the practice's billing number
    /// `version` — read before anything this reads (a write's turn, ``WriteTurn/billing``) — and
    /// keeping what it reads under it: a booking or an attendance mark then prices its session
    /// without a round trip inside the practice's turn. Read afresh when either is missing.
    func rulesAndServices(
        forClient clientID: UUID, kept shelf: BillingShelf?, at version: Int64?
    ) async throws -> (PricingRules, services: [UUID: Service]) {
        guard let shelf, let version else { return try await rulesAndServices(forClient: clientID) }
        let clientKey = ClientKey(practiceID: practice.id, clientID: clientID)
        let practiceKey = PracticeKey(practiceID: practice.id)
        var loaded: Loaded
        if let rules = shelf.clientRules.value(for: clientKey, at: version),
            let pricing = shelf.pricing.value(for: practiceKey, at: version)
        {
            loaded = Loaded(pricing, practice: practice)
            loaded.defaults[clientID] = rules.defaults
            loaded.fees[clientID] = rules.fees
        } else {
            loaded = try await load([clientID], withServices: true)
            shelf.clientRules.store(
                .init(defaults: loaded.defaults[clientID] ?? [], fees: loaded.fees[clientID] ?? []), for: clientKey,
                at: version)
            shelf.pricing.store(loaded.pricing, for: practiceKey, at: version)
        }
        return (loaded.rules(for: clientID, practice: practice), loaded.services)
    }

    /// The rows of `clients`' rules and the practice's rates (and its services, `withServices`).
    /// Each client's id is bound twice, so a statement takes half as many clients as other reads by id.
    private func load(_ clients: [UUID], withServices: Bool = false) async throws -> Loaded {
        var pricing = BillingShelf.PracticePricing()
        var defaults: [UUID: [ClientDefaultRow]] = [:]
        var fees: [UUID: [ClientFeeRow]] = [:]
        // The services' columns, empty in the rules' rows; typed in the first, since PostgreSQL
        // types a union's columns pair by pair, and a NULL met only NULLs so far would be text.
        let (named, empty): (SQLQueryString, SQLQueryString) =
            withServices
            ? (
                ", CAST(NULL AS TEXT) AS code, CAST(NULL AS TEXT) AS description,"
                    + " CAST(NULL AS INTEGER) AS duration_minutes, CAST(NULL AS BOOLEAN) AS active",
                ", NULL, NULL, NULL, NULL"
            ) : ("", "")
        for (index, chunk) in clients.chunks(of: IDsPerStatement.limit / 2).enumerated() {
            let ids = SQLQueryString.column("client_id", in: Array(chunk))
            var statement: SQLQueryString =
                "SELECT 'default' AS rule, client_id, service_id, NULL AS amount, effective_from" + named
                + " FROM client_default_services WHERE practice_id = \(bind: practice.id) AND " + ids
                + " UNION ALL SELECT 'fee', client_id, service_id, amount, effective_from" + empty
                + " FROM client_fees WHERE practice_id = \(bind: practice.id) AND " + ids
            if index == 0 {
                statement =
                    statement + " UNION ALL SELECT 'rate', NULL, service_id, amount, effective_from" + empty
                    + " FROM service_rates WHERE practice_id = \(bind: practice.id)"
                if withServices {
                    statement =
                        statement + " UNION ALL SELECT 'service', NULL, id, NULL, NULL, code, description,"
                        + " duration_minutes, active FROM services WHERE practice_id = \(bind: practice.id)"
                }
            }
            for row in try await database.sql().raw(statement).rows(PricingRuleRow.self, on: database) {
                switch row {
                case .rate(let rate): pricing.rates.append(rate)
                case .clientDefault(let chosen): defaults[chosen.clientID, default: []].append(chosen)
                case .clientFee(let fee): fees[fee.clientID, default: []].append(fee)
                case .service(let service): pricing.services.append(service)
                }
            }
        }
        var loaded = Loaded(pricing, practice: practice)
        loaded.defaults = defaults
        loaded.fees = fees
        return loaded
    }

    private struct Loaded {
        /// The rows the practice's part was made from, to keep.
        let pricing: BillingShelf.PracticePricing
        let serviceRates: [UUID: EffectiveHistory<Money>]
        let services: [UUID: Service]
        var defaults: [UUID: [ClientDefaultRow]] = [:]
        var fees: [UUID: [ClientFeeRow]] = [:]

        init(_ pricing: BillingShelf.PracticePricing, practice: PracticeContext) {
            self.pricing = pricing
            serviceRates = Dictionary(grouping: pricing.rates, by: \.serviceID).mapValues { rows in
                rows.history { practice.money($0.amount) }
            }
            services = Dictionary(
                pricing.services.map { ($0.id, $0.model(practiceID: practice.id)) }, uniquingKeysWith: { $1 })
        }

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
