import Fluent
import Foundation
import SQLKit

/// A number per practice that every committed change to the practice's data moves forward, so a
/// kept answer can tell whether it is still true (``ReadCache``).
///
/// Every writing transaction (``Fluent/Database/writeTransaction(practice:_:)``) adds one to its
/// practice's number as its last statement, so the new number commits with the change or not at
/// all. A request reads its practice's number with its sign-in (the token or browser-session
/// query), before it reads anything else; whatever it reads afterwards is at least as new as that
/// number, so its answer may be kept under it and given again while the number stands. Several
/// servers share the rows, so a change made through one retires every other server's kept answers
/// for that practice at their next request.
///
/// One row per practice: one practice's writes neither take turns with another's on PostgreSQL
/// (the row's lock is held only while a transaction commits, and it waits for nothing else, so it
/// cannot be part of a deadlock) nor retire another's kept answers.
enum DataVersion {
    static let table = "practice_versions"

    /// Moves the practice's number on; the last statement of a writing transaction. The row is
    /// made by the practice's first change.
    static func advance(practiceID: UUID, on sql: any SQLDatabase) async throws {
        try await sql.raw(
            """
            INSERT INTO practice_versions (practice_id, version) VALUES (\(bind: practiceID), 1)
            ON CONFLICT (practice_id) DO UPDATE SET version = practice_versions.version + 1
            """
        ).run()
    }

    static func current(practiceID: UUID, on sql: any SQLDatabase) async throws -> Int64 {
        try await sql.raw("SELECT version FROM practice_versions WHERE practice_id = \(bind: practiceID)").first()?
            .decode(column: "version", as: Int64.self) ?? 0
    }

    /// The number as a column of a sign-in query that has its practice as `p`, named `data_version`.
    static let column = SQLRaw(
        "COALESCE((SELECT version FROM practice_versions WHERE practice_id = p.id), 0) AS data_version")
}
