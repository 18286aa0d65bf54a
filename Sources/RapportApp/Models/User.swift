import Fluent
import Foundation

/// A person who signs in: the owner created at setup, later staff.
final class User: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "name") var name: String
    @Field(key: "email") var email: String
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "role") var role: Role
    @OptionalField(key: "clinician_id") var clinicianID: UUID?
    @Field(key: "active") var active: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    /// Listed, so FluentKit need not reflect over the model for each row (ModelPropertyTests).
    var properties: [any AnyProperty] {
        [
            $id, $practiceID, $name, $email, $passwordHash, $role, $clinicianID, $active, $createdAt
        ]
    }

    init() {}

    init(practiceID: UUID, name: String, email: String, passwordHash: String, role: Role, clinicianID: UUID?) {
        self.practiceID = practiceID
        self.name = name
        self.email = email
        self.passwordHash = passwordHash
        self.role = role
        self.clinicianID = clinicianID
        self.active = true
    }
}

/// A bearer token for the API, stored only as its SHA-256 hash.
final class APIToken: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "user_id") var userID: UUID
    @Field(key: "name") var name: String
    @Field(key: "token_hash") var tokenHash: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @OptionalField(key: "last_used_at") var lastUsedAt: Date?
    @OptionalField(key: "revoked_at") var revokedAt: Date?

    /// Listed, so FluentKit need not reflect over the model for each row (ModelPropertyTests).
    var properties: [any AnyProperty] {
        [
            $id, $practiceID, $userID, $name, $tokenHash, $createdAt, $lastUsedAt, $revokedAt
        ]
    }

    init() {}

    init(practiceID: UUID, userID: UUID, name: String, tokenHash: String) {
        self.practiceID = practiceID
        self.userID = userID
        self.name = name
        self.tokenHash = tokenHash
    }
}
