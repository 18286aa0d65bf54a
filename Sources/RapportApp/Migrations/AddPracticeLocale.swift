import Fluent

/// A practice's locale: how its people write money, dates and times. Empty means the one its
/// currency suggests (`de_DE` for EUR), so existing practices keep working unchanged.
struct AddPracticeLocale: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("practices").field("locale", .string, .required, .sql(.default(""))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("practices").deleteField("locale").update()
    }
}
