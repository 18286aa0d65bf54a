import SQLKit
import Vapor

/// Who is making a request: a signed-in user of one practice. Every query is scoped by `practiceID`.
struct Actor: Authenticatable, Sendable {
    /// The person; nil when Rapport itself acts (a job such as automatic invoicing), which never
    /// passes a route's permission check.
    let userID: UUID?
    let practiceID: UUID
    let name: String
    /// The person's role; nil for Rapport itself.
    let role: Role?
    /// The clinician whose calendar is this person's, if any.
    var clinicianID: UUID? = nil
    /// The practice's settings as they were when the request was authenticated, when the
    /// authenticator read them in the same query (``PracticeContext/of(_:on:)`` falls back to a read).
    var practice: PracticeContext? = nil
    /// The ``DataVersion`` read with the sign-in, before anything else of the request: answers
    /// kept under it (``ReadCache``) are still true. Nil when the authenticator did not read it.
    var dataVersion: Int64? = nil
    /// The practice's billing number (``DataVersion/billing(practiceID:on:)``), read with
    /// ``dataVersion``: what is worked out from the billing inputs alone and kept under it is still
    /// true. Nil when the authenticator did not read it.
    var billingVersion: Int64? = nil

    /// Which calendars (and their clients) this caller may see and change.
    var calendars: CalendarScope {
        guard role == .clinician else { return .practice }
        return clinicianID.map(CalendarScope.clinician) ?? .none
    }

    /// Whether every client of the practice is theirs to see: what a view of many clients' records
    /// at once (a claim batch, a remittance) needs. Known from the role, with no query.
    var seesEveryClient: Bool { calendars == .practice }

    /// For a clinician, the only calendar they may see; nil when they see the whole practice.
    /// A clinician account without a calendar (``CalendarScope/none``) is refused by ``Lookup``
    /// and sees empty lists.
    var onlyClinician: UUID? {
        if case .clinician(let id) = calendars { return id }
        return nil
    }

    /// Rapport itself acting for a practice (automatic invoicing): named in the audit log, no person.
    static func rapport(_ name: String, practiceID: UUID) -> Actor {
        Actor(userID: nil, practiceID: practiceID, name: name, role: nil)
    }

    /// The person acting, for what only a person can do (their password, their tokens).
    func requireUser() throws -> UUID {
        guard let userID else {
            throw UseCaseError.forbidden("only a signed-in person can do this")
        }
        return userID
    }
}

/// Which calendars a caller may see: the whole practice's, one clinician's, or none at all (a
/// clinician account not linked to a calendar yet).
enum CalendarScope: Hashable, Sendable {
    case practice
    case clinician(UUID)
    case none
}

extension Actor {
    /// What a sign-in query selects for ``init(signedIn:)``, from `users u` joined with
    /// `practices p`: the person, their practice's settings, its ``DataVersion`` and billing number.
    static let signedInColumns: SQLQueryString = """
        u.id AS user_id, u.practice_id, u.name AS user_name, u.role, u.clinician_id, \
        \(unsafeRaw: PracticeContext.columns.map { "p.\($0)" }.joined(separator: ", ")), \(DataVersion.column), \
        \(DataVersion.billingColumn)
        """

    /// The signed-in person of a sign-in query's row (see ``signedInColumns``).
    init(signedIn row: any SQLRow) throws {
        let practiceID = try row.decode(column: "practice_id", as: UUID.self)
        self.init(
            userID: try row.decode(column: "user_id", as: UUID.self), practiceID: practiceID,
            name: try row.decode(column: "user_name", as: String.self),
            role: try Role(stored: row.decode(column: "role", as: String.self)),
            clinicianID: try row.decode(column: "clinician_id", as: UUID?.self),
            practice: try PracticeContext(id: practiceID, row: row),
            dataVersion: try row.decode(column: "data_version", as: Int64.self),
            billingVersion: try row.decode(column: "billing_version", as: Int64.self))
    }

    /// Refuses booking on, or moving a session to, another clinician's calendar when the caller
    /// is a clinician (who keeps their own calendar only).
    func requireOwnCalendar(_ clinicianID: UUID) throws {
        switch calendars {
        case .practice: return
        case .clinician(let own) where own == clinicianID: return
        default:
            throw UseCaseError.forbidden("a clinician books and moves sessions on their own calendar only")
        }
    }
}

extension Request {
    /// The authenticated caller; routes behind ``BearerAuthenticator`` always have one.
    var actor: Actor {
        get throws {
            guard let actor = auth.get(Actor.self) else { throw UseCaseError.unauthenticated }
            return actor
        }
    }
}
