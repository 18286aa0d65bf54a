import Vapor

/// `/api/v1/tokens`: the caller's personal API tokens.
struct TokensController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let tokens = routes.grouped("tokens")
        tokens.get(use: list).requires(.ownAccount)
        tokens.post(use: create).requires(.ownAccount)
        tokens.delete(":id", use: revoke).requires(.ownAccount)
    }

    /// The caller's tokens, newest first (never the secrets).
    @Sendable func list(req: Request) async throws -> [APITokens.Summary] {
        try await req.useCases.tokens.list()
    }

    /// A new named token; the answer holds the secret, shown this once.
    @Sendable func create(req: Request) async throws -> Response {
        let created = try await req.useCases.tokens.create(
            req.decodeStrict(APITokens.Input.self))
        return try await created.encodeResponse(status: .created, for: req)
    }

    /// Revokes a token at once.
    @Sendable func revoke(req: Request) async throws -> APITokens.Summary {
        try await req.useCases.tokens.revoke(req.id())
    }
}
