import Fluent
import Foundation

/// A clinician's private calendar feed link: the token is the only credential, so only its
/// SHA-256 is stored; deleting the row revokes the link.
final class CalendarFeedLink: Model, @unchecked Sendable {
    static let schema = "calendar_feeds"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "user_id") var userID: UUID
    @Field(key: "clinician_id") var clinicianID: UUID
    @Field(key: "token_hash") var tokenHash: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    /// Listed, so FluentKit need not reflect over the model for each row (ModelPropertyTests).
    var properties: [any AnyProperty] { [$id, $practiceID, $userID, $clinicianID, $tokenHash, $createdAt] }

    init() {}

    init(practiceID: UUID, userID: UUID, clinicianID: UUID, tokenHash: String) {
        self.practiceID = practiceID
        self.userID = userID
        self.clinicianID = clinicianID
        self.tokenHash = tokenHash
    }
}
