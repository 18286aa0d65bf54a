import RapportCore
import Vapor

/// Balances, ledgers, reports, the billing check and rule changes with preview.
struct ReceivablesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let client = routes.grouped("clients", ":id")
        client.get("balance", use: balance).requires(.readBilling).showsClientRecord("balance")
        client.get("ledger", use: ledger).requires(.readBilling).showsClientRecord("ledger")
        client.get("superbill", use: superbill).requires(.readBilling).showsClientRecord("superbill")
        client.get("statement", use: statement).requires(.readBilling).showsClientRecord("statement")
        routes.get("reports", "outstanding", use: outstanding).requires(.readBilling)
        routes.get("billing-check", use: billingCheck).requires(.readBilling)

        let changes = routes.grouped("billing-changes")
        changes.post("preview", use: previewChange).requires(.writeBilling)
        changes.post(use: applyChange).requires(.writeBilling)
        changes.post(":id", "undo", use: undoChange).requires(.writeBilling)
    }

    /// Invoiced, paid, open balance, credit and unbilled work for one client.
    @Sendable func balance(req: Request) async throws -> ClientBalance {
        let balance = try await req.useCases.balances.balance(req.id())
        return balance
    }

    /// Charges, payments and deletions with a running balance.
    @Sendable func ledger(req: Request) async throws -> [LedgerEntry] {
        let ledger = try await req.useCases.balances.ledger(req.id())
        return ledger
    }

    /// The superbill for `?from=&to=` (dates of service); 422 naming each missing piece when an
    /// insurer would not accept it.
    @Sendable func superbill(req: Request) async throws -> SuperbillDetails {
        let (from, to) = try range(req)
        let result = try await req.useCases.documents.superbill(req.id(), from: from, to: to)
        guard let superbill = result.superbill else {
            throw UseCaseError.invalid(
                Dictionary(result.missing.map { (FieldPath(stringLiteral: $0.field), $0.message) }, uniquingKeysWith: { first, _ in first }),
                message: "the superbill is incomplete: " + result.missing.map(\.message).joined(separator: "; "))
        }
        return superbill
    }

    /// Statement data for `?from=&to=`: opening balance, activity, closing balance, open invoices.
    @Sendable func statement(req: Request) async throws -> Statement {
        let (from, to) = try range(req)
        return try await req.useCases.documents.statement(req.id(), from: from, to: to)
    }

    /// Clients who owe or hold credit, largest balance first, a page at a time, with aging buckets.
    @Sendable func outstanding(req: Request) async throws -> Response {
        let page = try Page(
            limit: try req.query.get(Int?.self, at: "limit"), offset: try req.query.get(Int?.self, at: "offset"))
        var json = JSONBytes(capacity: 32 << 10)
        try await req.useCases.balances.outstanding(page: page).write(to: &json)
        return .json(ByteBuffer(bytes: try json.result()))
    }

    /// Sessions whose code or fee differ from the current rules, practice-wide or `?clientId=`.
    @Sendable func billingCheck(req: Request) async throws -> BillingCheckReport {
        var clientID: UUID?
        if let text = try req.queryValue("clientId") {
            guard let id = UUID(uuidString: text) else { throw UseCaseError.invalid("clientId", "must be a client id") }
            clientID = id
        }
        return try await req.useCases.billingCheck.report(clientID: clientID)
    }

    /// What a change to a client's default service or fees, or a service's rate, would do.
    @Sendable func previewChange(req: Request) async throws -> BillingChangeReport {
        try await req.useCases.billingChanges.preview(req.decodeStrict(BillingChangeInput.self))
    }

    /// Applies such a change; unbilled sessions follow it.
    @Sendable func applyChange(req: Request) async throws -> Response {
        let report = try await req.useCases.billingChanges.apply(
            req.decodeStrict(BillingChangeInput.self))
        return try await report.encodeResponse(status: .created, for: req)
    }

    /// Undoes an applied change: the earlier rules return and unbilled sessions follow them back.
    @Sendable func undoChange(req: Request) async throws -> BillingChangeReport {
        try await req.useCases.billingChanges.undo(req.id())
    }

    private func range(_ req: Request) throws -> (LocalDate, LocalDate) {
        var errors = FieldErrors()
        let from = DateParameter.parse(try req.queryValue("from"), field: "from", errors: &errors)
        let to = DateParameter.parse(try req.queryValue("to"), field: "to", errors: &errors)
        if try req.queryValue("from") == nil { errors.add("from", "is required (yyyy-MM-dd)") }
        if try req.queryValue("to") == nil { errors.add("to", "is required (yyyy-MM-dd)") }
        if let from, let to, to < from { errors.add("to", "must be on or after from") }
        try errors.throwIfAny()
        guard let from, let to else { throw UseCaseError.invalid(errors.fields) }
        return (from, to)
    }
}
