import Fluent

/// The practice's phone on its billing provider: superbills (and the people who read them) need it.
struct AddPracticePhone: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("billing_providers").field("phone", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("billing_providers").deleteField("phone").update()
    }
}
