import Foundation
import RapportCore

/// The client overview page made from the use case's ``ClientOverview``.
extension ClientPage {
    /// The page for a client's overview, in the practice's words and formats.
    init(
        _ overview: ClientOverview, services: [UUID: ServiceCatalog.Label], clinicianName clinician: String,
        timeZone: TimeZone, estimateWarnings: [String] = [], notice: String?, formError: String?, context: PageContext
    ) {
        let format = DisplayFormat()
        let (client, balance, billing) = (overview.client, overview.balance, overview.billing)
        let numbers = Dictionary(uniqueKeysWithValues: overview.invoices.map { ($0.id, $0.number) })
        let defaultService =
            billing.defaultServiceId.flatMap { services[$0] }.map { "\($0.code) · \($0.description)" }
            ?? "The practice's default"
        let fees = billing.fees.compactMap { fee in fee.amount.map { "\(fee.serviceCode) at \($0.shown)" } }.joined(
            separator: ", ")

        func row(_ session: SessionDetails) -> ClientPage.SessionRow {
            ClientPage.SessionRow(session, timeZone: timeZone, format: format, invoiceNumbers: numbers)
        }
        var warnings = overview.billedDifferently.map {
            "Invoice #\($0.invoiceNumber): the session of \(format.date($0.dateOfService)) "
                + SourceText.difference($0, subject: "the client's rules") + "."
        }
        warnings += overview.claimedDifferently.map {
            "Claim #\($0.claimNumber): the session of \(format.date($0.dateOfService)) " + SourceText.difference($0) + "."
        }
        warnings += estimateWarnings
        warnings += overview.unbilledWithOverride.map {
            "The session of \(format.date(timeZone.localDate($0.start))) bills \($0.billsAt.serviceCode) \($0.billsAt.amount.shown), set by hand; the rules give \($0.rulesGive.serviceCode) \($0.rulesGive.amount.shown)."
        }
        self.init(
            id: overview.client.id.uuidString, name: "\(client.firstName) \(client.lastName)",
            facts: [
                ("Email", client.email ?? "—"), ("Phone", client.phone ?? "—"),
                ("Date of birth", client.dateOfBirth.map { format.date($0) } ?? "—"),
                ("Sex", client.sex?.rawValue.capitalized ?? "—"),
                (
                    "Address",
                    client.address.map {
                        [$0.line1, $0.line2, "\($0.city), \($0.state) \($0.zip)"].compactMap { $0 }
                            .joined(separator: ", ")
                    } ?? "—"
                ),
                ("Clinician", clinician), ("Default service", defaultService),
                ("Custom fees", fees.isEmpty ? "None" : fees),
                ("Status", client.status.capitalized),
            ],
            balance: balance.balance.shown, credit: balance.credit.shown,
            unbilled:
                "\(balance.unbilled.amount.shown) (\(balance.unbilled.sessions) session\(balance.unbilled.sessions == 1 ? "" : "s"))",
            unclaimed: balance.unclaimed.sessions == 0
                ? nil
                : "\(balance.unclaimed.amount.shown) (\(balance.unclaimed.sessions) session\(balance.unclaimed.sessions == 1 ? "" : "s"))",
            insurersOwe: balance.insurersOwe.amount == 0 ? nil : balance.insurersOwe.shown,
            patientResponsibility: balance.patientResponsibility.amount == 0
                ? nil : (balance.patientResponsibility.shown, balance.patientResponsibility.amount > 0),
            warnings: warnings, upcoming: overview.upcoming.map(row), past: overview.recent.map(row),
            moreUpcoming: overview.upcoming.count >= ClientOverviewReport.upcomingLimit,
            morePast: overview.recent.count >= ClientOverviewReport.recentLimit,
            invoices: overview.invoices.map {
                .init(
                    id: $0.id.uuidString, number: $0.number, date: format.date($0.issueDate),
                    total: $0.total.shown, balance: $0.balance.shown, status: $0.status.rawValue)
            },
            notice: notice, formError: formError, context: context)
    }
}

extension ClientPage.SessionRow {
    /// A session as the client's lists show it: when, code, what it bills and why, attendance, invoice.
    init(_ session: SessionDetails, timeZone: TimeZone, format: DisplayFormat, invoiceNumbers: [UUID: Int]) {
        let local = timeZone.local(session.start)
        self.init(
            id: session.id.uuidString, when: "\(format.longDate(local.date)), \(format.time(local.time))",
            code: session.service.code,
            fee: session.bills?.shown ?? "—",
            feeSource: [SourceText.bills(session), SourceText.route(session)].compactMap { $0 }.joined(separator: " · "),
            attendance: SourceText.attendance(session.attendance),
            invoice: session.invoiceId.flatMap { id in invoiceNumbers[id].map { (id.uuidString, $0) } },
            canInvoice: !session.billed && session.attendance != .cancelled && session.billing.to == "client")
    }
}
