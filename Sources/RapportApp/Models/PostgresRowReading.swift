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
    /// (``bindings(_:)``); nil to leave the query to SQLKit.
    static func fetch(_ query: any SQLExpression, on database: any Database) async throws -> [PostgresRow]? {
        guard let postgres = database as? any PostgresDatabase, let sql = database as? any SQLDatabase else {
            return nil
        }
        let (text, binds) = sql.serialize(query)
        guard let bindings = bindings(binds) else { return nil }
        return try await postgres.withConnection { connection in
            connection.query(PostgresQuery(unsafeSQL: text, binds: bindings), logger: connection.logger).map(\.rows)
        }.get()
    }

    /// The parameters as PostgreSQL binds, encoded as PostgresKit encodes them (each type's own
    /// `PostgresEncodable` conformance); nil when one is of another type (an enum bound by its
    /// `Codable` conformance, a nil), which SQLKit then binds as before.
    static func bindings(_ binds: [any Encodable & Sendable]) -> PostgresBindings? {
        var bindings = PostgresBindings(capacity: binds.count)
        for bind in binds {
            switch bind {
            case let value as UUID: bindings.append(value)
            case let value as String: bindings.append(value)
            case let value as Int64: bindings.append(value)
            case let value as Int: bindings.append(value)
            case let value as Bool: bindings.append(value)
            case let value as Date: bindings.append(value)
            default: return nil
            }
        }
        return bindings
    }
}
