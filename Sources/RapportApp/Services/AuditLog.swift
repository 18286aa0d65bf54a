import Fluent
import Foundation

/// Appends audit events inside the caller's transaction, so a change and its record land together.
struct AuditLog {
    let database: any Database
    let actor: Actor

    /// One event to record: `action` on an entity, with JSON snapshots of it before and after.
    struct Entry {
        let action: String
        let entityType: String
        let id: UUID
        var before: (any Encodable)? = nil
        var after: (any Encodable)? = nil
        /// Who acted, when not the log's own actor (looks of several people recorded together).
        var by: Actor? = nil
    }

    static let columns = [
        "id", "practice_id", "actor_user_id", "actor_name", "at", "entity_type", "entity_id", "action", "before",
        "after", "sequence", "previous_hash", "hash",
    ]

    /// Records reads of client records (who looked, when, at what: a file holding each of `clients`)
    /// in one transaction of their own. A client screen's look goes through ``ReadAudits`` instead.
    static func recordReads(_ what: String, clients: [UUID], actor: Actor, on database: any Database) async throws {
        var seen = Set<UUID>()
        let clients = clients.filter { seen.insert($0).inserted }
        guard !clients.isEmpty else { return }
        try await database.bookkeepingTransaction { db in
            try await AuditLog(database: db, actor: actor).record(
                clients.map { Entry(action: "read", entityType: "client", id: $0, after: ["view": what]) })
        }
    }

    /// Records `action` on an entity as the next link of the practice's hash chain. Must run inside
    /// the change's transaction.
    func record(
        _ action: String, _ entityType: String, id: UUID, before: (any Encodable)? = nil, after: (any Encodable)? = nil
    ) async throws {
        try await record([Entry(action: action, entityType: entityType, id: id, before: before, after: after)])
    }

    /// Records the entries, in order, as the next links of the chain: one head update and
    /// multi-row inserts, however many there are (an invoice run records thousands at once).
    func record(_ entries: [Entry]) async throws {
        guard !entries.isEmpty else { return }
        // Milliseconds: what the chain hashes, and what every database stores exactly.
        let at = Date(timeIntervalSince1970: Double(AuditChain.milliseconds(Date())) / 1000)
        var link = try await AuditChain.advance(practiceID: actor.practiceID, by: entries.count, on: database)
        var rows = BulkRows(AuditEvent.schema, columns: Self.columns)
        let encoder = JSONEncoder.rapport
        for entry in entries {
            let event = AuditEvent()
            event.id = UUID()
            event.practiceID = actor.practiceID
            event.actorUserID = (entry.by ?? actor).userID
            event.actorName = (entry.by ?? actor).name
            event.at = at
            event.entityType = entry.entityType
            event.entityID = entry.id
            event.action = entry.action
            event.before = try entry.before.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
            event.after = try entry.after.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
            link = AuditChain.seal(event, after: link)
            rows.add([
                event.id, event.practiceID, event.actorUserID, event.actorName, event.at, event.entityType,
                event.entityID, event.action, event.before, event.after, event.sequence, event.previousHash,
                event.hash,
            ])
        }
        let sql = try database.sql()
        if sql.dialect.name == "postgresql", let insert = rows.singleInsert(on: sql) {
            // The events and the head's new hash in one statement: PostgreSQL's events of a practice
            // take turns on the head row, and each round trip while holding it lengthens every turn.
            try await sql.raw(
                """
                WITH events AS (\(insert)) UPDATE audit_heads SET hash = \(bind: link.hash)
                WHERE practice_id = \(bind: actor.practiceID)
                """
            ).runPrepared()
            rows.markWritten()
        } else {
            try await rows.flush(on: database)
            try await AuditChain.setHead(practiceID: actor.practiceID, hash: link.hash, on: database)
        }
    }
}
