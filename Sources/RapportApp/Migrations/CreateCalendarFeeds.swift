import Fluent
import SQLKit

/// Calendar feed links (one per user), and how the practice's feeds name clients.
struct CreateCalendarFeeds: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CalendarFeedLink.schema)
            .id()
            .field("practice_id", .uuid, .required, .references("practices", "id"))
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("clinician_id", .uuid, .required, .references("clinicians", "id"))
            .field("token_hash", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "token_hash")
            .unique(on: "user_id")
            .create()
        try await database.schema("practices")
            .field("feed_client_names", .string, .required, .sql(.default("initials"))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("practices").deleteField("feed_client_names").update()
        try await database.schema(CalendarFeedLink.schema).delete()
    }
}
