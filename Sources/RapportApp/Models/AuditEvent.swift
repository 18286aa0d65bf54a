import Fluent
import Foundation

/// One change, kept forever: who, when, what, and the record before and after (JSON).
final class AuditEvent: Model, @unchecked Sendable {
    static let schema = "audit_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @OptionalField(key: "actor_user_id") var actorUserID: UUID?
    @Field(key: "actor_name") var actorName: String
    @Field(key: "at") var at: Date
    @Field(key: "entity_type") var entityType: String
    @Field(key: "entity_id") var entityID: UUID
    @Field(key: "action") var action: String
    @OptionalField(key: "before") var before: String?
    @OptionalField(key: "after") var after: String?
    /// Position in the practice's chain: 1, 2, 3… with no gaps.
    @Field(key: "sequence") var sequence: Int
    /// The hash of the event before it ("" for the first).
    @Field(key: "previous_hash") var previousHash: String
    /// SHA-256 over this event's content and `previousHash`: changing or removing any event breaks the chain.
    @Field(key: "hash") var hash: String

    /// Listed, so FluentKit need not reflect over the model for each row (ModelPropertyTests).
    var properties: [any AnyProperty] {
        [
            $id, $practiceID, $actorUserID, $actorName, $at, $entityType, $entityID, $action, $before, $after,
            $sequence, $previousHash, $hash
        ]
    }

    init() {}
}
