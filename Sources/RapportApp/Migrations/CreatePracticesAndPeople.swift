import Fluent

struct CreatePracticesAndPeople: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("practices")
            .id()
            .field("name", .string, .required)
            .field("time_zone", .string, .required)
            .field("currency", .string, .required)
            .field("default_service_id", .uuid)
            .field("late_cancel_kind", .string, .required)
            .field("late_cancel_value", .int64)
            .field("no_show_kind", .string, .required)
            .field("no_show_value", .int64)
            .field("created_at", .datetime)
            .create()
        try await database.schema("clinicians")
            .id()
            .field("practice_id", .uuid, .required, .references("practices", "id"))
            .field("name", .string, .required)
            .field("email", .string)
            .field("active", .bool, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema("users")
            .id()
            .field("practice_id", .uuid, .required, .references("practices", "id"))
            .field("name", .string, .required)
            .field("email", .string, .required)
            .field("password_hash", .string, .required)
            .field("role", .string, .required)
            .field("clinician_id", .uuid, .references("clinicians", "id"))
            .field("active", .bool, .required)
            .field("created_at", .datetime)
            .unique(on: "email")
            .create()
        try await database.schema("api_tokens")
            .id()
            .field("practice_id", .uuid, .required, .references("practices", "id"))
            .field("user_id", .uuid, .required, .references("users", "id"))
            .field("name", .string, .required)
            .field("token_hash", .string, .required)
            .field("created_at", .datetime)
            .field("last_used_at", .datetime)
            .field("revoked_at", .datetime)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["api_tokens", "users", "clinicians", "practices"] {
            try await database.schema(table).delete()
        }
    }
}
