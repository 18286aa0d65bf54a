import Fluent

/// Where a session (or a series' sessions) took place, as claims code it; null: the practice's usual place.
struct AddPlaceOfService: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("sessions").field("place_of_service", .string).update()
        try await database.schema("series").field("place_of_service", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("series").deleteField("place_of_service").update()
        try await database.schema("sessions").deleteField("place_of_service").update()
    }
}
