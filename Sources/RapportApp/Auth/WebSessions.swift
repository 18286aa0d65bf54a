import Fluent
import Vapor

/// Browser sign-in: creates, reads and ends cookie sessions.
struct WebSessions {
    let database: any Database
    let settings: Settings

    var cookieName: String { settings.secureCookies ? "__Host-rapport" : "rapport_session" }

    /// Starts a new session for `user` — always a fresh id, so a session id planted before sign-in
    /// is worthless after it — and returns the cookie to set.
    func start(for user: User) async throws -> (WebSession, HTTPCookies.Value) {
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
        try await database.writeTransaction { db in try await session.create(on: db) }
        return (session, cookie(secret, maxAge: Int(settings.sessionLifetime)))
    }

    /// The live session behind a cookie value, with its user; expired or idle sessions are removed.
    func resume(_ secret: String) async throws -> (WebSession, User)? {
        guard
            let session = try await WebSession.query(on: database)
                .filter(\.$tokenHash == TokenHasher.hash(secret)).first()
        else { return nil }
        let now = Date()
        guard session.expiresAt > now, now.timeIntervalSince(session.lastSeenAt) < settings.sessionIdleTimeout,
            let user = try await User.query(on: database).filter(\.$id == session.userID).filter(\.$active == true)
                .first()
        else {
            try await database.writeTransaction { db in try await session.delete(on: db) }
            return nil
        }
        // Sliding idle timeout; a write at most once a minute.
        if now.timeIntervalSince(session.lastSeenAt) > 60 {
            session.lastSeenAt = now
            try await database.writeTransaction { db in try await session.save(on: db) }
        }
        return (session, user)
    }

    func end(_ session: WebSession) async throws {
        try await database.writeTransaction { db in try await session.delete(on: db) }
    }

    /// A cookie that tells the browser to forget the session.
    var expiredCookie: HTTPCookies.Value { cookie("", maxAge: 0) }

    private func cookie(_ value: String, maxAge: Int) -> HTTPCookies.Value {
        HTTPCookies.Value(
            string: value, maxAge: maxAge, path: "/", isSecure: settings.secureCookies, isHTTPOnly: true, sameSite: .lax
        )
    }
}

/// The signed-in browser session of this request, for its CSRF token.
struct CurrentWebSession: StorageKey {
    typealias Value = WebSession
}

/// Signs in a browser request from its session cookie.
struct WebSessionAuthenticator: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let sessions = WebSessions(database: request.db, settings: request.application.settings)
        if let secret = request.cookies[sessions.cookieName]?.string, !secret.isEmpty,
            let (session, user) = try await sessions.resume(secret), let userID = user.id
        {
            // Read the practice's settings once here; a page's use cases share them (PracticeContext.of).
            request.auth.login(
                Actor(
                    userID: userID, practiceID: user.practiceID, name: user.name, role: user.role,
                    clinicianID: user.clinicianID,
                    practice: try await PracticeContext.load(user.practiceID, on: request.db)))
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
