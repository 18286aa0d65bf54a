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
    /// differs from the code and amount today's rules give. `coverage`, when the caller has read
    /// it already, must cover `clientIDs`.
    func billedDifferences(clientIDs: [UUID]?, from: LocalDate?, coverage: CoverageBook? = nil) async throws
        -> [BilledDifference]
    {
        // One joined read: a client screen compares hundreds of lines on every view.
        if clientIDs?.isEmpty == true { return [] }
        let lines = try await database.sql().raw(
            Self.billedLines(practiceID: practice.id, clientIDs: clientIDs, from: from)
        ).rows(BilledLine.self, on: database)
        guard !lines.isEmpty else { return [] }
        let clients = lines.map(\.session.clientID)
        let rules = try await PricingRulesLoader(database: database, practice: practice).rules(forClients: clients)
        let services = try await Lookup(database: database, practiceID: practice.id).servicesByID()
        let coverage =
            if let coverage { coverage } else {
                try await CoverageBook.load(practiceID: practice.id, clientIDs: Array(Set(clients)), on: database)
            }
        var differences: [BilledDifference] = []
        for line in lines {
            let (price, route) = try line.session.priced(
                attendance: line.attendance, rules: rules, coverage: coverage, practice: practice)
            let amount = practice.attendancePolicy.charge(for: line.attendance, fee: price.fee)?.amount ?? 0
            let code = services[price.serviceID]?.code ?? ""
            // Invoiced to the client, but the client's policies now send it to an insurer.
            let insurer: String? =
                if case .insurance(_, let payer, _, _, _) = route { coverage.payerNames[payer] ?? "" } else { nil }
            guard code != line.serviceCode || amount != line.amount || insurer != nil else { continue }
            differences.append(
                BilledDifference(
                    sessionId: line.sessionID, clientId: line.session.clientID, dateOfService: line.dateOfService,
                    invoiceId: line.invoiceID, invoiceNumber: line.invoiceNumber,
                    billed: PriceDetails(serviceCode: line.serviceCode, amount: practice.money(line.amount)),
                    rules: PriceDetails(serviceCode: code, amount: practice.money(amount)), nowBillsInsurer: insurer,
                    canReissue: line.invoicePaid == 0))
        }
        return differences.sorted {
            ($0.invoiceNumber, $0.dateOfService ?? .distantPast, $0.sessionId)
                < ($1.invoiceNumber, $1.dateOfService ?? .distantPast, $1.sessionId)
        }
    }

    /// `differences` with whether each invoice can be re-issued as it is now: while nothing has
    /// been paid on it.
    func reissuable(_ differences: [BilledDifference]) async throws -> [BilledDifference] {
        let invoices = Array(Set(differences.map(\.invoiceId)))
        guard !invoices.isEmpty else { return differences }
        var unpaid = Set<UUID>()
        for chunk in invoices.chunks(of: IDsPerStatement.limit) {
            let rows = try await database.sql().raw(
                "SELECT id FROM invoices WHERE practice_id = \(bind: practice.id) AND paid = 0 AND "
                    + .column("id", in: Array(chunk))
            ).all()
            for row in rows { unpaid.insert(try row.decode(column: "id", as: UUID.self)) }
        }
        return differences.map { $0.reissuable(unpaid.contains($0.invoiceId)) }
    }

    /// A row of ``billedLines(practiceID:clientIDs:from:)``.
    private struct BilledLine: RowReadable {
        let sessionID: UUID
        let invoiceID: UUID
        let dateOfService: LocalDate
        let serviceCode: String
        let amount: Int64
        /// As billed: the charge and the route follow the line's attendance.
        let attendance: Attendance
        let invoiceNumber: Int
        let invoicePaid: Int64
        let session: LineSession

        init(reading row: some RowReading) throws {
            sessionID = try row.read("session_id", as: UUID.self)
            invoiceID = try row.read("invoice_id", as: UUID.self)
            dateOfService = try LocalDate(
                stored: row.read("date_of_service", as: String.self), column: "invoice_lines.date_of_service")
            serviceCode = try row.read("service_code", as: String.self)
            amount = try row.read("amount", as: Int64.self)
            attendance = try Attendance(stored: row.read("attendance", as: String.self))
            invoiceNumber = try row.read("number", as: Int.self)
            invoicePaid = try row.read("paid", as: Int64.self)
            session = try LineSession(reading: row)
        }
    }

    /// A billed or claimed line's client and its session's pricing inputs, as the billed line
    /// recorded them or the claimed line's session has them.
    struct LineSession {
        let clientID: UUID
        let inputs: PricingInputs

        init(reading row: some RowReading) throws {
            clientID = try row.read("client_id", as: UUID.self)
            inputs = try PricingInputs(reading: row)
        }

        /// What today's rules price the session at, and whom its route bills. Every line is
        /// compared: one whose rules cannot be read or priced is an error, not a line quietly left
        /// out of the check.
        func priced(
            attendance: Attendance, rules: [UUID: PricingRules], coverage: CoverageBook, practice: PracticeContext
        ) throws -> (price: Price, route: BillingRoute<UUID>) {
            guard let clientRules = rules[clientID] else {
                throw UnreadableStoredValue(column: "client", value: clientID.text)
            }
            let price = try Pricing.price(
                PricingRequest(
                    date: practice.date(of: inputs.startsAt), chosenServiceID: inputs.chosenServiceID,
                    feeOverride: inputs.feeOverride.map(practice.money)),
                rules: clientRules)
            let route = coverage.route(
                client: clientID, start: inputs.startsAt, attendance: attendance, serviceID: price.serviceID,
                fee: price.fee.amount, selfPay: inputs.selfPay, practice: practice)
            return (price, route)
        }
    }

    /// Live invoice lines with what they were priced from (their own copy of the session's inputs,
    /// see ``AddInvoiceLinePricingInputs``: no look-up per line into the sessions table); also
    /// shown by `rapport bench explain`.
    static func billedLines(practiceID: UUID, clientIDs: [UUID]?, from: LocalDate?) -> SQLQueryString {
        var query: SQLQueryString = """
            SELECT l.session_id, l.invoice_id, l.date_of_service, l.service_code, l.amount, l.attendance,
                   i.number, i.paid, i.client_id, l.starts_at, l.chosen_service_id, l.fee_override, l.self_pay
            FROM invoice_lines l
            JOIN invoices i ON i.id = l.invoice_id
            WHERE i.practice_id = \(bind: practiceID) AND i.deleted_at IS NULL AND l.live = \(bind: true)
            """
        if let clientIDs { query = query + " AND " + .column("i.client_id", in: clientIDs) }
        if let from { query = query + " AND l.date_of_service >= \(bind: from.description)" }
        return query
    }

    /// Unbilled sessions with a typed fee or a chosen service whose price differs from what the
    /// client's rules alone would give.
    func unbilledOverrides(clientIDs: [UUID]?, from: LocalDate?) async throws -> [BillingCheckReport.Override] {
        if clientIDs?.isEmpty == true { return [] }
        let query = SessionRecord.select(practiceID: practice.id, on: try database.sql())
            .where("invoice_id", .is, SQLLiteral.null).where("claim_id", .is, SQLLiteral.null)
            .where(group: {
                $0.where("fee_override", .isNot, SQLLiteral.null).orWhere("chosen_service_id", .isNot, SQLLiteral.null)
            })
        if let clientIDs { query.where("client_id", .in, clientIDs) }
        if let from { query.where("starts_at", .greaterThanOrEqual, practice.timeZone.startOfDay(from)) }
        let sessions = try await query.orderBy("starts_at").orderBy("id").rows(SessionRecord.self, on: database)
        guard !sessions.isEmpty else { return [] }
        let rules = try await PricingRulesLoader(database: database, practice: practice).rules(
            forClients: sessions.map(\.clientID))
        let services = try await Lookup(database: database, practiceID: practice.id).servicesByID()
        return sessions.compactMap { session in
            guard let clientRules = rules[session.clientID],
                let plain = try? Pricing.price(
                    PricingRequest(date: practice.date(of: session.startsAt)), rules: clientRules),
                plain.serviceID != session.serviceID || plain.fee.amount != session.feeAmount
            else { return nil }
            return BillingCheckReport.Override(
                sessionId: session.id, clientId: session.clientID, start: session.startsAt,
                billsAt: PriceDetails(
                    serviceCode: services[session.serviceID]?.code ?? "", amount: practice.money(session.feeAmount)),
                rulesGive: PriceDetails(serviceCode: services[plain.serviceID]?.code ?? "", amount: plain.fee))
        }
    }
}
