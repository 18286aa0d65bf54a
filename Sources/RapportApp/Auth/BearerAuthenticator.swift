import Fluent
import Vapor

/// Authenticates `Authorization: Bearer <token>` against the stored token hashes.
struct BearerAuthenticator: AsyncBearerAuthenticator {
    func authenticate(bearer: BearerAuthorization, for request: Request) async throws {
        guard
            let token = try await APIToken.query(on: request.db)
                .filter(\.$tokenHash == TokenHasher.hash(bearer.token))
                .filter(\.$revokedAt == nil)
                .first(),
            let user = try await User.query(on: request.db)
                .filter(\.$id == token.userID).filter(\.$active == true).first(),
            let userID = user.id
        else { return }
        request.auth.login(
            Actor(
                userID: userID, practiceID: user.practiceID, name: user.name, role: user.role,
                clinicianID: user.clinicianID))
        // Last-used time to the minute is enough and saves a write on every request.
        if (token.lastUsedAt.map { Date().timeIntervalSince($0) > 60 } ?? true) {
            token.lastUsedAt = Date()
            try await request.db.writeTransaction { db in try await token.save(on: db) }
        }
    }
}

/// Refuses unauthenticated API calls with the JSON error shape.
struct RequireActor: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.auth.has(Actor.self) else { throw APIError.unauthenticated }
        return try await next.respond(to: request)
    }
}
