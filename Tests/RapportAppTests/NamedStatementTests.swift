import FluentPostgresDriver
import Foundation
import SQLKit
import Testing

@testable import RapportApp

/// PostgreSQL's reads are prepared once per connection and run by name after that
/// (``NamedStatements``); on SQLite there is nothing to check.
struct NamedStatementTests {
    /// The same read twice on one connection: one statement prepared under its name, the same
    /// rows both times; another parameter type is another statement.
    @Test func aReadIsPreparedOnceAndRunByName() async throws {
        try await onOneConnection { connection in
            let sql = "SELECT $1::text || '!' AS said, '\(UUID())' AS marker"
            let name = NamedStatements.name(of: sql, types: "s")
            let before = try await prepared(on: connection)
            for word in ["hello", "again"] {
                var bindings = PostgresBindings()
                bindings.append(word)
                let rows = try await NamedStatements.rows(sql, types: "s", bindings: bindings, on: connection)
                #expect(try rows.map { try $0.decode(String.self, context: .default) } == ["\(word)!"])
            }
            #expect(try await prepared(on: connection).filter { before[$0.key] == nil } == [name: sql])
            #expect(NamedStatements.name(of: sql, types: "i") != name)
        }
    }

    /// A statement of many parameters (a long `IN` list) is sent unnamed: each length would
    /// otherwise be kept by every connection.
    @Test func aStatementOfManyParametersIsNotKept() async throws {
        try await onOneConnection { connection in
            let count = NamedStatements.maximumParameters + 1
            let sql = "SELECT " + (1...count).map { "$\($0)::bigint" }.joined(separator: " + ") + " AS total"
            let before = try await prepared(on: connection)
            var bindings = PostgresBindings()
            for value in 1...count { bindings.append(Int64(value)) }
            let types = String(repeating: "i", count: count)
            let rows = try await NamedStatements.rows(sql, types: types, bindings: bindings, on: connection)
            #expect(try rows.map { try $0.decode(Int64.self) } == [Int64(count * (count + 1) / 2)])
            #expect(try await prepared(on: connection) == before)
        }
    }

    /// A read prepared for the first time inside a transaction that has already failed fails, as
    /// any statement would there; once the transaction is rolled back it runs on that connection
    /// again (PostgresNIO keeps a failed preparation under its name for the connection's life).
    @Test func aReadFirstSentInAFailedTransactionRunsAfterTheRollback() async throws {
        try await onOneConnection { connection in
            let sql = "SELECT $1::bigint * 2 AS twice, '\(UUID())' AS marker"
            var bindings = PostgresBindings()
            bindings.append(Int64(21))
            _ = try await connection.query("BEGIN", logger: connection.logger)
            await #expect(throws: PSQLError.self) {
                _ = try await connection.query("SELECT 1 / 0", logger: connection.logger)
            }
            await #expect(throws: PSQLError.self) {
                _ = try await NamedStatements.rows(sql, types: "i", bindings: bindings, on: connection)
            }
            _ = try await connection.query("ROLLBACK", logger: connection.logger)
            for _ in 0..<2 {
                let rows = try await NamedStatements.rows(sql, types: "i", bindings: bindings, on: connection)
                #expect(try rows.map { try $0.decode(Int64.self, context: .default) } == [42])
            }
        }
    }

    /// The app's reads go this way: a select read twice through `rows(_:on:)` gives the same rows,
    /// and the connection keeps its statement under the name of its text and parameter types.
    @Test func theAppsReadsAreRunByName() async throws {
        try await withRapport { app in
            guard app.db is any PostgresDatabase else { return }
            _ = try await PracticeFixture.make(app).makeClient()
            try await app.db.transaction { db in
                let sql = try db.sql()
                let query = sql.select().column("id").from("clients").where("last_name", .equal, "Nguyen")
                let first = try await query.rows(IDRow.self, on: db).map(\.id)
                let second = try await query.rows(IDRow.self, on: db).map(\.id)
                #expect(!first.isEmpty && first == second)
                let name = NamedStatements.name(of: sql.serialize(query.query).sql, types: "s")
                let names = try await sql.raw("SELECT name FROM pg_prepared_statements").all()
                    .map { try $0.decode(column: "name", as: String.self) }
                #expect(names.contains(name))
            }
        }
    }

    /// Runs `body` on one connection of a test app's PostgreSQL pool; the tests compare what the
    /// connection has prepared before and after, so statements prepared there earlier do not matter.
    private func onOneConnection(_ body: @escaping @Sendable (PostgresConnection) async throws -> Void) async throws {
        try await withRapport { app in
            guard let postgres = app.db as? any PostgresDatabase else { return }
            try await postgres.withConnection { connection in
                connection.eventLoop.makeFutureWithTask {
                        try await body(connection)
                }
            }.get()
        }
    }

    private func prepared(on connection: PostgresConnection) async throws -> [String: String] {
        var statements: [String: String] = [:]
        let rows = try await connection.query(
            "SELECT name, statement FROM pg_prepared_statements", logger: connection.logger)
        for try await (name, statement) in rows.decode((String, String).self) { statements[name] = statement }
        return statements
    }
}

private struct IDRow: RowReadable {
    let id: UUID
    init(reading row: some RowReading) throws { id = try row.read("id", as: UUID.self) }
}
