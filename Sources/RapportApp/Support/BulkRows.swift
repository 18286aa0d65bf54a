import Fluent
import SQLKit

/// Inserts many rows with few statements: rows are buffered and written in multi-row INSERTs.
/// Invoice runs write their invoices, lines and audit events this way, and the large demo
/// practice its half-million sessions, where one statement per row would take minutes.
struct BulkRows {
    let table: String
    let columns: [String]
    private(set) var pending: [[any Encodable & Sendable]] = []
    private(set) var written = 0

    init(_ table: String, columns: [String]) {
        self.table = table
        self.columns = columns
    }

    /// Rows per statement, kept under SQLite's limit of 32,766 bound values.
    var batchSize: Int { max(1, 30_000 / columns.count) }

    var isFull: Bool { pending.count >= batchSize }

    /// Buffers a row; the caller flushes, parents before children, so foreign keys hold.
    mutating func add(_ values: [any Encodable & Sendable]) {
        precondition(values.count == columns.count, "a \(table) row needs \(columns.count) values")
        pending.append(values)
    }

    /// The pending rows as one INSERT, when they fit in one; for a caller that embeds it in a
    /// larger statement and then calls ``markWritten()``.
    func singleInsert(on sql: any SQLDatabase) -> (any SQLExpression)? {
        guard !pending.isEmpty, pending.count <= batchSize else { return nil }
        return insert(pending[...], on: sql).insert
    }

    mutating func markWritten() {
        written += pending.count
        pending.removeAll(keepingCapacity: true)
    }

    mutating func flush(on database: any Database) async throws {
        for chunk in pending.chunks(of: batchSize) {
            try await insert(chunk, on: try database.sql()).run()
        }
        markWritten()
    }

    private func insert(_ rows: ArraySlice<[any Encodable & Sendable]>, on sql: any SQLDatabase) -> SQLInsertBuilder {
        var insert = sql.insert(into: table).columns(columns)
        for row in rows { insert = insert.values(row.map { SQLBind($0) }) }
        return insert
    }
}
