import FluentKit
import FluentPostgresDriver
import SQLKit
import SQLiteKit
import SQLiteNIO

/// A result row's columns read by name, for the hot reads that decode thousands of values.
///
/// Through SQLKit each value goes through SQLiteKit's generic decoder (a dynamic cast, and for an
/// optional a nested `Decoder` and its generic metadata) behind a boxed row; on SQLite the reads
/// below take the driver's own value and convert it directly (``SQLiteDataConvertible``), about a
/// tenth of a recomputed calendar. PostgreSQL rows are read from the driver's cells likewise
/// (``PostgresRowReader``).
protocol RowReading {
    func read<Value: SQLiteDataConvertible & PostgresDecodable & Decodable>(
        _ column: String, as type: Value.Type
    ) throws -> Value
    func contains(_ column: String) -> Bool
}

/// Any database's row, through SQLKit.
struct SQLRowReader: RowReading {
    let row: any SQLRow

    func read<Value: SQLiteDataConvertible & PostgresDecodable & Decodable>(
        _ column: String, as type: Value.Type
    ) throws -> Value {
        try row.decode(column: column, as: Value.self)
    }

    func contains(_ column: String) -> Bool { row.contains(column: column) }
}

/// An SQLite row, read from the driver's values.
struct SQLiteRowReader: RowReading {
    let row: SQLiteRow

    func read<Value: SQLiteDataConvertible & PostgresDecodable & Decodable>(
        _ column: String, as type: Value.Type
    ) throws -> Value {
        guard let data = row.column(column) else { throw MissingColumn(column: column) }
        guard let value = Value(sqliteData: data) else {
            throw UnreadableStoredValue(column: column, value: data.description)
        }
        return value
    }

    func contains(_ column: String) -> Bool { row.column(column) != nil }
}

extension RowReading {
    /// The column's text as `parse` reads it; text that does not read is an ``UnreadableStoredValue``
    /// naming `table.column`.
    func parse<Value>(_ column: String, of table: String, _ parse: (String) -> Value?) throws -> Value {
        let text = try read(column, as: String.self)
        guard let value = parse(text) else { throw UnreadableStoredValue(column: "\(table).\(column)", value: text) }
        return value
    }

    /// ``parse(_:of:_:)`` for a column that may be null.
    func parseIfPresent<Value>(_ column: String, of table: String, _ parse: (String) -> Value?) throws -> Value? {
        guard let text = try read(column, as: String?.self) else { return nil }
        guard let value = parse(text) else { throw UnreadableStoredValue(column: "\(table).\(column)", value: text) }
        return value
    }
}

/// A column the query did not select: a mistake in the code that reads it, not in the stored data.
struct MissingColumn: Error, CustomStringConvertible {
    let column: String
    var description: String { "the query selects no column named \(column)" }
}

/// A value made from one result row by name (see ``RowReading``).
protocol RowReadable {
    init(reading row: some RowReading) throws
}

extension SQLQueryFetcher {
    /// Runs the query (a select, or raw SQL) and reads each row as a `Row` straight from the
    /// driver's rows (``SQLiteRowReader``, ``PostgresRowReader``); through SQLKit when PostgreSQL's
    /// parameters are not all plain values (``PostgresRows/bindings(_:)``).
    func rows<Row: RowReadable>(_ type: Row.Type, on database: any Database) async throws -> [Row] {
        guard let sqlite = database as? any SQLiteDatabase, let sql = database as? any SQLDatabase else {
            if let rows = try await PostgresRows.fetch(query, on: database) {
                return try rows.map { try Row(reading: PostgresRowReader(row: $0.makeRandomAccess())) }
            }
            return try await all().map { try Row(reading: SQLRowReader(row: $0)) }
        }
        let (text, binds) = sql.serialize(query)
        let encoder = SQLiteDataEncoder()
        let rows = try await sqlite.query(text, try binds.map { try encoder.encode($0) })
        return try rows.map { try Row(reading: SQLiteRowReader(row: $0)) }
    }
}

/// Column names as a select list, quoted once where a hot query is built: SQLKit would quote and
/// escape each name again on every query (about a twentieth of a recomputed calendar page). Both
/// dialects quote names with double quotes; a name holding one is a programming error.
func quotedColumnList(_ names: [String]) -> String {
    precondition(names.allSatisfy { !$0.contains("\"") }, "a column name holds a double quote")
    return names.map { "\"\($0)\"" }.joined(separator: ", ")
}
