import FluentKit
import FluentPostgresDriver
import Foundation
import SQLKit
import SQLiteNIO

/// A PostgreSQL row, read from the driver's cells.
///
/// Through SQLKit every value goes through PostgresKit's `PostgresDataTranslation`: a dynamic cast
/// to find the type's `PostgresDecodable` conformance, a coding path built for each value, and two
/// look-ups of the column by name — a fifth of repricing 10,000 sessions on PostgreSQL went there.
/// Here the type is known statically and the cell decodes itself, as PostgresKit's own fast path
/// ends up doing (it has one more case, for Fluent's enum types, which Rapport does not create).
struct PostgresRowReader: RowReading {
    let row: PostgresRandomAccessRow

    func read<Value: SQLiteDataConvertible & PostgresDecodable & Decodable>(
        _ column: String, as type: Value.Type
    ) throws -> Value {
        guard row.contains(column) else { throw MissingColumn(column: column) }
        return try row[column].decode(Value.self, context: .default)
    }

    func contains(_ column: String) -> Bool { row.contains(column) }
}

enum PostgresRows {
    /// The query's rows as the driver's, when its parameters are all values bound directly
    /// (``bindings(_:)``); nil to leave the query to SQLKit. The statement is run by name, planned
    /// once per connection (``NamedStatements``).
    static func fetch(_ query: any SQLExpression, on database: any Database) async throws -> [PostgresRow]? {
        guard let sql = database as? any SQLDatabase else { return nil }
        return try await fetch(query, on: sql)
    }

    /// ``fetch(_:on:)`` for a database as SQLKit sees it (Fluent's PostgreSQL database is both).
    static func fetch(_ query: any SQLExpression, on sql: any SQLDatabase) async throws -> [PostgresRow]? {
        guard let postgres = sql as? any PostgresDatabase else { return nil }
        let (text, binds) = sql.serialize(query)
        guard let (bindings, types) = bindings(binds) else { return nil }
        return try await postgres.withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                try await NamedStatements.rows(text, types: types, bindings: bindings, on: connection)
            }
        }.get()
    }

    /// The parameters as PostgreSQL binds, encoded as PostgresKit encodes them (each type's own
    /// `PostgresEncodable` conformance), and their types, a letter each; nil when one is of another
    /// type (an enum bound by its `Codable` conformance, a nil), which SQLKit then binds as before.
    static func bindings(_ binds: [any Encodable & Sendable]) -> (PostgresBindings, types: String)? {
        var bindings = PostgresBindings(capacity: binds.count)
        var types = [UInt8]()
        types.reserveCapacity(binds.count)
        for bind in binds {
            switch bind {
            case let value as UUID: bindings.append(value); types.append(UInt8(ascii: "u"))
            case let value as String: bindings.append(value); types.append(UInt8(ascii: "s"))
            case let value as Int64: bindings.append(value); types.append(UInt8(ascii: "i"))
            case let value as Int: bindings.append(value); types.append(UInt8(ascii: "i"))
            case let value as Bool: bindings.append(value); types.append(UInt8(ascii: "b"))
            case let value as Date: bindings.append(value); types.append(UInt8(ascii: "d"))
            default: return nil
            }
        }
        return (bindings, String(decoding: types, as: UTF8.self))
    }
}

extension SQLQueryFetcher {
    /// ``all()``, prepared once per connection on PostgreSQL (``NamedStatements``) when its
    /// parameters are plain values (``PostgresRows/bindings(_:)``): for the statements run on most
    /// requests, whose planning cost more than running them.
    func allPrepared() async throws -> [any SQLRow] {
        if let rows = try await PostgresRows.fetch(query, on: database) { return rows.map { $0.sql() } }
        return try await all()
    }

    /// The first row of ``allPrepared()``. Unlike ``first()`` it adds no `LIMIT`: for statements
    /// that give one row (raw SQL, a look-up by key, `UPDATE … RETURNING`).
    func firstPrepared() async throws -> (any SQLRow)? {
        try await allPrepared().first
    }

    /// ``run()``, prepared as ``allPrepared()`` is.
    func runPrepared() async throws {
        _ = try await allPrepared()
    }
}
