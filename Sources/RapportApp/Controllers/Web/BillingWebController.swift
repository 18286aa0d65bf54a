import RapportCore
import Vapor

/// Invoices, payments, outstanding balances, the billing check, statements and superbills.
struct BillingWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("invoices", use: list).requires(.readBilling)
        routes.get("invoices", ":id", use: invoice).requires(.readBilling).showsClientRecord("invoice", from: .invoice)
        routes.post("invoices", ":id", "delete", use: delete).requires(.deleteInvoices)
        routes.post("invoices", ":id", "reissue", use: reissue).requires(.writeBilling)
        routes.post("payments", ":id", "applications", ":applicationId", "unapply", use: unapply).requires(
            .writeBilling)
        routes.get("payments", use: payments).requires(.readBilling)
        routes.get("payments", ":id", use: payment).requires(.readBilling).showsClientRecord("payment", from: .payment)
        routes.get("payments", "new", use: paymentPage).requires(.writeBilling)
        routes.post("payments", "new", use: recordPayment).requires(.writeBilling)
        routes.get("billing", "outstanding", use: outstanding).requires(.readBilling)
        routes.get("billing", "check", use: check).requires(.readBilling)
        routes.get("clients", ":id", "statement", use: statement).requires(.readBilling).showsClientRecord("statement")
        routes.get("clients", ":id", "superbill", use: superbill).requires(.readBilling).showsClientRecord("superbill")
    }

    /// Invoices, newest first, of one status or all; a status the list does not have is said beside
    /// the filter and nothing is listed (422), never every invoice in its place.
    @Sendable func list(req: Request) async throws -> Response {
        var filters = FormState(values: try req.queryValues())
        let status = filters.optionalChoice(
            "status", among: InvoiceStatus.allCases.map(\.rawValue), problem: "Choose a status from the list")
            .flatMap(InvoiceStatus.init(rawValue:))
        var invoices: [InvoiceDetails] = []
        if filters.errors.isEmpty {
            invoices = try await req.useCases.invoicing.list(.init(status: status, page: try Page(limit: 200, offset: 0)))
        }
        let names = try await req.useCases.names(clients: invoices.map(\.clientId))
        let page = InvoiceListPage(
            invoices: invoices, clientNames: names.clients, filters: filters, context: try await req.pageContext(.billing))
        return HTMLResponse.make(page.render(), status: filters.errors.isEmpty ? .ok : .unprocessableEntity)
    }

    @Sendable func invoice(req: Request) async throws -> Response {
        try await renderInvoice(req, id: try req.id(), formError: nil)
    }

    /// The red Delete button: refused with a clear message while payments are applied.
    @Sendable func delete(req: Request) async throws -> Response {
        let id = try req.id()
        do {
            _ = try await req.useCases.invoicing.delete(id, reason: try req.formValues()["reason"])
            return req.redirect(to: "/invoices/\(id)", redirectType: .normal)
        } catch let error as UseCaseError where error.kind != .notFound {
            return try await renderInvoice(req, id: id, formError: error.message)
        }
    }

    /// Takes a payment off an invoice (the money becomes the client's credit), from the invoice page.
    @Sendable func unapply(req: Request) async throws -> Response {
        let applicationID = try req.id("applicationId")
        let payments = try req.useCases.payments
        let payment = try await payments.get(try req.id())
        guard let application = payment.applications.first(where: { $0.id == applicationID }) else {
            throw UseCaseError.notFound("payment application")
        }
        _ = try await payments.unapply(payment.id, applicationID: applicationID)
        let notice =
            "\(application.amount.shown) of the \(payment.method) payment was unapplied; it is the client's credit now."
        // Back where Unapply was pressed: the payment's page, or the invoice's.
        let back = try req.formValues()["back"] == "payment" ? "/payments/\(payment.id)" : "/invoices/\(application.invoiceId)"
        return req.redirect(
            to: "\(back)?notice=\(notice.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")",
            redirectType: .normal)
    }

    /// Every payment, newest first (the latest 200).
    @Sendable func payments(req: Request) async throws -> Response {
        let payments = try await req.useCases.payments.list(clientID: nil, page: try Page(limit: 200, offset: 0))
        let names = try await req.useCases.names(clients: payments.map(\.clientId))
        let numbers = try await req.useCases.invoiceNumbers(payments.flatMap { $0.applications.map(\.invoiceId) })
        let page = PaymentListPage(
            payments: payments, clientNames: names.clients, invoiceNumbers: numbers,
            context: try await req.pageContext(.billing))
        return HTMLResponse.make(page.render())
    }

    @Sendable func payment(req: Request) async throws -> Response {
        let payment = try await req.useCases.payments.get(try req.id())
        let names = try await req.useCases.names(clients: [payment.clientId])
        let numbers = try await req.useCases.invoiceNumbers(payment.applications.map(\.invoiceId))
        let page = PaymentPage(
            payment: payment, clientName: names.clients[payment.clientId] ?? "", invoiceNumbers: numbers,
            notice: try req.queryValue("notice"), context: try await req.pageContext(.billing))
        return HTMLResponse.make(page.render())
    }

    @Sendable func reissue(req: Request) async throws -> Response {
        let id = try req.id()
        do {
            let fresh = try await req.useCases.invoicing.reissue(id)
            return req.redirect(to: "/invoices/\(fresh.id)", redirectType: .normal)
        } catch let error as UseCaseError where error.kind != .notFound {
            return try await renderInvoice(req, id: id, formError: error.message)
        }
    }

    @Sendable func paymentPage(req: Request) async throws -> Response {
        let practice = try await req.useCases.practice()
        return try await renderPayment(
            req, form: FormState(values: ["method": "card", "receivedOn": practice.today.description]))
    }

    @Sendable func recordPayment(req: Request) async throws -> Response {
        let values = try req.formValues()
        let practice = try await req.useCases.practice()
        guard let clientID = try req.queryValue("client").flatMap({ UUID(uuidString: $0) }) else {
            throw Abort(.notFound)
        }
        var form = FormState(values: values)
        // A date that is not one is said beside the field, never taken as today.
        let amount = form.money("amount", currency: practice.currency)
        let received = form.optionalDate("receivedOn", example: practice.today)
        guard let amount, form.errors.isEmpty else { return try await renderPayment(req, form: form) }
        do {
            _ = try await req.useCases.payments.record(
                PaymentInput(
                    clientId: clientID, amount: amount, method: values["method"] ?? "", receivedOn: received,
                    reference: values["reference"], apply: .auto))
            return req.redirect(to: "/clients/\(clientID)?notice=Payment%20recorded", redirectType: .normal)
        } catch let error as UseCaseError where error.kind != .notFound {
            form.absorb(error, fields: ["amount": "amount"], fallback: "amount")
            return try await renderPayment(req, form: form)
        }
    }

    @Sendable func outstanding(req: Request) async throws -> Response {
        // An offset typed into the address bar is brought within bounds; one that is no number is
        // refused, named.
        let offset = min(max(0, try req.queryWholeNumber("offset") ?? 0), Page.maxOffset)
        let report = try await req.useCases.balances.outstanding(
            page: try Page(limit: OutstandingPage.pageSize, offset: offset))
        return HTMLResponse.make(
            OutstandingPage(report: report, offset: offset, context: try await req.pageContext(.billing)).render())
    }

    @Sendable func check(req: Request) async throws -> Response {
        let report = try await req.useCases.billingCheck.report(clientID: nil)
        let names = try await req.useCases.names(
            clients: report.billedDifferently.map(\.clientId) + report.unbilledWithOverride.map(\.clientId)
                + report.claimedDifferently.map(\.clientId))
        let page = BillingCheckPage(
            report: report,
            clientNames: Dictionary(uniqueKeysWithValues: names.clients.map { ($0.key.uuidString, $0.value) }),
            context: try await req.pageContext(.billing))
        return HTMLResponse.make(page.render())
    }

    @Sendable func statement(req: Request) async throws -> Response {
        try await document(req, title: "Statement", kind: "statement") { client, from, to, context in
            HTMLResponse.make(
                ClientDocumentPage(
                    statement: try await req.useCases.documents.statement(client, from: from, to: to), clientID: client,
                    from: from, to: to, context: context
                ).render())
        }
    }

    /// The printable superbill, or what it lacks with where to add each.
    @Sendable func superbill(req: Request) async throws -> Response {
        try await document(req, title: "Superbill", kind: "superbill") { clientID, from, to, context in
            let result = try await req.useCases.documents.superbill(clientID, from: from, to: to)
            guard let superbill = result.superbill else {
                let client = try await req.useCases.clients.get(clientID)
                return HTMLResponse.make(
                    SuperbillMissingPage(
                        clientID: clientID, clientName: "\(client.firstName) \(client.lastName)",
                        missing: result.missing, context: context
                    ).render())
            }
            let page = ClientDocumentPage(superbill: superbill, clientID: clientID, context: context)
            return HTMLResponse.make(page.render())
        }
    }

    /// The one shape of a client's document page: the client and period from the request, the page
    /// made from the use case's result; a period that cannot be shown comes back as its form, each
    /// problem beside its field (422), and no document.
    private func document(
        _ req: Request, title: String, kind: String,
        _ page: (UUID, LocalDate, LocalDate, PageContext) async throws -> Response
    ) async throws -> Response {
        let clientID = try req.id()
        let today = try await req.useCases.practice().today
        var form = FormState(values: [
            "from": try req.queryValue("from") ?? "", "to": try req.queryValue("to") ?? "",
        ])
        let typed = form.period(example: today)
        let context = try await req.pageContext(.clients)
        guard form.errors.isEmpty else {
            // The client must be one the user sees, as for the document itself.
            _ = try await req.useCases.clients.get(clientID)
            let page = DocumentPeriodPage(
                title: title, clientID: clientID.uuidString, kind: kind, form: form, context: context)
            return HTMLResponse.make(page.render(), status: .unprocessableEntity)
        }
        // Left empty, the start is the first of January of the end's year (the year to date when
        // both are empty), and the end today, or the start when that is later.
        let from = typed.from ?? LocalDate(year: (typed.to ?? today).year, month: 1, day: 1) ?? today
        return try await page(clientID, from, typed.to ?? max(from, today), context)
    }

    private func renderInvoice(_ req: Request, id: UUID, formError: String?) async throws -> Response {
        let invoice = try await req.useCases.invoicing.get(id)
        let client = try await req.useCases.clients.get(invoice.clientId)
        let page = InvoicePage(
            invoice: invoice, clientName: "\(client.firstName) \(client.lastName)", formError: formError,
            notice: req.method == .GET ? try req.queryValue("notice") : nil,
            context: try await req.pageContext(.billing))
        return HTMLResponse.make(page.render())
    }

    private func renderPayment(_ req: Request, form: FormState) async throws -> Response {
        guard let clientID = try req.queryValue("client").flatMap({ UUID(uuidString: $0) }) else {
            throw Abort(.notFound)
        }
        let client = try await req.useCases.clients.get(clientID)
        let page = RecordPaymentPage(
            clientID: clientID.uuidString, clientName: "\(client.firstName) \(client.lastName)", form: form,
            context: try await req.pageContext(.billing))
        return HTMLResponse.make(page.render())
    }
}
