import Fluent
import SQLKit

/// One row counting committed changes to the data, so cached reads can tell they are still true:
/// see ``DataVersion``.
struct CreateDataVersion: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("data_version")
            .field("id", .int, .identifier(auto: false))
            .field("version", .int64, .required)
            .create()
        try await database.sql().insert(into: "data_version").columns("id", "version").values(
            SQLBind(1), SQLBind(Int64(0))
        ).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("data_version").delete()
    }
}
