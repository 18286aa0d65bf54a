import Fluent
import SQLKit

/// A ``DataVersion`` per practice in place of the one global row, which every practice's writes
/// took turns on and which retired every practice's kept answers at any change.
struct CreatePracticeVersions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("practice_versions")
            .field("practice_id", .uuid, .identifier(auto: false), .references("practices", "id"))
            .field("version", .int64, .required)
            .create()
        let sql = try database.sql()
        // Each practice starts from the global number, so no kept answer can be mistaken for newer.
        try await sql.raw(
            """
            INSERT INTO practice_versions (practice_id, version)
            SELECT id, (SELECT version FROM data_version WHERE id = 1) FROM practices
            """
        ).run()
        try await database.schema("data_version").delete()
    }

    func revert(on database: any Database) async throws {
        try await CreateDataVersion().prepare(on: database)
        try await database.schema("practice_versions").delete()
    }
}
