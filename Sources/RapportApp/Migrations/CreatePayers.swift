import Fluent

/// Insurers the practice bills, and what each allows for a service (effective-dated, like rates).
struct CreatePayers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("payers")
            .id()
            .field("practice_id", .uuid, .required, .references("practices", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("payer_id", .string, .required)
            .field("filing_indicator", .string, .required)
            .field("address_line1", .string)
            .field("address_line2", .string)
            .field("address_city", .string)
            .field("address_state", .string)
            .field("address_zip", .string)
            .field("telehealth_modifier", .bool, .required)
            .field("active", .bool, .required)
            .field("created_at", .datetime)
            .unique(on: "practice_id", "payer_id")
            .create()
        try await database.schema("payer_rates")
            .id()
            .field("practice_id", .uuid, .required, .references("practices", "id", onDelete: .cascade))
            .field("payer_id", .uuid, .required, .references("payers", "id", onDelete: .cascade))
            .field("service_id", .uuid, .required, .references("services", "id", onDelete: .cascade))
            .field("amount", .int64, .required)
            .field("effective_from", .string, .required)
            .field("created_at", .datetime)
            .unique(on: "payer_id", "service_id", "effective_from")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("payer_rates").delete()
        try await database.schema("payers").delete()
    }
}
