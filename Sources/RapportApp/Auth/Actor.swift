import SQLKit
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
    /// The ``DataVersion`` read with the sign-in, before anything else of the request: answers
    /// kept under it (``ReadCache``) are still true. Nil when the authenticator did not read it.
    var dataVersion: Int64? = nil

    /// For a clinician, the only calendar (and its clients) they may see and change; nil when the
    /// role sees the whole practice. A clinician account without a calendar sees none.
    var onlyClinician: UUID? {
        role == Role.clinician.rawValue
            ? (clinicianID ?? UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))) : nil
    }
}

extension Actor {
    /// What a sign-in query selects for ``init(signedIn:)``, from `users u` joined with
    /// `practices p`: the person, their practice's settings and the ``DataVersion``.
    static let signedInColumns: SQLQueryString = """
        u.id AS user_id, u.practice_id, u.name AS user_name, u.role, u.clinician_id, \
        \(unsafeRaw: PracticeContext.columns.map { "p.\($0)" }.joined(separator: ", ")), \(DataVersion.column)
        """

    /// The signed-in person of a sign-in query's row (see ``signedInColumns``).
    init(signedIn row: any SQLRow) throws {
        let practiceID = try row.decode(column: "practice_id", as: UUID.self)
        self.init(
            userID: try row.decode(column: "user_id", as: UUID.self), practiceID: practiceID,
            name: try row.decode(column: "user_name", as: String.self),
            role: try row.decode(column: "role", as: String.self),
            clinicianID: try row.decode(column: "clinician_id", as: UUID?.self),
            practice: try PracticeContext(id: practiceID, row: row),
            dataVersion: try row.decode(column: "data_version", as: Int64.self))
    }

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
