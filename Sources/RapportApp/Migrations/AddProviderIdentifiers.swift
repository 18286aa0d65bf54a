import Fluent

/// What claims say about who bills and who treats: the practice's billing provider (one row per
/// practice) and each clinician's NPI, taxonomy, credentials and licence.
struct AddProviderIdentifiers: AsyncMigration {
    static let clinicianFields = [
        "npi", "taxonomy", "credentials", "license_number", "license_state", "claim_last_name", "claim_first_name",
    ]

    func prepare(on database: any Database) async throws {
        try await database.schema("billing_providers")
            .id()
            .field("practice_id", .uuid, .required, .references("practices", "id", onDelete: .cascade))
            .field("entity", .string, .required)
            .field("organization_name", .string)
            .field("last_name", .string)
            .field("first_name", .string)
            .field("npi", .string, .required)
            .field("tax_id", .string, .required)
            .field("tax_id_kind", .string, .required)
            .field("taxonomy", .string, .required)
            .field("address_line1", .string, .required)
            .field("address_line2", .string)
            .field("address_city", .string, .required)
            .field("address_state", .string, .required)
            .field("address_zip", .string, .required)
            .field("pay_to_line1", .string)
            .field("pay_to_line2", .string)
            .field("pay_to_city", .string)
            .field("pay_to_state", .string)
            .field("pay_to_zip", .string)
            .field("place_of_service", .string, .required)
            .field("updated_at", .datetime)
            .unique(on: "practice_id")
            .create()
        // One column a statement: SQLite adds columns one at a time.
        for field in Self.clinicianFields {
            try await database.schema("clinicians").field(.string(field), .string).update()
        }
    }

    func revert(on database: any Database) async throws {
        for field in Self.clinicianFields.reversed() {
            try await database.schema("clinicians").deleteField(.string(field)).update()
        }
        try await database.schema("billing_providers").delete()
    }
}
