import Fluent
import SQLKit

/// A client's id in the product a practice came from, so an import run twice updates rather
/// than duplicates. Unique within a practice; most clients have none.
struct AddClientExternalIDs: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("clients").field("external_id", .string).update()
        try await database.sql().create(index: "clients_external_id").unique().on("clients")
            .column("practice_id").column("external_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql().drop(index: "clients_external_id").run()
        try await database.schema("clients").deleteField("external_id").update()
    }
}
