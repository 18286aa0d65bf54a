import Fluent
import SQLKit

/// Chains audit events by hash so a changed or removed event shows (`rapport audit verify`).
struct AddAuditChain: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per ALTER TABLE: SQLite adds columns one at a time.
        try await database.schema("audit_events").field("sequence", .int, .required, .sql(.default(0))).update()
        try await database.schema("audit_events").field("previous_hash", .string, .required, .sql(.default("")))
            .update()
        try await database.schema("audit_events").field("hash", .string, .required, .sql(.default(""))).update()
        try await database.schema("audit_heads")
            .field("practice_id", .uuid, .identifier(auto: false), .references("practices", "id"))
            .field("sequence", .int, .required)
            .field("hash", .string, .required)
            .create()
        // Chain whatever was recorded before, in the order it happened.
        let events = try await AuditEvent.query(on: database).sort(\.$at).sort(\.$id).all()
        for (practiceID, rows) in Dictionary(grouping: events, by: \.practiceID) {
            var head = AuditChain.Link(sequence: 0, hash: "")
            for event in rows {
                head = AuditChain.seal(event, after: head)
                try await event.save(on: database)
            }
            try await database.sql().insert(into: "audit_heads").columns("practice_id", "sequence", "hash")
                .values(SQLBind(practiceID), SQLBind(head.sequence), SQLBind(head.hash)).run()
        }
        try await database.sql().create(index: "audit_events_chain").on("audit_events").column("practice_id").column(
            "sequence"
        ).unique().run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_heads").delete()
        try await database.sql().drop(index: "audit_events_chain").run()
        for field in ["hash", "previous_hash", "sequence"] {
            try await database.schema("audit_events").deleteField(.string(field)).update()
        }
    }
}
