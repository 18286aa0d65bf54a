import Fluent

/// What claims need of a client besides the name and date of birth: sex and a home address.
struct AddClientDemographics: AsyncMigration {
    static let fields = ["sex", "address_line1", "address_line2", "address_city", "address_state", "address_zip"]

    func prepare(on database: any Database) async throws {
        // One column a statement: SQLite adds columns one at a time.
        for field in Self.fields { try await database.schema("clients").field(.string(field), .string).update() }
    }

    func revert(on database: any Database) async throws {
        for field in Self.fields.reversed() {
            try await database.schema("clients").deleteField(.string(field)).update()
        }
    }
}
