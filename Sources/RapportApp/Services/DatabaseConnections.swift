import Fluent
import SQLKit

/// How many connections the database has open to this database, by state (`active`, `idle`,
/// `idle in transaction`…), as PostgreSQL's `pg_stat_activity` tells: every server on the database
/// counts. SQLite has no connections to count.
enum DatabaseConnections {
    static func read(on database: any Database) async throws -> [(state: String, count: Int)] {
        let sql = try database.sql()
        guard sql.dialect.name == "postgresql" else { return [] }
        return try await sql.raw(
            """
            SELECT COALESCE(state, 'unknown') AS state, COUNT(*) AS connections FROM pg_stat_activity
            WHERE datname = current_database() GROUP BY state
            """
        ).all().map {
            (try $0.decode(column: "state", as: String.self), try $0.decode(column: "connections", as: Int.self))
        }
    }
}
