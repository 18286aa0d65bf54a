import Foundation
import SQLKit
import Testing

@testable import RapportApp

/// Nullable columns are read the way non-null ones are (on SQLite through direct conversions, on
/// PostgreSQL through its driver): NULL is nil, a value is the value, and a stored value that does
/// not read as the type is an error — never quietly nil.
struct StoredValueReadingTests {
    @Test func nullableColumnsReadNilTheValueOrRefuseWhatDoesNotRead() async throws {
        try await withRapport { app in
            let sql = try #require(app.db as? any SQLDatabase)
            let id = UUID()
            let row = try #require(
                try await sql.raw(
                    "SELECT NULL AS none, \(bind: id) AS id, \(bind: "text") AS text, \(bind: Int64(42)) AS number, 'not an id' AS bad"
                ).first())
            #expect(try row.decode(column: "none", as: UUID?.self) == nil)
            #expect(try row.decode(column: "none", as: String?.self) == nil)
            #expect(try row.decode(column: "id", as: UUID?.self) == id)
            #expect(try row.decode(column: "text", as: String?.self) == "text")
            #expect(try row.decode(column: "number", as: Int64?.self) == 42)
            #expect(throws: (any Error).self) { try row.decode(column: "bad", as: UUID?.self) }
            #expect(throws: (any Error).self) { try row.decode(column: "text", as: Int64?.self) }
        }
    }

    /// A query that does not select a column a reader asks for fails, naming the column on SQLite
    /// (read from the driver's rows) rather than calling the stored data unreadable.
    @Test func aColumnTheQueryDoesNotSelectIsAnError() async throws {
        try await withRapport { app in
            let sql = try #require(app.db as? any SQLDatabase)
            await #expect(throws: (any Error).self) {
                _ = try await sql.select().column(SQLRaw("1 AS one")).rows(NeedsAbsentColumn.self, on: app.db)
            }
            if sql.dialect.name == "sqlite" {
                await #expect(throws: MissingColumn.self) {
                    _ = try await sql.select().column(SQLRaw("1 AS one")).rows(NeedsAbsentColumn.self, on: app.db)
                }
            }
        }
    }
}

private struct NeedsAbsentColumn: RowReadable {
    init(reading row: some RowReading) throws { _ = try row.read("absent", as: String.self) }
}
