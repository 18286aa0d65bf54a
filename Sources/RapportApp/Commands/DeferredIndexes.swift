import Fluent
import SQLKit

/// The secondary indexes of tables a bulk load fills, dropped before the load and rebuilt after it
/// in the same transaction: building an index once from all the rows is far cheaper than half a
/// million random insertions into it. The definitions are read from the database's own catalogue,
/// so what is rebuilt is exactly what the migrations made. Indexes behind constraints (primary
/// keys, unique constraints) stay.
struct DeferredIndexes {
    let definitions: [(name: String, sql: String)]

    static func drop(on tables: [String], in database: any Database) async throws -> DeferredIndexes {
        let sql = try database.sql()
        let rows: [any SQLRow]
        if sql.dialect.name == "sqlite" {
            rows = try await sql.raw(
                """
                SELECT name, sql FROM sqlite_master
                WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (\(binds: tables))
                """
            ).all()
        } else {
            rows = try await sql.raw(
                """
                SELECT indexname AS name, indexdef AS sql FROM pg_indexes
                WHERE schemaname = current_schema() AND tablename IN (\(binds: tables))
                  AND indexname NOT IN (SELECT conname FROM pg_constraint)
                """
            ).all()
        }
        let definitions = try rows.map {
            (name: try $0.decode(column: "name", as: String.self), sql: try $0.decode(column: "sql", as: String.self))
        }
        for definition in definitions { try await sql.drop(index: definition.name).run() }
        return DeferredIndexes(definitions: definitions)
    }

    func rebuild(in database: any Database) async throws {
        let sql = try database.sql()
        for definition in definitions { try await sql.raw("\(unsafeRaw: definition.sql)").run() }
    }
}
