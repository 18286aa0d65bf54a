import Fluent

/// Days a client has to pay what a statement shows (0: due on receipt); 30 unless the practice chooses.
struct AddPaymentTerms: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("practices").field("payment_due_days", .int, .required, .sql(.default(30))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("practices").deleteField("payment_due_days").update()
    }
}
