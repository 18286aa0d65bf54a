import Vapor

/// `/api/v1/remittances`: a payer's 835, previewed and then posted.
struct RemittancesController: RouteCollection {
    /// An 835 file in a JSON string: a large payer's daily remittance is a few megabytes; over 10 MB
    /// the parser refuses it by name, and a body over this is refused before it is read.
    static let maximumBody: ByteCount = "12mb"

    func boot(routes: any RoutesBuilder) throws {
        let remittances = routes.grouped("remittances")
        remittances.on(.POST, "preview", body: .collect(maxSize: Self.maximumBody), use: preview).requires(.writeBilling)
        remittances.on(.POST, body: .collect(maxSize: Self.maximumBody), use: post).requires(.writeBilling)
        remittances.get(use: list).requires(.readBilling)
        remittances.get(":id", use: get).requires(.readBilling)
        routes.get("remittance-exceptions", use: exceptions).requires(.readBilling)
        routes.post("remittance-exceptions", ":id", "resolve", use: resolve).requires(.writeBilling)
    }

    /// Posted remittances, newest first (none for a caller who sees only some clients).
    @Sendable func list(req: Request) async throws -> [RemittanceSummary] {
        try await req.useCases.remittances.list(PageQuery.page(of: req))
    }

    /// One remittance as posted; audited as a look at each client on it.
    @Sendable func get(req: Request) async throws -> RemittanceDetails {
        try await req.useCases.remittances.get(req.id())
    }

    /// A person's decision on an exception: post it to a claim, or keep, refund or write off the money.
    @Sendable func resolve(req: Request) async throws -> RemittanceExceptionEntry {
        try await req.useCases.remittanceExceptions.resolve(
            req.id(), req.decodeStrict(RemittanceExceptionResolution.self))
    }

    /// Needs attention: every exception no one has resolved yet.
    @Sendable func exceptions(req: Request) async throws -> [RemittanceExceptionEntry] {
        try await req.useCases.remittances.openExceptions()
    }

    /// What posting the 835 would do — to which claim and client, and every exception with its
    /// reason; nothing is written.
    @Sendable func preview(req: Request) async throws -> RemittanceDetails {
        try await req.useCases.remittanceImport.preview(req.decodeStrict(RemittanceInput.self))
    }

    /// Posts the 835 in one transaction, as the preview showed; a payment already posted is refused.
    @Sendable func post(req: Request) async throws -> Response {
        let posted = try await req.useCases.remittanceImport.post(req.decodeStrict(RemittanceInput.self))
        return try await posted.encodeResponse(status: .created, for: req)
    }
}
