import Fluent
import SQLKit

/// A series' id in the product a practice came from, so a schedule list imported twice does not
/// schedule its appointments twice. Unique within a practice.
struct AddSeriesExternalIDs: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("series").field("external_id", .string).update()
        try await database.sql().create(index: "series_external_id").unique().on("series")
            .column("practice_id").column("external_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.sql().drop(index: "series_external_id").run()
        try await database.schema("series").deleteField("external_id").update()
    }
}
