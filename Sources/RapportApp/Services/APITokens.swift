import Fluent
import Foundation

/// Personal API tokens: named, shown once, stored hashed, revocable, with their last use.
struct APITokens {
    let database: any Database
    let actor: Actor

    struct Summary: Codable, Sendable {
        let id: UUID
        let name: String
        let createdAt: Date?
        let lastUsedAt: Date?
        let revokedAt: Date?
    }

    struct Created: Codable, Sendable {
        let id: UUID
        let name: String
        /// The secret itself: shown this once, never stored.
        let token: String
    }

    struct Input: UseCaseInput {
        var name: String?
        enum CodingKeys: String, CodingKey, CaseIterable { case name }
    }

    func list() async throws -> [Summary] {
        let me = try actor.requireUser()
        return try await APIToken.query(on: database).filter(\.$userID == me).sort(\.$createdAt, .descending).all()
            .map(summary)
    }

    func create(_ input: Input) async throws -> Created {
        var errors = FieldErrors()
        let name = TextInput.required(input.name, field: "name", limit: 100, errors: &errors)
        try errors.throwIfAny()
        let (token, hash) = TokenHasher.newToken()
        let row = APIToken(practiceID: actor.practiceID, userID: try actor.requireUser(), name: name ?? "", tokenHash: hash)
        try await database.writeTransaction(practice: actor.practiceID) { db in
            try await row.create(on: db)
            try await AuditLog(database: db, actor: actor).record(
                "create", "apiToken", id: try row.requireID(), after: ["name": row.name])
        }
        return Created(id: try row.requireID(), name: row.name, token: token)
    }

    /// Revokes one of the caller's tokens; it stops working at once.
    func revoke(_ id: UUID) async throws -> Summary {
        let me = try actor.requireUser()
        return try await database.writeTransaction(practice: actor.practiceID) { db in
            guard
                let row = try await APIToken.query(on: db).filter(\.$id == id).filter(\.$userID == me).first()
            else { throw UseCaseError.notFound("token") }
            if row.revokedAt == nil {
                row.revokedAt = Date()
                try await row.save(on: db)
                try await AuditLog(database: db, actor: actor).record(
                    "revoke", "apiToken", id: id, after: ["name": row.name])
            }
            return try summary(row)
        }
    }

    private func summary(_ row: APIToken) throws -> Summary {
        Summary(
            id: try row.requireID(), name: row.name, createdAt: row.createdAt, lastUsedAt: row.lastUsedAt,
            revokedAt: row.revokedAt)
    }
}
