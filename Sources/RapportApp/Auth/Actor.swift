import Vapor

/// Who is making a request: a signed-in user of one practice. Every query is scoped by `practiceID`.
struct Actor: Authenticatable, Sendable {
    let userID: UUID
    let practiceID: UUID
    let name: String
    let role: String
}

extension Request {
    /// The authenticated caller; routes behind ``BearerAuthenticator`` always have one.
    var actor: Actor {
        get throws {
            guard let actor = auth.get(Actor.self) else { throw APIError.unauthenticated }
            return actor
        }
    }
}
