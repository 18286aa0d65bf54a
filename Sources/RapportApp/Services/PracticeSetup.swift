import Fluent
import Foundation
import RapportCore

/// Creates a practice and its owner, and returns the owner's first API token: the installation's
/// practice on first run, and for a hosting operator further practices in the same database, each
/// with its own people, clients and settings (every row is scoped by practice).
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

    /// First run: the practice, while none exists.
    func run(_ input: Input) async throws -> Output { try await create(input, firstRun: true, by: nil) }

    /// A further practice (`rapport practices create`, or `POST /api/v1/practices` with
    /// `RAPPORT_HOSTING=1`). `creator` is the owner who asked, whose practice's audit log records it;
    /// nil on the command line.
    func createAnother(_ input: Input, by creator: Actor?) async throws -> Output {
        try await create(input, firstRun: false, by: creator)
    }

    private func create(_ input: Input, firstRun: Bool, by creator: Actor?) async throws -> Output {
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
        let practiceID = UUID()
        return try await database.writeTransaction(practice: practiceID) { db in
            if firstRun, try await Practice.query(on: db).count() > 0 {
                throw UseCaseError.conflict("already_set_up", "this Rapport is already set up; sign in instead")
            }
            let practice = Practice(name: name, timeZone: zone, currency: currency)
            practice.id = practiceID
            try await practice.create(on: db)
            var clinicianID: UUID?
            if input.ownerIsClinician ?? true {
                let clinician = Clinician(practiceID: practiceID, name: owner, email: email)
                try await clinician.createWithColor(on: db)
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
            let created = ["name": name, "timeZone": zone, "currency": currency]
            try await AuditLog(database: db, actor: actor).record("create", "practice", id: practiceID, after: created)
            if let creator {
                try await AuditLog(database: db, actor: creator).record(
                    "host", "practice", id: practiceID, after: created.merging(["owner": email]) { $1 })
            }
            return Output(practiceId: practiceID, userId: try user.requireID(), clinicianId: clinicianID, token: token)
        }
    }
}
