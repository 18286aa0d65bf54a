import Fluent
import SQLKit
import Testing
import Vapor

@testable import RapportApp

/// Checks of a ``VersionMarks`` against a migrated database.
enum VersionMarksChecks {
    /// Names from the database's catalogue: `postgres` on PostgreSQL, `sqlite` on SQLite, each a
    /// query of `name`s.
    static func catalogue(
        _ app: Application, postgres: SQLQueryString, sqlite: SQLQueryString
    ) async throws -> Set<String> {
        let sql = try app.db.sql()
        let query = sql.dialect.name == "postgresql" ? postgres : sqlite
        return Set(try await sql.raw(query).all().map { try $0.decode(column: "name", as: String.self) })
    }

    /// A practice's data version, one of its shared numbers, and each owner's number.
    struct Numbers: Equatable {
        let data: Int64
        let shared: Int64
        let owners: [Int64]
    }

    /// The numbers of `practiceID`: its data version, the shared number in `column`, and each of
    /// `owners`' as `number` reads it.
    static func numbers(
        _ app: Application, _ practiceID: UUID, shared column: String, owners: [UUID],
        number: (UUID, any SQLDatabase) async throws -> Int64?
    ) async throws -> Numbers {
        let sql = try app.db.sql()
        let row = try #require(
            try await sql.raw(
                """
                SELECT version, \(unsafeRaw: column) AS shared FROM practice_versions
                WHERE practice_id = \(bind: practiceID)
                """
            ).first())
        var numbers: [Int64] = []
        for owner in owners { numbers.append(try #require(try await number(owner, sql))) }
        return Numbers(
            data: try row.decode(column: "version", as: Int64.self),
            shared: try row.decode(column: "shared", as: Int64.self),
            owners: numbers)
    }

    /// Sets `column` of the practice's rows of `source` to what it is, in a writing transaction:
    /// to its triggers, a change of that column. The test must have made such rows.
    static func rewrite(
        _ app: Application, _ source: PracticeNumberMarks.Source, column: String, practiceID: UUID
    ) async throws {
        try await app.db.writeTransaction(practice: practiceID) { db in
            let changed = try await db.sql().raw(
                """
                UPDATE \(unsafeRaw: source.table) SET \(unsafeRaw: column) = \(unsafeRaw: column)
                WHERE \(unsafeRaw: source.practice) = \(bind: practiceID)
                RETURNING \(unsafeRaw: source.practice)
                """
            ).all()
            #expect(!changed.isEmpty, "the test has a row of \(source.table) to change")
        }
    }

    /// Every table of the database is named once in `marks` and no other is; the tables whose
    /// rows mark have their three triggers, and the others none of `marks`' triggers.
    static func everyTableIsNamedAndTheMarkingOnesHaveTriggers(
        _ app: Application, _ marks: VersionMarks
    )
        async throws
    {
        let named = marks.tables.map(\.name)
        #expect(Set(named).count == named.count, "a table named twice")
        let present = try await catalogue(
            app, postgres: "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()",
            sqlite: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).subtracting(["_fluent_migrations"])
        #expect(
            present.subtracting(named).isEmpty,
            "tables nobody classified for \(marks.numbers): \(present.subtracting(named).sorted())")
        #expect(
            Set(named).subtracting(present).isEmpty,
            "named tables that do not exist: \(Set(named).subtracting(present))")
        let triggers = try await catalogue(
            app, postgres: "SELECT tgname AS name FROM pg_trigger WHERE NOT tgisinternal",
            sqlite: "SELECT name FROM sqlite_master WHERE type = 'trigger'")
        for table in marks.tables {
            for event in VersionMarks.events {
                let name = marks.trigger(table, event)
                #expect(triggers.contains(name) == table.kind.marks, "\(name)")
            }
        }
    }
}

extension DataVersion {
    /// The practice's data version as it stands (0 before its first change), which the tests
    /// compare the finer numbers with; the app reads it with the access number, at sign-in.
    static func current(practiceID: UUID, on sql: any SQLDatabase) async throws -> Int64 {
        try await signIn(practiceID: practiceID, on: sql)?.data ?? 0
    }
}
