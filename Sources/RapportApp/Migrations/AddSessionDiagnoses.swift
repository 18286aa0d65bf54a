import Fluent

/// A session's own diagnoses (ICD-10-CM codes, principal first, comma-separated); null: the
/// client's list in force on the session's date.
struct AddSessionDiagnoses: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("sessions").field("diagnoses", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sessions").deleteField("diagnoses").update()
    }
}
