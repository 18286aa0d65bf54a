import Fluent

/// A client's diagnosis list, effective-dated like fees: the rows of one `effective_from` are the
/// list from that date, in order (position 1 is the principal diagnosis).
struct CreateClientDiagnoses: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("client_diagnoses")
            .id()
            .field("practice_id", .uuid, .required, .references("practices", "id", onDelete: .cascade))
            .field("client_id", .uuid, .required, .references("clients", "id", onDelete: .cascade))
            .field("effective_from", .string, .required)
            .field("position", .int, .required)
            .field("code", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "client_id", "effective_from", "position")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("client_diagnoses").delete()
    }
}
