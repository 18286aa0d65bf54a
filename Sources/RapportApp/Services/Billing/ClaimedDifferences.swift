import Fluent
import Foundation
import RapportCore
import SQLKit

/// A live claim line the client's current rules now price or route differently: the help
/// article's question ("is this session billing at the wrong code or fee?") asked of claims.
struct ClaimDifference: Codable, Sendable {
    let sessionId: UUID
    let clientId: UUID
    let dateOfService: LocalDate
    let claimId: UUID
    let claimNumber: Int
    /// Whether the claim went to the payer: then a corrected claim mends it; before, remove and make it again.
    let sent: Bool
    let claimed: PriceDetails
    let rules: PriceDetails
    /// Who the rules now send the session to, when not the claim's payer: another payer's name, or
    /// `client`.
    let nowBills: String?
}

extension BillingComparison {
    /// Live lines of claims not yet paid (of `clientIDs`, every client when nil) whose session the
    /// rules now give another code or fee, or send to someone else.
    func claimedDifferences(clientIDs: [UUID]?) async throws -> [ClaimDifference] {
        if clientIDs?.isEmpty == true { return [] }
        let lines = try await database.sql().raw(Self.claimedLines(practiceID: practice.id, clientIDs: clientIDs)).all()
        guard !lines.isEmpty else { return [] }
        let clients = try lines.map { try $0.decode(column: "client_id", as: UUID.self) }
        let rules = try await PricingRulesLoader(database: database, practice: practice).rules(forClients: clients)
        let coverage = try await CoverageBook.load(practiceID: practice.id, clientIDs: Array(Set(clients)), on: database)
        let services = try await Lookup(database: database, practiceID: practice.id).servicesByID()
        var differences: [ClaimDifference] = []
        for (line, clientID) in zip(lines, clients) {
            let start = try line.decode(column: "starts_at", as: Date.self)
            guard let clientRules = rules[clientID] else {
                throw UnreadableStoredValue(column: "client", value: clientID.uuidString)
            }
            let price = try Pricing.price(
                PricingRequest(
                    date: practice.date(of: start),
                    chosenServiceID: try line.decode(column: "chosen_service_id", as: UUID?.self),
                    feeOverride: try line.decode(column: "fee_override", as: Int64?.self).map(practice.money)),
                rules: clientRules)
            let route = coverage.route(
                client: clientID, start: start,
                attendance: try Attendance(stored: line.decode(column: "attendance", as: String.self)),
                serviceID: price.serviceID, fee: price.fee.amount,
                selfPay: try line.decode(column: "self_pay", as: Bool?.self), practice: practice)
            let code = services[price.serviceID]?.code ?? ""
            let claimedCode = try line.decode(column: "procedure", as: String.self)
            let charge = try line.decode(column: "charge", as: Int64.self)
            let nowBills: String? =
                switch route {
                case .insurance(let plan, let payer, _, _, _):
                    plan == (try line.decode(column: "policy_id", as: UUID.self)) ? nil : coverage.payerNames[payer] ?? ""
                case .client: "client"
                }
            guard code != claimedCode || price.fee.amount != charge || nowBills != nil else { continue }
            differences.append(
                ClaimDifference(
                    sessionId: try line.decode(column: "session_id", as: UUID.self), clientId: clientID,
                    dateOfService: try LocalDate(
                        stored: line.decode(column: "date_of_service", as: String.self), column: "date_of_service"),
                    claimId: try line.decode(column: "claim_id", as: UUID.self),
                    claimNumber: try line.decode(column: "number", as: Int.self),
                    sent: try line.decode(column: "status", as: String.self) != ClaimStatus.open.rawValue,
                    claimed: PriceDetails(serviceCode: claimedCode, amount: practice.money(charge)),
                    rules: PriceDetails(serviceCode: code, amount: price.fee), nowBills: nowBills))
        }
        return differences.sorted { ($0.claimNumber, $0.dateOfService) < ($1.claimNumber, $1.dateOfService) }
    }

    /// Live lines of open and submitted claims with their session's pricing inputs.
    static func claimedLines(practiceID: UUID, clientIDs: [UUID]?) -> SQLQueryString {
        var query: SQLQueryString = """
            SELECT l.session_id, l.claim_id, l.date_of_service, l.procedure, l.charge, c.number, c.status,
                   c.policy_id, s.client_id, s.starts_at, s.chosen_service_id, s.fee_override, s.attendance, s.self_pay
            FROM claim_lines l
            JOIN claims c ON c.id = l.claim_id
            JOIN sessions s ON s.id = l.session_id
            WHERE c.practice_id = \(bind: practiceID) AND l.live = \(bind: true)
              AND c.status IN (\(bind: ClaimStatus.open.rawValue), \(bind: ClaimStatus.submitted.rawValue))
            """
        if let clientIDs { query = query + " AND c.client_id IN (\(binds: clientIDs))" }
        return query
    }
}
