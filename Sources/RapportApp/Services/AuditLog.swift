import Fluent
import Foundation

/// Appends audit events inside the caller's transaction, so a change and its record land together.
struct AuditLog {
    let database: any Database
    let actor: Actor

    /// Records `action` on an entity with JSON snapshots of it before and after.
    func record(
        _ action: String, _ entityType: String, id: UUID, before: (any Encodable)? = nil, after: (any Encodable)? = nil
    ) async throws {
        let event = AuditEvent()
        event.practiceID = actor.practiceID
        event.actorUserID = actor.userID
        event.actorName = actor.name
        event.at = Date()
        event.entityType = entityType
        event.entityID = id
        event.action = action
        event.before = try before.map(Self.json)
        event.after = try after.map(Self.json)
        try await event.create(on: database)
    }

    private static func json(_ value: any Encodable) throws -> String {
        String(decoding: try JSONEncoder.rapport.encode(value), as: UTF8.self)
    }
}
