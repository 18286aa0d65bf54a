import Fluent

/// Each clinician's working hours, as JSON spans (``WorkingHoursEntry``); none until set.
struct AddWorkingHours: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Clinician.schema).field("working_hours", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Clinician.schema).deleteField("working_hours").update()
    }
}
