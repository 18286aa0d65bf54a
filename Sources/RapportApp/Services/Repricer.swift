import Fluent
import Foundation
import RapportCore

/// Keeps unbilled sessions' stored code and fee equal to what the rules give today.
///
/// Called in the same transaction as every change to a rule (client default service, client fee,
/// service rate, practice default) and whenever sessions become unbilled again. Billed sessions are
/// never touched: their price is frozen on the invoice. Changed sessions are written with one
/// UPDATE per distinct new price, not one per session.
struct Repricer {
    let database: any Database
    let practice: PracticeContext

    /// One session whose stored price changed.
    struct Change {
        let session: Session
        let before: Price?
        let after: Price
    }

    /// Reprices unbilled sessions of `clientIDs` (every client when nil) starting on or after `from`
    /// (every date when nil).
    @discardableResult
    func reprice(clients clientIDs: [UUID]?, from: LocalDate?) async throws -> [Change] {
        let query = Session.query(on: database).filter(\.$practiceID == practice.id).filter(\.$invoiceID == nil)
        if let clientIDs { query.filter(\.$clientID ~~ clientIDs) }
        if let from { query.filter(\.$startsAt >= practice.timeZone.startOfDay(from)) }
        return try await reprice(try await query.all())
    }

    /// Reprices these sessions, where unbilled.
    @discardableResult
    func reprice(sessions ids: [UUID]) async throws -> [Change] {
        guard !ids.isEmpty else { return [] }
        let sessions = try await Session.query(on: database).filter(\.$practiceID == practice.id)
            .filter(\.$invoiceID == nil).filter(\.$id ~~ ids).all()
        return try await reprice(sessions)
    }

    private func reprice(_ sessions: [Session]) async throws -> [Change] {
        let rules = try await PricingRulesLoader(database: database, practice: practice)
            .rules(forClients: sessions.map(\.clientID))
        var changes: [Change] = []
        var idsByPrice: [Price: [UUID]] = [:]
        for session in sessions {
            guard let clientRules = rules[session.clientID], let id = session.id else { continue }
            let price = try price(session, rules: clientRules)
            let before = session.storedPrice(practice.currency)
            guard price != before else { continue }
            changes.append(Change(session: session, before: before, after: price))
            idsByPrice[price, default: []].append(id)
            session.apply(price)
        }
        for (price, ids) in idsByPrice {
            for start in stride(from: 0, to: ids.count, by: 500) {
                try await Session.query(on: database)
                    .filter(\.$id ~~ Array(ids[start..<min(start + 500, ids.count)]))
                    .set(\.$serviceID, to: price.serviceID)
                    .set(\.$serviceSource, to: price.serviceSource.rawValue)
                    .set(\.$feeAmount, to: price.fee.amount)
                    .set(\.$feeSource, to: price.feeSource.rawValue)
                    .update()
            }
        }
        return changes
    }

    /// The price the rules give `session`; a 422 naming the service field when none can be found.
    func price(_ session: Session, rules: PricingRules) throws -> Price {
        let request = PricingRequest(
            date: practice.date(of: session.startsAt), chosenServiceID: session.chosenServiceID,
            feeOverride: session.feeOverride.map(practice.money))
        do {
            return try Pricing.price(request, rules: rules)
        } catch {
            throw APIError.invalid("serviceId", error.description)
        }
    }
}

extension Session {
    func storedPrice(_ currency: Currency) -> Price? {
        guard let service = ServiceSource(rawValue: serviceSource), let fee = FeeSource(rawValue: feeSource) else {
            return nil
        }
        return Price(
            serviceID: serviceID, serviceSource: service, fee: Money(amount: feeAmount, currency: currency),
            feeSource: fee)
    }

    func apply(_ price: Price) {
        serviceID = price.serviceID
        serviceSource = price.serviceSource.rawValue
        feeAmount = price.fee.amount
        feeSource = price.feeSource.rawValue
    }
}
