import Fluent
import RapportCore
import Vapor

/// Compares what sessions bill with what the client's current rules give: the help article's
/// diagnosis ("is this session billing at the wrong code or fee?"), automated.
struct BillingComparison {
    let database: any Database
    let practice: PracticeContext

    /// The billing check: both lists, for `clientIDs` (every client when nil).
    func report(clientIDs: [UUID]?) async throws -> BillingCheckReport {
        BillingCheckReport(
            unbilledWithOverride: try await unbilledOverrides(clientIDs: clientIDs, from: nil),
            billedDifferently: try await billedDifferences(clientIDs: clientIDs, from: nil))
    }

    /// Billed sessions (of `clientIDs`, every client when nil, dated `from` on) whose invoice line
    /// differs from the code and amount today's rules give.
    func billedDifferences(clientIDs: [UUID]?, from: LocalDate?) async throws -> [BilledDifference] {
        let invoiceQuery = Invoice.query(on: database).filter(\.$practiceID == practice.id).filter(\.$deletedAt == nil)
        if let clientIDs { invoiceQuery.filter(\.$clientID ~~ clientIDs) }
        let invoices = try await invoiceQuery.all()
        guard !invoices.isEmpty else { return [] }
        let invoicesByID = Dictionary(uniqueKeysWithValues: invoices.compactMap { row in row.id.map { ($0, row) } })
        let lineQuery = InvoiceLine.query(on: database).filter(\.$invoiceID ~~ Array(invoicesByID.keys)).filter(
            \.$live == true)
        if let from { lineQuery.filter(\.$dateOfService >= from.description) }
        let lines = try await lineQuery.all()
        let sessions = try await Session.query(on: database).filter(\.$id ~~ lines.map(\.sessionID)).all()
        let sessionsByID = Dictionary(uniqueKeysWithValues: sessions.compactMap { row in row.id.map { ($0, row) } })
        let rules = try await PricingRulesLoader(database: database, practice: practice).rules(
            forClients: sessions.map(\.clientID))
        let services = try await Lookup(database: database, practiceID: practice.id).servicesByID()
        let repricer = Repricer(database: database, practice: practice)
        var differences: [BilledDifference] = []
        for line in lines {
            guard let session = sessionsByID[line.sessionID], let invoice = invoicesByID[line.invoiceID],
                let clientRules = rules[session.clientID],
                let price = try? repricer.price(session, rules: clientRules)
            else { continue }
            let attendance = Attendance(rawValue: line.attendance) ?? .show
            let amount = practice.attendancePolicy.charge(for: attendance, fee: price.fee)?.amount ?? 0
            let code = services[price.serviceID]?.code ?? ""
            guard code != line.serviceCode || amount != line.amount else { continue }
            differences.append(
                BilledDifference(
                    sessionId: line.sessionID, clientId: session.clientID, dateOfService: LocalDate(line.dateOfService),
                    invoiceId: line.invoiceID, invoiceNumber: invoice.number,
                    billed: PriceContent(serviceCode: line.serviceCode, amount: practice.money(line.amount)),
                    rules: PriceContent(serviceCode: code, amount: practice.money(amount)),
                    canReissue: invoice.paid == 0))
        }
        return differences.sorted {
            ($0.invoiceNumber, $0.dateOfService ?? .distantPast) < ($1.invoiceNumber, $1.dateOfService ?? .distantPast)
        }
    }

    /// Unbilled sessions with a typed fee or a chosen service whose price differs from what the
    /// client's rules alone would give.
    func unbilledOverrides(clientIDs: [UUID]?, from: LocalDate?) async throws -> [BillingCheckReport.Override] {
        let query = Session.query(on: database).filter(\.$practiceID == practice.id).filter(\.$invoiceID == nil)
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
                billsAt: PriceContent(
                    serviceCode: services[session.serviceID]?.code ?? "", amount: practice.money(session.feeAmount)),
                rulesGive: PriceContent(serviceCode: services[plain.serviceID]?.code ?? "", amount: plain.fee))
        }
    }
}
