import Fluent
import Foundation

/// Appends audit events inside the caller's transaction, so a change and its record land together.
struct AuditLog {
    let database: any Database
    let actor: Actor

    /// Records a read of a client's record or billing (who looked, when, at what), in its own transaction.
    static func recordRead(
        _ what: String, entityType: String, id: UUID, actor: Actor, on database: any Database
    ) async throws {
        try await database.writeTransaction { db in
            try await AuditLog(database: db, actor: actor).record("read", entityType, id: id, after: ["view": what])
        }
    }

    /// Records `action` on an entity with JSON snapshots of it before and after, as the next link
    /// of the practice's hash chain. Must run inside the change's transaction.
    func record(
        _ action: String, _ entityType: String, id: UUID, before: (any Encodable)? = nil, after: (any Encodable)? = nil
    ) async throws {
        let event = AuditEvent()
        event.practiceID = actor.practiceID
        event.actorUserID = actor.userID
        event.actorName = actor.name
        // Milliseconds: what the chain hashes, and what every database stores exactly.
        event.at = Date(timeIntervalSince1970: Double(AuditChain.milliseconds(Date())) / 1000)
        event.entityType = entityType
        event.entityID = id
        event.action = action
        event.before = try before.map(Self.json)
        event.after = try after.map(Self.json)
        let link = AuditChain.seal(
            event, after: try await AuditChain.advance(practiceID: actor.practiceID, on: database))
        try await event.create(on: database)
        try await AuditChain.setHead(practiceID: actor.practiceID, hash: link.hash, on: database)
    }

    private static func json(_ value: any Encodable) throws -> String {
        String(decoding: try JSONEncoder.rapport.encode(value), as: UTF8.self)
    }
}
