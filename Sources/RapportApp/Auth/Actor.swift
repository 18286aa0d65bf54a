import Vapor

/// Who is making a request: a signed-in user of one practice. Every query is scoped by `practiceID`.
struct Actor: Authenticatable, Sendable {
    let userID: UUID
    let practiceID: UUID
    let name: String
    let role: String
    /// The clinician whose calendar is this person's, if any.
    var clinicianID: UUID? = nil
    /// The practice's settings as they were when the request was authenticated, when the
    /// authenticator read them in the same query (``PracticeContext/of(_:on:)`` falls back to a read).
    var practice: PracticeContext? = nil

    /// For a clinician, the only calendar (and its clients) they may see and change; nil when the
    /// role sees the whole practice. A clinician account without a calendar sees none.
    var onlyClinician: UUID? {
        role == Role.clinician.rawValue
            ? (clinicianID ?? UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))) : nil
    }
}

extension Actor {
    /// Refuses booking on, or moving a session to, another clinician's calendar when the caller
    /// is a clinician (who keeps their own calendar only).
    func requireOwnCalendar(_ clinicianID: UUID) throws {
        if let own = onlyClinician, own != clinicianID {
            throw APIError(
                .forbidden, code: "forbidden",
                message: "a clinician books and moves sessions on their own calendar only")
        }
    }
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
