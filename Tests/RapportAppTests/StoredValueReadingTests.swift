import Foundation
import RapportCore
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

    /// A query that does not select a column a reader asks for fails, naming the column (both
    /// databases' rows are read from the driver) rather than calling the stored data unreadable.
    @Test func aColumnTheQueryDoesNotSelectIsAnError() async throws {
        try await withRapport { app in
            let sql = try #require(app.db as? any SQLDatabase)
            await #expect(throws: MissingColumn.self) {
                _ = try await sql.select().column(SQLRaw("1 AS one")).rows(NeedsAbsentColumn.self, on: app.db)
            }
        }
    }

    /// Every type the hot reads take, bound and read back through `rows(_:on:)` — on PostgreSQL
    /// from PostgresNIO's cells, on SQLite from SQLiteNIO's values — with NULL as nil.
    @Test func everyReadTypeRoundTripsThroughTheDriversRows() async throws {
        try await withRapport { app in
            let sql = try #require(app.db as? any SQLDatabase)
            let id = UUID()
            let instant = Date(timeIntervalSince1970: 1_764_950_400)
            let rows = try await sql.raw(
                """
                SELECT \(bind: id) AS id, \(bind: "Zoë's") AS text, \(bind: Int64(-9_007_199_254_740_993)) AS big,
                \(bind: 42) AS small, \(bind: true) AS flag, \(bind: instant) AS instant, NULL AS none
                """
            ).rows(EveryType.self, on: app.db)
            let row = try #require(rows.first)
            #expect(row.id == id && row.maybeID == id && row.noID == nil)
            #expect(row.text == "Zoë's" && row.noText == nil)
            #expect(row.big == -9_007_199_254_740_993 && row.noBig == nil)
            #expect(row.small == 42 && row.flag && row.noFlag == nil)
            #expect(row.instant == instant && row.noInstant == nil)
        }
    }

    /// PostgreSQL's parameters are bound directly only when each is a plain value; anything else
    /// (a nil, an enum bound by its `Codable` conformance) leaves the query to SQLKit.
    @Test func onlyPlainValuesAreBoundDirectlyOnPostgreSQL() {
        let plain: [any Encodable & Sendable] = [UUID(), "text", Int64(1), 2, false, Date(), Optional(UUID())]
        #expect(PostgresRows.bindings(plain)?.0.count == plain.count)
        #expect(PostgresRows.bindings(plain)?.types == "usiibdu")
        #expect(PostgresRows.bindings([UUID(), UUID?.none]) == nil)
        #expect(PostgresRows.bindings([Attendance.show]) == nil)
    }
}

private struct EveryType: RowReadable {
    let id: UUID, maybeID: UUID?, noID: UUID?
    let text: String, noText: String?
    let big: Int64, noBig: Int64?
    let small: Int, flag: Bool, noFlag: Bool?
    let instant: Date, noInstant: Date?

    init(reading row: some RowReading) throws {
        id = try row.read("id", as: UUID.self)
        maybeID = try row.read("id", as: UUID?.self)
        noID = try row.read("none", as: UUID?.self)
        text = try row.read("text", as: String.self)
        noText = try row.read("none", as: String?.self)
        big = try row.read("big", as: Int64.self)
        noBig = try row.read("none", as: Int64?.self)
        small = try row.read("small", as: Int.self)
        flag = try row.read("flag", as: Bool.self)
        noFlag = try row.read("none", as: Bool?.self)
        instant = try row.read("instant", as: Date.self)
        noInstant = try row.read("none", as: Date?.self)
    }
}

private struct NeedsAbsentColumn: RowReadable {
    init(reading row: some RowReading) throws { _ = try row.read("absent", as: String.self) }
}
