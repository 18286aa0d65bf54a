import RapportCore
import Vapor

/// `/api/v1/invoices` and `/api/v1/payments`.
struct BillingController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let invoices = routes.grouped("invoices")
        invoices.get(use: listInvoices).requires(.readBilling)
        invoices.post(use: createInvoice).requires(.writeBilling)
        invoices.post("run", use: runInvoices).requires(.writeBilling)
        invoices.get(":id", use: getInvoice).requires(.readBilling).showsClientRecord("invoice", from: .invoice)
        invoices.delete(":id", use: deleteInvoice).requires(.deleteInvoices)
        invoices.post(":id", "reissue", use: reissueInvoice).requires(.writeBilling)

        let payments = routes.grouped("payments")
        payments.get(use: listPayments).requires(.readBilling)
        payments.post(use: recordPayment).requires(.writeBilling)
        payments.get(":id", use: getPayment).requires(.readBilling).showsClientRecord("payment", from: .payment)
        payments.post(":id", "applications", use: applyPayment).requires(.writeBilling)
        payments.delete(":id", "applications", ":applicationId", use: unapplyPayment).requires(.writeBilling)
    }

    struct InvoiceQuery: Content {
        var clientId: UUID?
        var status: String?
        var from: String?
        var to: String?
        var limit: Int?
        var offset: Int?
    }

    /// Invoices, newest first; filter by client, status (`open|paid|deleted`) and issue-date range.
    @Sendable func listInvoices(req: Request) async throws -> [InvoiceDetails] {
        let query = try req.query.decode(InvoiceQuery.self)
        var errors = FieldErrors()
        let status = query.status.flatMap(InvoiceStatus.init(rawValue:))
        if query.status != nil, status == nil {
            errors.add("status", "must be open, paid or deleted")
        }
        let from = DateParameter.parse(query.from, field: "from", errors: &errors)
        let to = DateParameter.parse(query.to, field: "to", errors: &errors)
        try errors.throwIfAny()
        return try await req.useCases.invoicing.list(
            .init(
                clientID: query.clientId, status: status, from: from, to: to,
                page: try Page(limit: query.limit, offset: query.offset)))
    }

    /// Makes an invoice from chosen sessions of one client; their prices are frozen on it.
    @Sendable func createInvoice(req: Request) async throws -> Response {
        let content = try await req.useCases.invoicing.create(
            req.decodeStrict(InvoiceInput.self))
        return try await content.encodeResponse(status: .created, for: req)
    }

    /// Runs automatic invoicing now for the caller's practice (daily or monthly mode).
    @Sendable func runInvoices(req: Request) async throws -> InvoiceRunResult {
        let input = req.body.data == nil ? InvoiceRunInput() : try req.decodeStrict(InvoiceRunInput.self)
        let useCases = try req.useCases
        return try await useCases.invoiceRun.runNow(input, for: useCases.actor)
    }

    /// One invoice with its lines, payments applied and balance.
    @Sendable func getInvoice(req: Request) async throws -> InvoiceDetails {
        try await req.useCases.invoicing.get(req.id())
    }

    /// Deletes an invoice with no payments applied (`?reason=`); its sessions are unbilled again.
    @Sendable func deleteInvoice(req: Request) async throws -> InvoiceDetails {
        try await req.useCases.invoicing.delete(
            req.id(), reason: try req.queryValue("reason"))
    }

    /// Deletes an unpaid invoice and bills the same sessions at today's rules.
    @Sendable func reissueInvoice(req: Request) async throws -> Response {
        let content = try await req.useCases.invoicing.reissue(req.id())
        return try await content.encodeResponse(status: .created, for: req)
    }

    struct PaymentQuery: Content {
        var clientId: UUID?
        var limit: Int?
        var offset: Int?
    }

    /// Payments, newest first; `?clientId=` for one client.
    @Sendable func listPayments(req: Request) async throws -> [PaymentDetails] {
        let query = try req.query.decode(PaymentQuery.self)
        return try await req.useCases.payments
            .list(clientID: query.clientId, page: try Page(limit: query.limit, offset: query.offset))
    }

    /// Records a payment and applies it (oldest invoices first unless told otherwise).
    @Sendable func recordPayment(req: Request) async throws -> Response {
        let content = try await req.useCases.payments.record(req.decodeStrict(PaymentInput.self))
        return try await content.encodeResponse(status: .created, for: req)
    }

    /// One payment with where it is applied.
    @Sendable func getPayment(req: Request) async throws -> PaymentDetails {
        try await req.useCases.payments.get(req.id())
    }

    /// Applies more of a payment, to a chosen invoice or oldest-first.
    @Sendable func applyPayment(req: Request) async throws -> PaymentDetails {
        let input = req.body.data == nil ? ApplicationInput() : try req.decodeStrict(ApplicationInput.self)
        return try await req.useCases.payments.apply(req.id(), input)
    }

    /// Takes an application back; the amount becomes credit again.
    @Sendable func unapplyPayment(req: Request) async throws -> PaymentDetails {
        try await req.useCases.payments.unapply(req.id(), applicationID: req.id("applicationId"))
    }
}

/// `yyyy-MM-dd` query parameters.
enum DateParameter {
    static func parse(_ text: String?, field: FieldPath, errors: inout FieldErrors) -> LocalDate? {
        guard let text else { return nil }
        guard let date = LocalDate(text) else {
            errors.add(field, "must be a date (yyyy-MM-dd)")
            return nil
        }
        return date
    }
}
