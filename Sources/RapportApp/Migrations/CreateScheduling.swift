import Fluent
import SQLKit

struct CreateScheduling: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("series")
            .id()
            .field("practice_id", .uuid, .required, .references("practices", "id"))
            .field("client_id", .uuid, .required, .references("clients", "id"))
            .field("clinician_id", .uuid, .required, .references("clinicians", "id"))
            .field("rule", .string, .required)
            .field("start_local", .string, .required)
            .field("time_zone", .string, .required)
            .field("duration_minutes", .int, .required)
            .field("location", .string)
            .field("chosen_service_id", .uuid, .references("services", "id"))
            .field("fee_override", .int64)
            .field("generated_through", .datetime, .required)
            .field("ended_at", .datetime)
            .field("created_at", .datetime)
            .create()
        try await database.schema("series_exclusions")
            .id()
            .field("practice_id", .uuid, .required, .references("practices", "id"))
            .field("series_id", .uuid, .required, .references("series", "id"))
            .field("original_start_local", .string, .required)
            .unique(on: "series_id", "original_start_local")
            .create()
        try await database.schema("sessions")
            .id()
            .field("practice_id", .uuid, .required, .references("practices", "id"))
            .field("client_id", .uuid, .required, .references("clients", "id"))
            .field("clinician_id", .uuid, .required, .references("clinicians", "id"))
            .field("series_id", .uuid, .references("series", "id"))
            .field("original_start_local", .string)
            .field("starts_at", .datetime, .required)
            .field("duration_minutes", .int, .required)
            .field("location", .string)
            .field("attendance", .string, .required)
            .field("chosen_service_id", .uuid, .references("services", "id"))
            .field("fee_override", .int64)
            .field("service_id", .uuid, .required, .references("services", "id"))
            .field("service_source", .string, .required)
            .field("fee_amount", .int64, .required)
            .field("fee_source", .string, .required)
            .field("is_exception", .bool, .required)
            .field("invoice_id", .uuid)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            // One row per occurrence: concurrent horizon runs cannot store an occurrence twice.
            .unique(on: "series_id", "original_start_local")
            .create()
        let sql = try database.sql()
        // The calendar: a practice's (or one clinician's) sessions in a time range.
        try await sql.create(index: "sessions_practice_start").on("sessions")
            .column("practice_id").column("starts_at").run()
        try await sql.create(index: "sessions_clinician_start").on("sessions")
            .column("clinician_id").column("starts_at").run()
        // A client's sessions, and repricing a client's unbilled sessions from a date.
        try await sql.create(index: "sessions_client_start").on("sessions")
            .column("client_id").column("starts_at").run()
        try await sql.create(index: "series_practice").on("series").column("practice_id").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["sessions", "series_exclusions", "series"] {
            try await database.schema(table).delete()
        }
    }
}
