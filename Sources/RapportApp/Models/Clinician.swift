import Fluent
import Foundation

/// A staff member with a calendar.
final class Clinician: Model, @unchecked Sendable {
    static let schema = "clinicians"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "name") var name: String
    @OptionalField(key: "email") var email: String?
    @Field(key: "active") var active: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(practiceID: UUID, name: String, email: String?) {
        self.practiceID = practiceID
        self.name = name
        self.email = email
        self.active = true
    }
}
