import Fluent
import SQLKit

/// `practice_versions.access_version`: the ``DataVersion`` at which what an API sign-in reads last
/// changed — the practice's settings, its people (role, calendar, whether active) and their
/// tokens (made, revoked, removed; not their last use).
///
/// A kept sign-in (``BearerAuthenticator``) was given again only while the practice's data version
/// stood, and every booking or attendance mark moves that on: the next call of every token of the
/// practice read its token, owner and settings again, a second statement after the version. Kept
/// while this number stands, a sign-in costs one statement, which reads both numbers.
///
/// Per-row triggers set the number, whoever writes the rows (``PracticeNumberMarks``); a token's
/// last use, written outside the data version (a bookkeeping transaction), is not among the
/// columns that count. The definitions are this migration's own: a later change to them is a new
/// migration.
struct AddAccessVersion: AsyncMigration {
    static let marks = PracticeNumberMarks(
        column: "access_version", suffix: "access",
        sources: [
            .init(table: "practices", practice: "id", rowsComeAndGo: false),
            .init(table: "users"),
            .init(table: "api_tokens", columns: ["practice_id", "user_id", "token_hash", "revoked_at"]),
        ])

    func prepare(on database: any Database) async throws {
        try await database.schema(DataVersion.table).field("access_version", .int64, .required, .sql(.default(0)))
            .update()
        let sql = try database.sql()
        try await sql.raw("UPDATE practice_versions SET access_version = version").run()
        try await Self.marks.create(on: sql)
    }

    func revert(on database: any Database) async throws {
        try await Self.marks.drop(on: try database.sql())
        try await database.schema(DataVersion.table).deleteField("access_version").update()
    }
}
