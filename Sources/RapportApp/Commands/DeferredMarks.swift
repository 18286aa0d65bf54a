import Fluent
import Foundation
import SQLKit

/// The triggers that mark what a change touched for kept answers (``AddClientVersions``,
/// ``AddCalendarVersions``, ``AddBillingVersion``) on tables a bulk load fills, dropped before the
/// load and made again after it in the same transaction, as ``DeferredIndexes`` does for indexes.
/// Run per row (SQLite's all, PostgreSQL's billing marks) they add seconds to a bulk load of half
/// a million sessions, only to mark the same few owners again and again; after the load the
/// practice's shared numbers are set instead, which retires every kept answer of the practice at
/// once — what the marks of every client and clinician would have come to. The definitions are read from the
/// database's own catalogue, so what is made again is exactly what the migrations made. Triggers
/// that keep data (the kept balances and sums) stay.
struct DeferredMarks {
    let definitions: [(name: String, table: String, sql: String)]

    static func drop(on tables: [String], in database: any Database) async throws -> DeferredMarks {
        let sql = try database.sql()
        let postgres = sql.dialect.name == "postgresql"
        let names = tables.flatMap {
            AddClientVersions.marks.triggers(on: $0) + AddCalendarVersions.marks.triggers(on: $0)
                + AddBillingVersion.marks.triggers(on: $0, postgres: postgres)
        }
        let rows: [any SQLRow]
        if postgres {
            rows = try await sql.raw(
                """
                SELECT t.tgname AS name, c.relname AS table_name, pg_get_triggerdef(t.oid) AS sql
                FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                WHERE NOT t.tgisinternal AND t.tgname IN (\(binds: names))
                """
            ).all()
        } else {
            rows = try await sql.raw(
                """
                SELECT name, tbl_name AS table_name, sql FROM sqlite_master
                WHERE type = 'trigger' AND name IN (\(binds: names))
                """
            ).all()
        }
        let definitions = try rows.map {
            (
                name: try $0.decode(column: "name", as: String.self),
                table: try $0.decode(column: "table_name", as: String.self),
                sql: try $0.decode(column: "sql", as: String.self)
            )
        }
        for definition in definitions {
            let on: SQLQueryString = postgres ? " ON \(unsafeRaw: definition.table)" : ""
            try await sql.raw("DROP TRIGGER \(unsafeRaw: definition.name)" + on).run()
        }
        return DeferredMarks(definitions: definitions)
    }

    /// Makes the triggers again and marks everything of the loaded practice changed at its data
    /// version.
    func rebuild(practiceID: UUID, in database: any Database) async throws {
        let sql = try database.sql()
        for definition in definitions { try await sql.raw("\(unsafeRaw: definition.sql)").run() }
        try await sql.raw(
            """
            UPDATE practice_versions SET shared_version = version, calendar_version = version,
              billing_version = version
            WHERE practice_id = \(bind: practiceID)
            """
        ).run()
    }
}
