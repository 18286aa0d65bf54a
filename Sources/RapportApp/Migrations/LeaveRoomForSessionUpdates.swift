import Fluent
import SQLKit

/// On PostgreSQL, `sessions` pages are filled only half-way, so that a change to a session that
/// touches no indexed column — repricing, attendance — writes the new row version beside the old
/// one on the same page ("heap-only") instead of adding an entry to each of the table's seven
/// indexes. Almost every session is changed at least once (its attendance, a fee change before it
/// is billed), so the room is used; repricing 10,000 sessions went from 0.50 to 0.24 s
/// (docs/PERFORMANCE.md). Pages already written keep their fill until rewritten. SQLite has no
/// such setting: it rewrites the row in place.
struct LeaveRoomForSessionUpdates: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = try database.sql()
        guard sql.dialect.name == "postgresql" else { return }
        try await sql.raw("ALTER TABLE sessions SET (fillfactor = 50)").run()
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        guard sql.dialect.name == "postgresql" else { return }
        try await sql.raw("ALTER TABLE sessions RESET (fillfactor)").run()
    }
}
