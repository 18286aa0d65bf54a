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
    /// rules now give another code or fee, or send to someone else. `coverage`, when the caller
    /// has read it already, must cover `clientIDs`.
    func claimedDifferences(clientIDs: [UUID]?, coverage: CoverageBook? = nil) async throws -> [ClaimDifference] {
        if clientIDs?.isEmpty == true { return [] }
        let lines = try await database.sql().raw(Self.claimedLines(practiceID: practice.id, clientIDs: clientIDs))
            .rows(ClaimedLine.self, on: database)
        guard !lines.isEmpty else { return [] }
        let clients = lines.map(\.session.clientID)
        let rules = try await PricingRulesLoader(database: database, practice: practice).rules(forClients: clients)
        let coverage =
            if let coverage { coverage } else {
                try await CoverageBook.load(practiceID: practice.id, clientIDs: Array(Set(clients)), on: database)
            }
        let services = try await Lookup(database: database, practiceID: practice.id).servicesByID()
        var differences: [ClaimDifference] = []
        for line in lines {
            let (price, route) = try line.session.priced(
                attendance: line.attendance, rules: rules, coverage: coverage, practice: practice)
            let code = services[price.serviceID]?.code ?? ""
            let nowBills: String? =
                switch route {
                case .insurance(let plan, let payer, _, _, _):
                    plan == line.policyID ? nil : coverage.payerNames[payer] ?? ""
                case .client: "client"
                }
            guard code != line.procedure || price.fee.amount != line.charge || nowBills != nil else { continue }
            differences.append(
                ClaimDifference(
                    sessionId: line.sessionID, clientId: line.session.clientID, dateOfService: line.dateOfService,
                    claimId: line.claimID, claimNumber: line.claimNumber,
                    sent: line.status != ClaimStatus.open.rawValue,
                    claimed: PriceDetails(serviceCode: line.procedure, amount: practice.money(line.charge)),
                    rules: PriceDetails(serviceCode: code, amount: price.fee), nowBills: nowBills))
        }
        return differences.sorted {
            ($0.claimNumber, $0.dateOfService, $0.sessionId) < ($1.claimNumber, $1.dateOfService, $1.sessionId)
        }
    }

    /// A row of ``claimedLines(practiceID:clientIDs:)``.
    private struct ClaimedLine: RowReadable {
        let sessionID: UUID
        let claimID: UUID
        let dateOfService: LocalDate
        let procedure: String
        let charge: Int64
        let claimNumber: Int
        let status: String
        let policyID: UUID
        /// The session's, as claimed lines carry none of their own.
        let attendance: Attendance
        let session: LineSession

        init(reading row: some RowReading) throws {
            sessionID = try row.read("session_id", as: UUID.self)
            claimID = try row.read("claim_id", as: UUID.self)
            dateOfService = try LocalDate(
                stored: row.read("date_of_service", as: String.self), column: "claim_lines.date_of_service")
            procedure = try row.read("procedure", as: String.self)
            charge = try row.read("charge", as: Int64.self)
            claimNumber = try row.read("number", as: Int.self)
            status = try row.read("status", as: String.self)
            policyID = try row.read("policy_id", as: UUID.self)
            attendance = try Attendance(stored: row.read("attendance", as: String.self))
            session = try LineSession(reading: row)
        }
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
        if let clientIDs { query = query + " AND " + .column("c.client_id", in: clientIDs) }
        return query
    }
}
