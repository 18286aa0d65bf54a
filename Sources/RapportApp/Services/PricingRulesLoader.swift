import Fluent
import Foundation
import RapportCore
import SQLKit

/// Loads the pricing rules for many clients in three queries (a few more past ten thousand
/// clients), whatever the number of clients. The rows are read as plain rows, not models: a client
/// screen loads rules three times, and building models cost more than the reading.
struct PricingRulesLoader {
    let database: any Database
    let practice: PracticeContext

    func rules(forClients clientIDs: some Collection<UUID>) async throws -> [UUID: PricingRules] {
        let ids = Array(Set(clientIDs))
        guard !ids.isEmpty else { return [:] }
        let serviceRates = try await self.serviceRates()
        var defaults: [UUID: [DefaultRow]] = [:]
        var fees: [UUID: [FeeRow]] = [:]
        for chunk in ids.chunks(of: IDsPerStatement.limit).map(Array.init) {
            let chosen = try await clientRows(
                DefaultRow.self, "client_id, service_id, effective_from", of: ClientDefaultService.schema, chunk)
            for row in chosen { defaults[row.clientID, default: []].append(row) }
            let typed = try await clientRows(
                FeeRow.self, "client_id, service_id, amount, effective_from", of: ClientFee.schema, chunk)
            for row in typed { fees[row.clientID, default: []].append(row) }
        }
        var result: [UUID: PricingRules] = [:]
        for id in ids {
            let clientFees = Dictionary(grouping: fees[id] ?? [], by: \.serviceID).mapValues { rows in
                rows.history { $0.amount.map(practice.money) }
            }
            result[id] = PricingRules(
                practiceDefaultServiceID: practice.defaultServiceID,
                clientDefaultService: (defaults[id] ?? []).history(\.serviceID),
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
        let rates = try await database.sql().raw(
            """
            SELECT service_id, amount, effective_from FROM service_rates
            WHERE practice_id = \(bind: practice.id)
            """
        ).rows(RateRow.self, on: database)
        return Dictionary(grouping: rates, by: \.serviceID).mapValues { rows in
            rows.history { practice.money($0.amount) }
        }
    }

    /// A client rule table's rows for `clients` (at most one a day, by the tables' unique keys, so
    /// their order is ``EffectiveHistory``'s to give).
    private func clientRows<Row: RowReadable>(
        _ type: Row.Type, _ columns: String, of table: String, _ clients: [UUID]
    ) async throws -> [Row] {
        try await database.sql().raw(
            "SELECT \(unsafeRaw: columns) FROM \(ident: table) WHERE practice_id = \(bind: practice.id) AND "
                + .column("client_id", in: clients)
        ).rows(Row.self, on: database)
    }

    private struct RateRow: RowReadable, EffectiveDatedRow {
        let serviceID: UUID
        let amount: Int64
        let effectiveFrom: LocalDate

        init(reading row: some RowReading) throws {
            serviceID = try row.read("service_id", as: UUID.self)
            amount = try row.read("amount", as: Int64.self)
            effectiveFrom = try LocalDate(
                stored: row.read("effective_from", as: String.self), column: "service_rates.effective_from")
        }
    }

    private struct DefaultRow: RowReadable, EffectiveDatedRow {
        let clientID: UUID
        /// Nil: the practice's default service.
        let serviceID: UUID?
        let effectiveFrom: LocalDate

        init(reading row: some RowReading) throws {
            clientID = try row.read("client_id", as: UUID.self)
            serviceID = try row.read("service_id", as: UUID?.self)
            effectiveFrom = try LocalDate(
                stored: row.read("effective_from", as: String.self), column: "client_default_services.effective_from")
        }
    }

    private struct FeeRow: RowReadable, EffectiveDatedRow {
        let clientID: UUID
        let serviceID: UUID
        /// Nil: the service's rate again.
        let amount: Int64?
        let effectiveFrom: LocalDate

        init(reading row: some RowReading) throws {
            clientID = try row.read("client_id", as: UUID.self)
            serviceID = try row.read("service_id", as: UUID.self)
            amount = try row.read("amount", as: Int64?.self)
            effectiveFrom = try LocalDate(
                stored: row.read("effective_from", as: String.self), column: "client_fees.effective_from")
        }
    }
}
