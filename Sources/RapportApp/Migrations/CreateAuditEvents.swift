import Fluent
import SQLKit

struct CreateAuditEvents: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("audit_events")
            .id()
            .field("practice_id", .uuid, .required, .references("practices", "id"))
            .field("actor_user_id", .uuid)
            .field("actor_name", .string, .required)
            .field("at", .datetime, .required)
            .field("entity_type", .string, .required)
            .field("entity_id", .uuid, .required)
            .field("action", .string, .required)
            .field("before", .string)
            .field("after", .string)
            .create()
        try await database.sql().create(index: "audit_events_entity").on("audit_events")
            .column("practice_id").column("entity_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_events").delete()
    }
}
