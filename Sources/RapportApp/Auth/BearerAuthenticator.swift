import Fluent
import SQLKit
import Vapor

/// Authenticates `Authorization: Bearer <token>` against the stored token hashes: one query, on
/// every API request, for the token, its active owner and the owner's practice settings.
struct BearerAuthenticator: AsyncBearerAuthenticator {
    func authenticate(bearer: BearerAuthorization, for request: Request) async throws {
        guard
            let row = try await request.db.sql().raw(Self.tokenAndOwner(hash: TokenHasher.hash(bearer.token))).first()
        else { return }
        let practiceID = try row.decode(column: "practice_id", as: UUID.self)
        request.auth.login(
            Actor(
                userID: try row.decode(column: "user_id", as: UUID.self), practiceID: practiceID,
                name: try row.decode(column: "name", as: String.self),
                role: try row.decode(column: "role", as: String.self),
                clinicianID: try row.decode(column: "clinician_id", as: UUID?.self),
                practice: try PracticeContext(id: practiceID, row: row)))
        // Last-used time to the minute is enough and saves a write on every request.
        let lastUsed = try row.decode(column: "last_used_at", as: Date?.self)
        if (lastUsed.map { Date().timeIntervalSince($0) > 60 } ?? true) {
            let tokenID = try row.decode(column: "token_id", as: UUID.self)
            try await request.db.writeTransaction { db in
                try await db.sql().update(APIToken.schema).set("last_used_at", to: Date())
                    .where("id", .equal, tokenID).run()
            }
        }
    }
}

extension BearerAuthenticator {
    /// The live token with that hash, its active owner and the practice's settings; also shown by
    /// `rapport bench explain`.
    static func tokenAndOwner(hash: String) -> SQLQueryString {
        """
        SELECT t.id AS token_id, t.last_used_at, u.id AS user_id, u.practice_id, u.name, u.role, u.clinician_id,
               \(unsafeRaw: PracticeContext.columns.map { "p.\($0)" }.joined(separator: ", "))
        FROM api_tokens t JOIN users u ON u.id = t.user_id JOIN practices p ON p.id = u.practice_id
        WHERE t.token_hash = \(bind: hash) AND t.revoked_at IS NULL AND u.active = \(bind: true)
        """
    }
}

/// Refuses unauthenticated API calls with the JSON error shape.
struct RequireActor: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.auth.has(Actor.self) else { throw APIError.unauthenticated }
        return try await next.respond(to: request)
    }
}
