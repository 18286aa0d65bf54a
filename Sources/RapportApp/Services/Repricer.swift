import Fluent
import Foundation
import RapportCore
import SQLKit

/// Keeps unbilled sessions' stored code and fee equal to what the rules give today.
///
/// Called in the same transaction as every change to a rule (client default service, client fee,
/// service rate, practice default) and whenever sessions become unbilled again. Billed sessions are
/// never touched: their price is frozen on the invoice. The affected sessions are read in one
/// SQLKit query and written with one UPDATE per distinct new price (up to
/// ``IDsPerStatement/limit`` ids each), not one per session.
struct Repricer {
    let database: any Database
    let practice: PracticeContext

    /// One session whose stored price changed.
    struct Change {
        let session: SessionRecord
        let before: Price?
        let after: Price
    }

    /// Reprices unbilled sessions of `clientIDs` (every client when nil) starting on or after `from`
    /// (every date when nil).
    @discardableResult
    func reprice(clients clientIDs: [UUID]?, from: LocalDate?) async throws -> [Change] {
        if clientIDs?.isEmpty == true { return [] }
        let query = try unbilled()
        if let clientIDs { query.where("client_id", .in, clientIDs) }
        if let from { query.where("starts_at", .greaterThanOrEqual, practice.timeZone.startOfDay(from)) }
        return try await reprice(try await query.rows(SessionRecord.self, on: database))
    }

    /// Reprices these sessions, where unbilled.
    @discardableResult
    func reprice(sessions ids: [UUID]) async throws -> [Change] {
        var sessions: [SessionRecord] = []
        for chunk in ids.chunks(of: IDsPerStatement.limit) {
            sessions += try await unbilled().where("id", .in, Array(chunk)).rows(SessionRecord.self, on: database)
        }
        return try await reprice(sessions)
    }

    private func unbilled() throws -> SQLSelectBuilder {
        SessionRecord.select(practiceID: practice.id, on: try database.sql()).where("invoice_id", .is, SQLLiteral.null)
            .where("claim_id", .is, SQLLiteral.null)
    }

    private func reprice(_ sessions: [SessionRecord]) async throws -> [Change] {
        guard !sessions.isEmpty else { return [] }
        let rules = try await PricingRulesLoader(database: database, practice: practice)
            .rules(forClients: sessions.map(\.clientID))
        var changes: [Change] = []
        var idsByPrice: [Price: [UUID]] = [:]
        for session in sessions {
            guard let clientRules = rules[session.clientID] else { continue }
            let price = try price(session, rules: clientRules)
            let before = session.storedPrice(practice.currency)
            guard price != before else { continue }
            changes.append(Change(session: session, before: before, after: price))
            idsByPrice[price, default: []].append(session.id)
        }
        let sql = try database.sql()
        for (price, ids) in idsByPrice {
            for chunk in ids.chunks(of: IDsPerStatement.limit) {
                try await sql.update(Session.schema)
                    .set("service_id", to: price.serviceID)
                    .set("service_source", to: price.serviceSource.rawValue)
                    .set("fee_amount", to: price.fee.amount)
                    .set("fee_source", to: price.feeSource.rawValue)
                    .where("id", .in, Array(chunk))
                    .run()
            }
        }
        return changes
    }

    /// The price the rules give a session being booked or changed (its stored price may not be set yet).
    func price(_ session: Session, rules: PricingRules) throws -> Price {
        try price(
            startsAt: session.startsAt, chosenServiceID: session.chosenServiceID, feeOverride: session.feeOverride,
            rules: rules)
    }

    func price(_ session: SessionRecord, rules: PricingRules) throws -> Price {
        try price(
            startsAt: session.startsAt, chosenServiceID: session.chosenServiceID, feeOverride: session.feeOverride,
            rules: rules)
    }

    /// The price the rules give; a 422 naming the service field when none can be found.
    private func price(
        startsAt: Date, chosenServiceID: UUID?, feeOverride: Int64?, rules: PricingRules
    ) throws -> Price {
        let request = PricingRequest(
            date: practice.date(of: startsAt), chosenServiceID: chosenServiceID,
            feeOverride: feeOverride.map(practice.money))
        do {
            return try Pricing.price(request, rules: rules)
        } catch {
            throw UseCaseError.invalid("serviceId", error.description)
        }
    }
}

extension SessionRecord {
    func storedPrice(_ currency: Currency) -> Price {
        Price(
            serviceID: serviceID, serviceSource: serviceSource, fee: Money(amount: feeAmount, currency: currency),
            feeSource: feeSource)
    }
}

extension Session {
    func apply(_ price: Price) {
        serviceID = price.serviceID
        serviceSource = price.serviceSource
        feeAmount = price.fee.amount
        feeSource = price.feeSource
    }
}
