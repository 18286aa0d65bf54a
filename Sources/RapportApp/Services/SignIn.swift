import Fluent
import Foundation

/// Signing in with an email and a password: the throttle, the check, and the new browser session,
/// as one use case the sign-in page only renders.
///
/// An email is unique within a practice, so one person may hold accounts in several: the password
/// picks the account (oldest first). An unknown email is checked against a fixed hash, so both
/// wrong answers take as long and read the same.
struct SignIn {
    let database: any Database
    let settings: Settings
    let passwords: PasswordPolicy

    enum Outcome {
        /// Signed in: the new browser session.
        case signedIn(WebSessions.Started)
        /// The email and password match no active account.
        case noMatch
        /// Too many recent failures for this account or address: try again in this many minutes.
        case wait(minutes: Int)
    }

    /// - Parameters:
    ///   - address: where the attempt comes from, for the throttle.
    ///   - replacing: the browser session this browser had, ended when the new one starts.
    func attempt(email typed: String, password: String, from address: String, replacing: UUID?) async throws
        -> Outcome
    {
        let email = typed.trimmingCharacters(in: .whitespaces).lowercased()
        let throttle = LoginThrottle(database: database)
        let claim: UUID
        switch try await throttle.claim(email: email, address: address) {
        case .granted(let id): claim = id
        case .wait(let seconds): return .wait(minutes: Int((seconds / 60).rounded(.up)))
        }
        let accounts = try await User.query(on: database).filter(\.$email == email).filter(\.$active == true)
            .sort(\.$createdAt).all()
        var user: User?
        for account in accounts where await passwords.verify(password, against: account.passwordHash) {
            user = account
            break
        }
        if accounts.isEmpty { _ = await passwords.verify(password, against: PasswordPolicy.decoyHash) }
        try await throttle.finish(claim, succeeded: user != nil)
        guard let user else { return .noMatch }
        return .signedIn(try await start(for: user, replacing: replacing))
    }

    /// A new browser session for the account just made (set-up), ending `replacing`.
    func start(forUserID id: UUID, replacing: UUID?) async throws -> WebSessions.Started {
        guard let user = try await User.find(id, on: database) else { throw UseCaseError.notFound("user") }
        return try await start(for: user, replacing: replacing)
    }

    /// A new browser session for `user` — always a fresh id — ending `replacing`.
    func start(for user: User, replacing: UUID?) async throws -> WebSessions.Started {
        let sessions = WebSessions(database: database, settings: settings)
        if let replacing { try await sessions.end(replacing) }
        return try await sessions.start(for: user)
    }
}
