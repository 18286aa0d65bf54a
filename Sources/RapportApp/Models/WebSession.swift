import Fluent
import Foundation

/// A signed-in browser. The cookie holds a random secret; only its SHA-256 hash is stored, with
/// the CSRF token that the session's forms must send back. Stored in the database so any of
/// several app servers can serve any user.
final class WebSession: Model, @unchecked Sendable {
    static let schema = "web_sessions"

    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "user_id") var userID: UUID
    @Field(key: "csrf_token") var csrfToken: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "last_seen_at") var lastSeenAt: Date
    /// The absolute end of the session, however active it is.
    @Field(key: "expires_at") var expiresAt: Date

    /// Listed, so FluentKit need not reflect over the model for each row (ModelPropertyTests).
    var properties: [any AnyProperty] {
        [
            $id, $tokenHash, $practiceID, $userID, $csrfToken, $createdAt, $lastSeenAt, $expiresAt
        ]
    }

    init() {}
}
