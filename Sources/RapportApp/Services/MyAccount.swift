import Fluent
import Foundation

/// The signed-in person's own account: who they are, and changing their password.
///
/// A password change asks for the current one first, then a new one that meets the policy.
/// Wrong current passwords count against the same throttle as sign-in, so a stolen session
/// cannot be used to guess the password behind it. Afterwards the person's other browser
/// sessions end — changing a password is what someone does when they fear another is signed
/// in as them — and the session making the change stays. API tokens are not touched: they are
/// revoked one by one, on purpose.
struct MyAccount {
    let database: any Database
    let actor: Actor
    let passwords: PasswordPolicy

    struct Input: UseCaseInput {
        var currentPassword: String?
        var newPassword: String?
        enum CodingKeys: String, CodingKey, CaseIterable { case currentPassword, newPassword }
    }

    func profile() async throws -> StaffDirectory.Account {
        try StaffDirectory.Account(try await user())
    }

    /// - Parameters:
    ///   - address: where the request came from, for the throttle.
    ///   - session: the browser session making the change, which stays signed in.
    func changePassword(_ input: Input, from address: String, keeping session: UUID? = nil) async throws {
        let user = try await user()
        let throttle = LoginThrottle(database: database)
        let claim: UUID
        switch try await throttle.claim(email: user.email, address: address) {
        case .granted(let id): claim = id
        case .wait(let wait):
            let minutes = Int((wait / 60).rounded(.up))
            throw UseCaseError(
                .throttled, code: "too_many_attempts",
                message: "too many wrong passwords; try again in \(minutes) minute\(minutes == 1 ? "" : "s")")
        }
        let current = input.currentPassword ?? ""
        let new = input.newPassword ?? ""
        let matches = await passwords.verify(current, against: user.passwordHash)
        var errors = FieldErrors()
        if !matches { errors.add("currentPassword", "is not your current password") }
        passwords.check(new, field: "newPassword", errors: &errors)
        if matches, new == current { errors.add("newPassword", "must differ from your current password") }
        try await throttle.finish(claim, succeeded: matches)
        try errors.throwIfAny()

        let hash = try await passwords.hash(new)
        let me = try actor.requireUser()
        try await database.writeTransaction(practice: actor.practiceID) { db in
            try await User.query(on: db).filter(\.$id == me).set(\.$passwordHash, to: hash).update()
            let others = WebSession.query(on: db).filter(\.$userID == me)
            if let session { others.filter(\.$id != session) }
            try await others.delete()
            try await AuditLog(database: db, actor: actor).record(
                "changePassword", "user", id: me, after: ["otherSessionsEnded": true])
        }
    }

    private func user() async throws -> User {
        let me = try actor.requireUser()
        guard
            let user = try await User.query(on: database).filter(\.$id == me)
                .filter(\.$practiceID == actor.practiceID).first()
        else { throw UseCaseError.notFound("user") }
        return user
    }
}
