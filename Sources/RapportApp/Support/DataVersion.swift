import Fluent
import SQLKit

/// A number that every committed change to the data moves forward, so a kept answer can tell
/// whether it is still true (``ReadCache``).
///
/// Every writing transaction (``Fluent/Database/writeTransaction(changesData:_:)``) adds one as
/// its last statement, so the new number commits with the change or not at all. A request reads
/// the number with its sign-in (the token or browser-session query), before it reads anything
/// else; whatever it reads afterwards is at least as new as that number, so its answer may be kept
/// under it and given again while the number stands. Several servers share the row, so a change
/// made through one retires every other server's kept answers at their next request.
///
/// Taken last, the row's lock is held only while a transaction commits: a transaction holding it
/// waits for nothing else, so it cannot be part of a deadlock. It makes PostgreSQL's writing
/// commits take turns, which at a practice's rate of writes costs nothing measurable (SQLite's
/// writers take turns anyway).
enum DataVersion {
    static let table = "data_version"

    /// Moves the number on; the last statement of a writing transaction.
    static func advance(on sql: any SQLDatabase) async throws {
        try await sql.update(table).set("version", to: SQLRaw("version + 1")).where("id", .equal, 1).run()
    }

    static func current(on sql: any SQLDatabase) async throws -> Int64? {
        try await sql.select().column("version").from(table).where("id", .equal, 1).first()?.decode(
            column: "version", as: Int64.self)
    }

    /// The number as a column of a larger query, named `data_version`.
    static let column = SQLRaw("(SELECT version FROM \(table) WHERE id = 1) AS data_version")
}
