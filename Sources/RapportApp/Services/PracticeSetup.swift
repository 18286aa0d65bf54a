import Fluent
import Foundation
import RapportCore

/// Creates the practice and its owner on first run, and returns the owner's first API token.
struct PracticeSetup {
    struct Input: UseCaseInput {
        var practiceName: String?
        var timeZone: String?
        var currency: String?
        var ownerName: String?
        var email: String?
        var password: String?
        /// A solo therapist is also the practice's first clinician (default true).
        var ownerIsClinician: Bool?

        enum CodingKeys: String, CodingKey, CaseIterable {
            case practiceName, timeZone, currency, ownerName, email, password, ownerIsClinician
        }
    }

    struct Output: Codable, Sendable {
        let practiceId: UUID
        let userId: UUID
        let clinicianId: UUID?
        let token: String
    }

    let database: any Database
    let passwords: PasswordPolicy

    /// Whether the installation has its practice (set-up happens once).
    func isDone() async throws -> Bool { try await Practice.query(on: database).count() > 0 }

    func run(_ input: Input) async throws -> Output {
        var errors = FieldErrors()
        let name = TextInput.required(input.practiceName, field: "practiceName", errors: &errors)
        let zone = input.timeZone ?? ""
        if TimeZone(iana: zone) == nil { errors.add("timeZone", "must be an IANA time zone such as America/New_York") }
        let currency = input.currency ?? ""
        if Currency(code: currency) == nil { errors.add("currency", "must be an ISO 4217 code such as USD") }
        let owner = TextInput.required(input.ownerName, field: "ownerName", errors: &errors)
        let email = TextInput.email(input.email, field: "email", errors: &errors)
        if email == nil { errors.add("email", "is required") }
        let password = input.password ?? ""
        passwords.check(password, errors: &errors)
        try errors.throwIfAny()
        guard let name, let owner, let email else { throw UseCaseError.invalid(errors.fields) }

        let hash = try await passwords.hash(password)
        return try await database.writeTransaction { db in
            guard try await Practice.query(on: db).count() == 0 else {
                throw UseCaseError.conflict("already_set_up", "this Rapport is already set up; sign in instead")
            }
            let practice = Practice(name: name, timeZone: zone, currency: currency)
            try await practice.create(on: db)
            let practiceID = try practice.requireID()
            var clinicianID: UUID?
            if input.ownerIsClinician ?? true {
                let clinician = Clinician(practiceID: practiceID, name: owner, email: email)
                try await clinician.create(on: db)
                clinicianID = clinician.id
            }
            let user = User(
                practiceID: practiceID, name: owner, email: email, passwordHash: hash, role: .owner,
                clinicianID: clinicianID)
            try await user.create(on: db)
            let (token, tokenHash) = TokenHasher.newToken()
            try await APIToken(
                practiceID: practiceID, userID: try user.requireID(), name: "setup", tokenHash: tokenHash
            ).create(on: db)
            let actor = Actor(userID: try user.requireID(), practiceID: practiceID, name: owner, role: .owner)
            try await AuditLog(database: db, actor: actor).record(
                "create", "practice", id: practiceID, after: ["name": name, "timeZone": zone, "currency": currency])
            return Output(practiceId: practiceID, userId: try user.requireID(), clinicianId: clinicianID, token: token)
        }
    }
}
