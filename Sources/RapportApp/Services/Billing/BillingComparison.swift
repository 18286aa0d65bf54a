import Fluent
import Foundation
import RapportCore
import SQLKit

/// The billing check as a caller asks for it: one client of theirs, or every client they may see.
struct BillingCheck {
    let database: any Database
    let actor: Actor

    func report(clientID: UUID?) async throws -> BillingCheckReport {
        let practice = try await PracticeContext.of(actor, on: database)
        let lookup = Lookup(database: database, actor: actor)
        let clients: [UUID]?
        if let clientID {
            _ = try await lookup.client(clientID)
            clients = [clientID]
        } else {
            clients = try await lookup.visibleClientIDs()
        }
        return try await BillingComparison(database: database, practice: practice).report(clientIDs: clients)
    }
}

/// Compares what sessions bill with what the client's current rules give: the help article's
/// diagnosis ("is this session billing at the wrong code or fee?"), automated.
struct BillingComparison {
    let database: any Database
    let practice: PracticeContext

    /// The billing check: both lists, for `clientIDs` (every client when nil).
    func report(clientIDs: [UUID]?) async throws -> BillingCheckReport {
        BillingCheckReport(
            unbilledWithOverride: try await unbilledOverrides(clientIDs: clientIDs, from: nil),
            billedDifferently: try await billedDifferences(clientIDs: clientIDs, from: nil),
            claimedDifferently: try await claimedDifferences(clientIDs: clientIDs))
    }

    /// Billed sessions (of `clientIDs`, every client when nil, dated `from` on) whose invoice line
    /// differs from the code and amount today's rules give.
    func billedDifferences(clientIDs: [UUID]?, from: LocalDate?) async throws -> [BilledDifference] {
        // One joined SQLKit read: a client screen compares hundreds of lines on every view.
        if clientIDs?.isEmpty == true { return [] }
        let lines = try await database.sql().raw(
            Self.billedLines(practiceID: practice.id, clientIDs: clientIDs, from: from)
        )
        .all()
        guard !lines.isEmpty else { return [] }
        let clients = try lines.map { try $0.decode(column: "client_id", as: UUID.self) }
        let rules = try await PricingRulesLoader(database: database, practice: practice).rules(forClients: clients)
        let services = try await Lookup(database: database, practiceID: practice.id).servicesByID()
        let coverage = try await CoverageBook.load(
            practiceID: practice.id, clientIDs: Array(Set(clients)), on: database)
        var differences: [BilledDifference] = []
        for (line, clientID) in zip(lines, clients) {
            let request = PricingRequest(
                date: practice.date(of: try line.decode(column: "starts_at", as: Date.self)),
                chosenServiceID: try line.decode(column: "chosen_service_id", as: UUID?.self),
                feeOverride: try line.decode(column: "fee_override", as: Int64?.self).map(practice.money))
            // Every billed line is compared: one whose rules cannot be read or priced is an error,
            // not a line quietly left out of the check.
            guard let clientRules = rules[clientID] else {
                throw UnreadableStoredValue(column: "client", value: clientID.uuidString)
            }
            let price = try Pricing.price(request, rules: clientRules)
            let attendance = try Attendance(stored: line.decode(column: "attendance", as: String.self))
            let amount = practice.attendancePolicy.charge(for: attendance, fee: price.fee)?.amount ?? 0
            let code = services[price.serviceID]?.code ?? ""
            let billedCode = try line.decode(column: "service_code", as: String.self)
            let billedAmount = try line.decode(column: "amount", as: Int64.self)
            // Invoiced to the client, but the client's policies now send it to an insurer.
            let start = try line.decode(column: "starts_at", as: Date.self)
            let route = coverage.route(
                client: clientID, start: start, attendance: attendance, serviceID: price.serviceID,
                fee: price.fee.amount, selfPay: try line.decode(column: "self_pay", as: Bool?.self), practice: practice)
            let insurer: String? =
                if case .insurance(_, let payer, _, _, _) = route { coverage.payerNames[payer] ?? "" } else { nil }
            guard code != billedCode || amount != billedAmount || insurer != nil else { continue }
            differences.append(
                BilledDifference(
                    sessionId: try line.decode(column: "session_id", as: UUID.self), clientId: clientID,
                    dateOfService: LocalDate(try line.decode(column: "date_of_service", as: String.self)),
                    invoiceId: try line.decode(column: "invoice_id", as: UUID.self),
                    invoiceNumber: try line.decode(column: "number", as: Int.self),
                    billed: PriceDetails(serviceCode: billedCode, amount: practice.money(billedAmount)),
                    rules: PriceDetails(serviceCode: code, amount: practice.money(amount)), nowBillsInsurer: insurer,
                    canReissue: try line.decode(column: "paid", as: Int64.self) == 0))
        }
        return differences.sorted {
            ($0.invoiceNumber, $0.dateOfService ?? .distantPast) < ($1.invoiceNumber, $1.dateOfService ?? .distantPast)
        }
    }

    /// Live invoice lines with their session's pricing inputs; also shown by `rapport bench explain`.
    static func billedLines(practiceID: UUID, clientIDs: [UUID]?, from: LocalDate?) -> SQLQueryString {
        var query: SQLQueryString = """
            SELECT l.session_id, l.invoice_id, l.date_of_service, l.service_code, l.amount, l.attendance,
                   i.number, i.paid, s.client_id, s.starts_at, s.chosen_service_id, s.fee_override, s.self_pay
            FROM invoice_lines l
            JOIN invoices i ON i.id = l.invoice_id
            JOIN sessions s ON s.id = l.session_id
            WHERE i.practice_id = \(bind: practiceID) AND i.deleted_at IS NULL AND l.live = \(bind: true)
            """
        if let clientIDs { query = query + " AND i.client_id IN (\(binds: clientIDs))" }
        if let from { query = query + " AND l.date_of_service >= \(bind: from.description)" }
        return query
    }

    /// Unbilled sessions with a typed fee or a chosen service whose price differs from what the
    /// client's rules alone would give.
    func unbilledOverrides(clientIDs: [UUID]?, from: LocalDate?) async throws -> [BillingCheckReport.Override] {
        let query = Session.query(on: database).filter(\.$practiceID == practice.id).filter(\.$invoiceID == nil)
            .filter(\.$claimID == nil)
            .group(.or) { $0.filter(\.$feeOverride != nil).filter(\.$chosenServiceID != nil) }
        if let clientIDs { query.filter(\.$clientID ~~ clientIDs) }
        if let from { query.filter(\.$startsAt >= practice.timeZone.startOfDay(from)) }
        let sessions = try await query.sort(\.$startsAt).all()
        let rules = try await PricingRulesLoader(database: database, practice: practice).rules(
            forClients: sessions.map(\.clientID))
        let services = try await Lookup(database: database, practiceID: practice.id).servicesByID()
        return sessions.compactMap { session in
            guard let id = session.id, let clientRules = rules[session.clientID],
                let plain = try? Pricing.price(
                    PricingRequest(date: practice.date(of: session.startsAt)), rules: clientRules),
                plain.serviceID != session.serviceID || plain.fee.amount != session.feeAmount
            else { return nil }
            return BillingCheckReport.Override(
                sessionId: id, clientId: session.clientID, start: session.startsAt,
                billsAt: PriceDetails(
                    serviceCode: services[session.serviceID]?.code ?? "", amount: practice.money(session.feeAmount)),
                rulesGive: PriceDetails(serviceCode: services[plain.serviceID]?.code ?? "", amount: plain.fee))
        }
    }
}
