import Fluent
import SQLKit

/// Good Faith Estimates as given: each version kept whole (the estimate as JSON, frozen), with its
/// period, what made it due and when, and who gave it. One current version per client.
struct CreateGoodFaithEstimates: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("good_faith_estimates")
            .id()
            .field("practice_id", .uuid, .required, .references("practices", "id", onDelete: .cascade))
            .field("client_id", .uuid, .required, .references("clients", "id"))
            .field("version", .int, .required)
            .field("current", .bool, .required)
            .field("issued_on", .string, .required)
            .field("period_start", .string, .required)
            .field("period_end", .string, .required)
            .field("requested", .bool, .required)
            .field("total", .int64, .required)
            .field("estimate", .string, .required)
            .field("created_by_name", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "client_id", "version")
            .create()
        try await database.sql().create(index: "good_faith_estimates_client")
            .on("good_faith_estimates").column("practice_id").column("client_id").column("current").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("good_faith_estimates").delete()
    }
}
