import Fluent
import SQLKit
import Vapor

/// Browser sign-in: creates, reads and ends cookie sessions.
struct WebSessions {
    let database: any Database
    let settings: Settings

    var cookieName: String { settings.secureCookies ? "__Host-rapport" : "rapport_session" }

    /// A live session as a request uses it: which one (to end it), its forms' CSRF token, and who
    /// is signed in, with their practice's settings and the ``DataVersion``.
    struct Resumed: Sendable {
        let id: UUID
        let csrfToken: String
        let actor: Actor
    }

    /// A session just started: the secret the browser keeps (see ``cookie(for:)``).
    struct Started: Sendable {
        let secret: String
    }

    /// Starts a new session for `user` — always a fresh id, so a session id planted before sign-in
    /// is worthless after it.
    func start(for user: User) async throws -> Started {
        let (secret, hash) = TokenHasher.newToken()
        let now = Date()
        let session = WebSession()
        session.tokenHash = hash
        session.practiceID = user.practiceID
        session.userID = try user.requireID()
        session.csrfToken = TokenHasher.newToken().token
        session.createdAt = now
        session.lastSeenAt = now
        session.expiresAt = now.addingTimeInterval(settings.sessionLifetime)
        try await database.bookkeepingTransaction { db in try await session.create(on: db) }
        return Started(secret: secret)
    }

    /// The cookie that carries a started session.
    func cookie(for started: Started) -> HTTPCookies.Value {
        cookie(started.secret, maxAge: Int(settings.sessionLifetime))
    }

    /// The live session behind a cookie value, read with its active user, their practice's settings
    /// and the data version in one query; an expired or idle session is removed.
    func resume(_ secret: String) async throws -> Resumed? {
        guard
            let row = try await database.sql().raw(Self.sessionAndUser(hash: TokenHasher.hash(secret)))
                .firstPrepared()
        else { return nil }
        let id = try row.decode(column: "session_id", as: UUID.self)
        let now = Date()
        let lastSeen = try row.decode(column: "last_seen_at", as: Date.self)
        guard try row.decode(column: "expires_at", as: Date.self) > now,
            now.timeIntervalSince(lastSeen) < settings.sessionIdleTimeout,
            try row.decode(column: "active", as: Bool.self)
        else {
            try await end(id)
            return nil
        }
        // Sliding idle timeout; a write at most once a minute.
        if now.timeIntervalSince(lastSeen) > 60 {
            try await database.bookkeepingTransaction { db in
                try await db.sql().update(WebSession.schema).set("last_seen_at", to: now).where("id", .equal, id).run()
            }
        }
        return Resumed(
            id: id, csrfToken: try row.decode(column: "csrf_token", as: String.self), actor: try Actor(signedIn: row))
    }

    func end(_ id: UUID) async throws {
        try await database.bookkeepingTransaction { db in
            try await WebSession.query(on: db).filter(\.$id == id).delete()
        }
    }

    /// A cookie that tells the browser to forget the session.
    var expiredCookie: HTTPCookies.Value { cookie("", maxAge: 0) }

    private func cookie(_ value: String, maxAge: Int) -> HTTPCookies.Value {
        HTTPCookies.Value(
            string: value, maxAge: maxAge, path: "/", isSecure: settings.secureCookies, isHTTPOnly: true, sameSite: .lax
        )
    }

    /// The session with that hash, its user (whether active or not: an inactive user's session is
    /// removed), the practice's settings and the data version.
    static func sessionAndUser(hash: String) -> SQLQueryString {
        """
        SELECT s.id AS session_id, s.csrf_token, s.last_seen_at, s.expires_at, u.active, \(Actor.signedInColumns)
        FROM web_sessions s JOIN users u ON u.id = s.user_id JOIN practices p ON p.id = u.practice_id
        WHERE s.token_hash = \(bind: hash)
        """
    }
}

/// The signed-in browser session of this request, for its CSRF token.
struct CurrentWebSession: StorageKey {
    typealias Value = WebSessions.Resumed
}

/// Signs in a browser request from its session cookie: one query (``WebSessions/resume(_:)``).
struct WebSessionAuthenticator: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let sessions = WebSessions(database: request.db, settings: request.application.settings)
        if let secret = request.cookies[sessions.cookieName]?.string, !secret.isEmpty,
            let session = try await sessions.resume(secret)
        {
            // The practice's settings, read with the session, are shared by a page's use cases.
            request.auth.login(session.actor)
            request.storage[CurrentWebSession.self] = session
        }
        return try await next.respond(to: request)
    }
}

/// Sends a browser that is not signed in to the sign-in page (or first-run setup).
struct RequireWebActor: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.auth.has(Actor.self) else {
            let next =
                request.method == .GET
                ? "?next=" + (request.url.string.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
                : ""
            return request.redirect(to: "/login" + next, redirectType: .normal)
        }
        return try await next.respond(to: request)
    }
}
