import FluentPostgresDriver
import NIOConcurrencyHelpers

/// PostgreSQL statements parsed and planned once per connection, then run by name.
///
/// A statement sent unnamed is parsed and planned afresh each time. In the mixed load (20
/// practices, two servers) PostgreSQL spent about a third of its CPU planning — 5.1 s in 20 s by
/// `pg_stat_statements` — most of it on a few dozen reads sent thousands of times: a calendar's
/// sessions, a client's balance, coverage, the kept answers' numbers.
///
/// PostgresNIO prepares a named statement on a connection the first time it runs there, keeps it
/// for the connection's life and runs it by name after that (`PostgresConnection.execute(_:)`).
/// It takes the statement's text and name from the statement's *type*; ``Statement`` gives them
/// from the task that runs it, so one type serves every text. The name is a hash of the text and
/// of the parameters' types, which PostgreSQL fixes at preparation.
///
/// Only statements of at most ``maximumParameters`` parameters are named: each distinct text is
/// kept by every connection that runs it, and texts with more parameters are the bulk ones (long
/// `IN` lists, multi-row inserts) whose length varies and whose planning is a small part of them.
enum NamedStatements {
    static let maximumParameters = 16

    /// A statement run by name; its text and name are the running task's (``text``).
    struct Statement: PostgresPreparedStatement {
        typealias Row = PostgresRow

        struct Text: Sendable {
            let name: String
            let sql: String
        }

        @TaskLocal static var text = Text(name: "", sql: "")
        static var name: String { text.name }
        static var sql: String { text.sql }

        let bindings: PostgresBindings

        func makeBindings() -> PostgresBindings { bindings }
        func decodeRow(_ row: PostgresRow) -> PostgresRow { row }
    }

    /// The statement's rows, run by name on `connection` (unnamed when it has too many parameters,
    /// or when its preparation failed on this connection before; see ``unpreparable``).
    static func rows(
        _ sql: String, types: String, bindings: PostgresBindings, on connection: PostgresConnection
    ) async throws -> [PostgresRow] {
        let unnamed = PostgresQuery(unsafeSQL: sql, binds: bindings)
        guard bindings.count <= maximumParameters else { return try await rows(unnamed, on: connection) }
        let name = name(of: sql, types: types)
        let key = Unpreparable(connection: ObjectIdentifier(connection), name: name)
        if unpreparable.withLockedValue({ $0.contains(key) }) { return try await rows(unnamed, on: connection) }
        do {
            return try await Statement.$text.withValue(Statement.Text(name: name, sql: sql)) {
                var rows: [PostgresRow] = []
                let statement = Statement(bindings: bindings)
                for try await row in try await connection.execute(statement, logger: connection.logger) {
                    rows.append(row)
                }
                return rows
            }
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == inFailedTransaction {
            // Prepared for the first time inside a transaction that had already failed: PostgresNIO
            // keeps that failure under the name for the connection's life, and would give it again
            // after the rollback. Unnamed, the statement fails as it should while the transaction is
            // failed, and runs once it is over.
            unpreparable.withLockedValue {
                if $0.count >= 10_000 { $0.removeAll() }
                $0.insert(key)
            }
            return try await rows(unnamed, on: connection)
        }
    }

    private static func rows(_ query: PostgresQuery, on connection: PostgresConnection) async throws -> [PostgresRow] {
        var rows: [PostgresRow] = []
        for try await row in try await connection.query(query, logger: connection.logger) { rows.append(row) }
        return rows
    }

    /// "in_failed_sql_transaction": a statement sent after an error, before the rollback.
    static let inFailedTransaction = "25P02"

    private struct Unpreparable: Hashable {
        let connection: ObjectIdentifier
        let name: String
    }

    /// Statements whose preparation failed on a connection: they run unnamed there. A connection's
    /// identifier may be reused by a later connection, which then runs them unnamed too: slower,
    /// never wrong.
    private static let unpreparable = NIOLockedValueBox(Set<Unpreparable>())

    /// A name for the text and its parameters' types: 64 bits of FNV-1a, in hexadecimal (PostgreSQL
    /// names are at most 63 bytes).
    static func name(of sql: String, types: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in sql.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        hash = hash &* 0x0000_0100_0000_01b3  // a zero byte between the text and the types
        for byte in types.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        let digits = String(hash, radix: 16)
        return "rapport_" + String(repeating: "0", count: 16 - digits.count) + digits
    }
}
