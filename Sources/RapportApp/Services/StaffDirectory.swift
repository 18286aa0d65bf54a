import Fluent
import Foundation

/// Staff accounts: the owner (from setup) adds people with a role; deactivating someone ends their
/// browser sessions and API tokens at once.
struct StaffDirectory {
    let database: any Database
    let actor: Actor
    let passwords: PasswordPolicy

    struct Account: Codable, Sendable {
        let id: UUID
        let name: String
        let email: String
        let role: Role
        let clinicianId: UUID?
        let active: Bool

        init(_ user: User) throws {
            id = try user.requireID()
            name = user.name
            email = user.email
            role = user.role
            clinicianId = user.clinicianID
            active = user.active
        }
    }

    struct Input: UseCaseInput {
        var name: String?
        var email: String?
        var role: String?
        /// On create: the first password, for them to sign in with; on update: a new one when they
        /// have forgotten theirs. At least 12 characters and not a common password.
        var password: String?
        /// The clinician whose calendar is theirs; for a new clinician without one, one is made.
        var clinicianId: UUID?
        var active: Bool?

        enum CodingKeys: String, CodingKey, CaseIterable { case name, email, role, password, clinicianId, active }
    }

    func list() async throws -> [Account] {
        try await User.query(on: database).filter(\.$practiceID == actor.practiceID).sort(\.$name).all().map(
            Account.init)
    }

    func create(_ input: Input) async throws -> Account {
        var errors = FieldErrors()
        let name = TextInput.required(input.name, field: "name", errors: &errors)
        let email = TextInput.email(input.email, field: "email", errors: &errors)
        if email == nil { errors.add("email", "is required") }
        let role = Self.assignableRole(input.role, errors: &errors)
        passwords.check(input.password ?? "", errors: &errors)
        if input.active != nil { errors.add("active", "applies to existing users") }
        try errors.throwIfAny()
        guard let role, let email, let name else { throw UseCaseError.invalid(errors.fields) }
        let hash = try await passwords.hash(input.password ?? "")
        return try await database.writeTransaction(practice: actor.practiceID) { db in
            // Unique within the practice only: whether the address has an account elsewhere is not
            // this practice's business, and is not revealed.
            if try await User.query(on: db).filter(\.$practiceID == actor.practiceID).filter(\.$email == email)
                .count() > 0
            {
                throw UseCaseError.invalid("email", "already has an account in this practice")
            }
            var clinicianID = input.clinicianId
            if let id = clinicianID {
                let lookup = Lookup(database: db, actor: actor)
                _ = try await lookup.reference("clinicianId") { try await lookup.clinician(id) }
            } else if role == .clinician {
                let clinician = Clinician(practiceID: actor.practiceID, name: name, email: email)
                try await clinician.createWithColor(on: db)
                clinicianID = clinician.id
            }
            let user = User(
                practiceID: actor.practiceID, name: name, email: email, passwordHash: hash,
                role: role, clinicianID: clinicianID)
            try await user.create(on: db)
            let content = try Account(user)
            try await AuditLog(database: db, actor: actor).record("create", "user", id: content.id, after: content)
            return content
        }
    }

    func update(_ id: UUID, _ input: Input) async throws -> Account {
        // Checked and hashed before the transaction: bcrypt is slow on purpose.
        var passwordErrors = FieldErrors()
        if let password = input.password { passwords.check(password, errors: &passwordErrors) }
        try passwordErrors.throwIfAny()
        let newHash: String? = if let password = input.password { try await passwords.hash(password) } else { nil }
        return try await database.writeTransaction(practice: actor.practiceID) { db in
            guard
                let user = try await User.query(on: db).filter(\.$id == id).filter(\.$practiceID == actor.practiceID)
                    .first()
            else { throw UseCaseError.notFound("user") }
            let before = try Account(user)
            var errors = FieldErrors()
            if input.password != nil, user.role == .owner {
                errors.add("password", "the owner changes their own password, under Your account")
            }
            if input.email != nil { errors.add("email", "cannot change; add a new user instead") }
            if user.role == .owner, input.role != nil || input.active == false {
                errors.add(input.role != nil ? "role" : "active", "the owner's account keeps its role and stays active")
            }
            if let name = input.name {
                user.name = TextInput.required(name, field: "name", errors: &errors) ?? user.name
            }
            if input.role != nil, let role = Self.assignableRole(input.role, errors: &errors) {
                user.role = role
            }
            if let clinician = input.clinicianId {
                let lookup = Lookup(database: db, actor: actor)
                _ = try await lookup.reference("clinicianId") { try await lookup.clinician(clinician) }
                user.clinicianID = clinician
            }
            try errors.throwIfAny()
            if let active = input.active { user.active = active }
            if let newHash { user.passwordHash = newHash }
            try await user.save(on: db)
            if newHash != nil || input.active == false {
                // A password set for them by someone else (they lost it, or someone else may have it)
                // or a deactivation: every way in ends now — browsers and API tokens alike, since a
                // token made by whoever held the account must not outlive the reset.
                try await WebSession.query(on: db).filter(\.$userID == id).delete()
                try await APIToken.query(on: db).filter(\.$userID == id).filter(\.$revokedAt == nil).set(
                    \.$revokedAt, to: Date()
                ).update()
            }
            let after = try Account(user)
            try await AuditLog(database: db, actor: actor).record(
                "update", "user", id: id, before: before, after: after)
            return after
        }
    }

    /// Roles that can be given: everything but owner (there is one owner, from setup).
    private static func assignableRole(_ text: String?, errors: inout FieldErrors) -> Role? {
        guard let text, let role = Role(rawValue: text), role != .owner else {
            errors.add("role", "must be admin, clinician or biller")
            return nil
        }
        return role
    }
}
