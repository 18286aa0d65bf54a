import RapportCore
import Vapor

/// Builds the client overview page from the use cases.
enum ClientOverview {
    /// The page, kept as HTML for this browser session while the data stands; one carrying a
    /// message about a form just sent is made afresh and not kept.
    static func render(
        _ req: Request, clientID: UUID, notice: String? = nil, formError: String? = nil
    ) async throws -> Response {
        let context = try await req.pageContext(.clients)
        let html = try await req.useCases.overview
            .load(
                clientID, cache: notice == nil && formError == nil ? req.application.readCaches.clientPages : nil,
                variant: context.csrf, reuse: req.acceptsKeptAnswer
            ) { overview in
                try await page(
                    req, clientID: clientID, overview, notice: notice, formError: formError, context: context
                )
                .render()
            }
        return HTMLResponse.make(html)
    }

    private static func page(
        _ req: Request, clientID: UUID, _ overview: ClientOverviewContent, notice: String?, formError: String?,
        context: PageContext
    ) async throws -> ClientPage {
        let practice = try await req.useCases.practice()
        let format = DisplayFormat()
        let (client, balance, billing) = (overview.client, overview.balance, overview.billing)
        let numbers = Dictionary(uniqueKeysWithValues: overview.invoices.map { ($0.id, $0.number) })
        let services = try await req.useCases.services.byID()
        var clinician = "—"
        if let id = client.primaryClinicianId {
            clinician = try await req.useCases.clinicians.get(id).name
        }
        let defaultService =
            billing.defaultServiceId.flatMap { services[$0] }.map { "\($0.code) · \($0.description)" }
            ?? "The practice's default"
        let fees = billing.fees.compactMap { fee in fee.amount.map { "\(fee.serviceCode) at \($0.shown)" } }.joined(
            separator: ", ")

        func row(_ session: SessionContent) -> ClientPage.SessionRow {
            let local = practice.timeZone.local(session.start)
            return ClientPage.SessionRow(
                id: session.id.uuidString, when: "\(format.longDate(local.date)), \(format.time(local.time))",
                code: session.service.code,
                fee: session.bills?.shown ?? "—", feeSource: SourceText.bills(session),
                attendance: SourceText.attendance(session.attendance),
                invoice: session.invoiceId.flatMap { id in numbers[id].map { (id.uuidString, $0) } },
                canInvoice: !session.billed && session.attendance != .cancelled)
        }
        var warnings = overview.billedDifferently.map {
            "Invoice #\($0.invoiceNumber): the session of \(format.date($0.dateOfService)) was billed \($0.billed.serviceCode) \($0.billed.amount.shown); the client's rules now give \($0.rules.serviceCode) \($0.rules.amount.shown)."
        }
        warnings += overview.unbilledWithOverride.map {
            "The session of \(format.date(practice.date(of: $0.start))) bills \($0.billsAt.serviceCode) \($0.billsAt.amount.shown), set by hand; the rules give \($0.rulesGive.serviceCode) \($0.rulesGive.amount.shown)."
        }
        return ClientPage(
            id: clientID.uuidString, name: "\(client.firstName) \(client.lastName)",
            facts: [
                ("Email", client.email ?? "—"), ("Phone", client.phone ?? "—"),
                ("Date of birth", client.dateOfBirth.map { format.date($0) } ?? "—"),
                ("Clinician", clinician), ("Default service", defaultService),
                ("Custom fees", fees.isEmpty ? "None" : fees),
                ("Status", client.status.capitalized),
            ],
            balance: balance.balance.shown, credit: balance.credit.shown,
            unbilled:
                "\(balance.unbilled.amount.shown) (\(balance.unbilled.sessions) session\(balance.unbilled.sessions == 1 ? "" : "s"))",
            warnings: warnings, upcoming: overview.upcoming.map(row), past: overview.recent.map(row),
            invoices: overview.invoices.map {
                .init(
                    id: $0.id.uuidString, number: $0.number, date: format.date($0.issueDate),
                    total: $0.total.shown, balance: $0.balance.shown, status: $0.status.rawValue)
            },
            notice: notice, formError: formError, context: context)
    }
}

/// Where a price comes from and what happened, in staff words.
enum SourceText {
    static func fee(_ source: FeeSource) -> String {
        switch source {
        case .override: "Typed for the session"
        case .clientFee: "Client's fee"
        case .serviceRate: "Service rate"
        }
    }

    /// Where what a session bills comes from: its fee's source, or — when attendance changes it, or
    /// an invoice froze it — that, with the fee it was made from.
    static func bills(_ session: SessionContent) -> String {
        guard let bills = session.bills else {
            return session.attendance == .cancelled
                ? "Cancelled: not billed" : "\(attendance(session.attendance)): not billed"
        }
        if session.billed {
            return bills == session.fee
                ? "Billed" : "Billed (\(attendance(session.attendance)) of \(session.fee.shown))"
        }
        if bills != session.fee { return "\(attendance(session.attendance)) of \(session.fee.shown)" }
        return fee(session.feeSource)
    }

    static func attendance(_ value: Attendance) -> String {
        switch value {
        case .show: "Show"
        case .cancelled: "Cancelled"
        case .lateCancelled: "Late cancel"
        case .noShow: "No show"
        case .scheduled: "Scheduled"
        }
    }
}
