import Vapor

/// `/api/v1/claims`, `/api/v1/claim-batches` and the clearinghouse: claims made from sessions,
/// checked, and sent as 837P files.
struct ClaimsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let claims = routes.grouped("claims")
        claims.get(use: list).requires(.readBilling)
        claims.post(use: create).requires(.writeBilling)
        claims.post("run", use: run).requires(.writeBilling)
        claims.get("follow-up", use: followUp).requires(.readBilling)
        claims.post(":id", "void", use: void).requires(.writeBilling)
        claims.post(":id", "correct", use: correct).requires(.writeBilling)
        claims.get(":id", use: get).requires(.readBilling).showsClientRecord("claim", from: .claim)
        claims.delete(":id", use: delete).requires(.writeBilling)
        let batches = routes.grouped("claim-batches")
        batches.get(use: listBatches).requires(.readBilling)
        batches.post(use: createBatches).requires(.writeBilling)
        batches.get(":id", use: getBatch).requires(.readBilling)
        batches.get(":id", "837", use: file).requires(.readBilling)
        routes.get("practice", "clearinghouse", use: getClearinghouse).requires(.readBilling)
        routes.put("practice", "clearinghouse", use: setClearinghouse).requires(.manageSettings)
    }

    struct ListQuery: Content {
        var status: String?
        var payerId: UUID?
        var clientId: UUID?
        var limit: Int?
        var offset: Int?
    }

    /// Claims, newest first; filter by status (draft, ready, submitted…), payer and client.
    @Sendable func list(req: Request) async throws -> [ClaimDetails] {
        let query = try req.query.decode(ListQuery.self)
        return try await req.useCases.claims.list(
            Claims.Filter(
                status: query.status, payerID: query.payerId, clientID: query.clientId,
                page: try Page(limit: query.limit, offset: query.offset)))
    }

    /// Claims for one client's sessions that bill an insurer (all of them, or those named).
    @Sendable func create(req: Request) async throws -> Response {
        let claims = try await req.useCases.claimMaking.create(req.decodeStrict(ClaimsInput.self))
        return try await claims.encodeResponse(status: .created, for: req)
    }

    @Sendable func get(req: Request) async throws -> ClaimDetails { try await req.useCases.claims.get(req.id()) }

    /// Sent claims no remittance has answered within the practice's follow-up days, oldest first.
    @Sendable func followUp(req: Request) async throws -> [ClaimFollowUp] {
        try await req.useCases.claims.followUp().claims
    }

    /// Runs automatic claims now for the caller's practice (daily or monthly claim mode).
    @Sendable func run(req: Request) async throws -> ClaimRunResult {
        let useCases = try req.useCases
        return try await useCases.claimRun.runNow(req.decodeStrict(ClaimRunInput.self), for: useCases.actor)
    }

    /// Voids a sent claim: a frequency-8 claim naming the payer's claim number goes in the next batch.
    @Sendable func void(req: Request) async throws -> Response {
        let claim = try await req.useCases.claims.void(req.id(), req.decodeStrict(ClaimCorrectionInput.self))
        return try await claim.encodeResponse(status: .created, for: req)
    }

    /// Replaces a sent claim with one made from its sessions under today's rules (frequency 7).
    @Sendable func correct(req: Request) async throws -> Response {
        let claim = try await req.useCases.claims.correct(req.id(), req.decodeStrict(ClaimCorrectionInput.self))
        return try await claim.encodeResponse(status: .created, for: req)
    }

    /// Removes a claim that was never sent; its sessions follow the client's rules again.
    @Sendable func delete(req: Request) async throws -> ClaimDetails {
        try await req.useCases.claims.delete(req.id())
    }

    /// Batches, newest first. A limit or offset that is not a whole number is refused (decoded, not looked up).
    @Sendable func listBatches(req: Request) async throws -> [ClaimBatchDetails] {
        try await req.useCases.claimBatches.list(PageQuery.page(of: req))
    }

    /// Sends every ready claim: one batch (one 837 file) per payer.
    @Sendable func createBatches(req: Request) async throws -> Response {
        let batches = try await req.useCases.claimBatches.create(req.decodeStrict(ClaimBatchInput.self))
        return try await batches.encodeResponse(status: .created, for: req)
    }

    @Sendable func getBatch(req: Request) async throws -> ClaimBatchDetails {
        try await req.useCases.claimBatches.get(req.id())
    }

    /// The 837 file as sent, to download.
    @Sendable func file(req: Request) async throws -> Response {
        let file = try await req.useCases.claimBatches.file(req.id())
        var headers = HTTPHeaders()
        headers.contentType = .plainText
        headers.contentDisposition = .init(.attachment, filename: file.name)
        return Response(status: .ok, headers: headers, body: .init(string: file.text))
    }

    @Sendable func getClearinghouse(req: Request) async throws -> ClearinghouseDetails {
        guard let clearinghouse = try await req.useCases.clearinghouse.get() else {
            throw UseCaseError.notFound("clearinghouse")
        }
        return clearinghouse
    }

    @Sendable func setClearinghouse(req: Request) async throws -> ClearinghouseDetails {
        try await req.useCases.clearinghouse.set(req.decodeStrict(ClearinghouseInput.self))
    }
}
