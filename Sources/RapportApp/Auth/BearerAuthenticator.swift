import Fluent
import SQLKit
import Vapor

/// Authenticates `Authorization: Bearer <token>` against the stored token hashes.
///
/// One joined query reads the token, its active owner, the owner's practice settings and the
/// practice's ``DataVersion`` and access number (``AddAccessVersion``). What it finds is kept
/// (``ReadCaches/tokens``) while the access number stands: revoking a token, deactivating its
/// owner, changing their role or the practice's settings all move it on, so a kept sign-in is as
/// true as a fresh one. A request then costs one read of the two numbers instead of the join,
/// whatever else of the practice has changed since.
struct BearerAuthenticator: AsyncBearerAuthenticator {
    /// A token's sign-in as read, the access number it was read at, and when its last use was
    /// last written.
    struct Kept: Sendable {
        let actor: Actor
        let tokenID: UUID
        let accessVersion: Int64
        let lastUsedAt: Date?

        /// The same sign-in, going on at the practice's data and billing numbers `now`.
        func at(_ now: DataVersion.SignedIn) -> Kept {
            var actor = actor
            actor.dataVersion = now.data
            actor.billingVersion = now.billing
            return Kept(actor: actor, tokenID: tokenID, accessVersion: accessVersion, lastUsedAt: lastUsedAt)
        }
    }

    func authenticate(bearer: BearerAuthorization, for request: Request) async throws {
        let hash = TokenHasher.hash(bearer.token)
        let sql = try request.db.sql()
        let cache = request.application.readCaches.tokens
        var kept: Kept
        // The practice's numbers read first: whatever the request reads next is at least as new.
        let found = try await cache.value(for: hash) { try await DataVersion.signIn(practiceID: $0, on: sql) }
        if let found {
            kept = found
        } else {
            guard let row = try await sql.raw(Self.tokenAndOwner(hash: hash)).firstPrepared() else { return }
            kept = try Self.kept(row)
            cache.store(kept, for: hash)
        }
        request.auth.login(kept.actor)
        // Last-used time to the minute is enough and saves a write on every request.
        let now = Date()
        if (kept.lastUsedAt.map { now.timeIntervalSince($0) > 60 } ?? true) {
            let tokenID = kept.tokenID
            try await request.db.bookkeepingTransaction { db in
                try await db.sql().update(APIToken.schema).set("last_used_at", to: now).where("id", .equal, tokenID)
                    .run()
            }
            kept = Kept(actor: kept.actor, tokenID: tokenID, accessVersion: kept.accessVersion, lastUsedAt: now)
            cache.store(kept, for: hash)
        }
    }

    private static func kept(_ row: any SQLRow) throws -> Kept {
        Kept(
            actor: try Actor(signedIn: row),
            tokenID: try row.decode(column: "token_id", as: UUID.self),
            accessVersion: try row.decode(column: "access_version", as: Int64.self),
            lastUsedAt: try row.decode(column: "last_used_at", as: Date?.self))
    }
}

extension BearerAuthenticator {
    /// The live token with that hash, its active owner, the practice's settings, the data version
    /// and the access number; also shown by `rapport bench explain`.
    static func tokenAndOwner(hash: String) -> SQLQueryString {
        """
        SELECT t.id AS token_id, t.last_used_at, \(Actor.signedInColumns), \(DataVersion.accessColumn)
        FROM api_tokens t JOIN users u ON u.id = t.user_id JOIN practices p ON p.id = u.practice_id
        WHERE t.token_hash = \(bind: hash) AND t.revoked_at IS NULL AND u.active = \(bind: true)
        """
    }
}

/// Refuses unauthenticated API calls with the JSON error shape.
struct RequireActor: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.auth.has(Actor.self) else { throw UseCaseError.unauthenticated }
        return try await next.respond(to: request)
    }
}
