import Fluent
import SQLKit

/// Two constraints that stood in the way of ordinary use:
///
/// - `invoice_lines.session_id` was required, so a session that had once been on an invoice that
///   was later deleted could never be deleted (the kept history pinned it). The line keeps its own
///   copy of date, code, clinician and amount, so the link is now cleared when the session goes
///   (`ON DELETE SET NULL`). Live lines still pin their session: a billed session is refused first.
/// - `users.email` was unique across the installation, so adding staff told one practice that an
///   email had an account in another. Emails are now unique within a practice; signing in checks
///   the password against each active account with that email.
struct LoosenHistoryConstraints: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = try database.sql()
        if sql.dialect.name == "sqlite" {
            try await SQLiteTableRebuild.run("invoice_lines", on: database) {
                try $0.replacingOnce(
                    #""session_id" UUID NOT NULL REFERENCES "sessions" ("id") ON DELETE NO ACTION"#,
                    with: #""session_id" UUID REFERENCES "sessions" ("id") ON DELETE SET NULL"#)
            }
            try await SQLiteTableRebuild.run("users", on: database) {
                try $0.replacingOnce(
                    #"CONSTRAINT "uq:users.email" UNIQUE ("email")"#,
                    with: #"CONSTRAINT "uq:users.practice_email" UNIQUE ("practice_id", "email")"#)
            }
        } else {
            try await sql.raw("ALTER TABLE invoice_lines ALTER COLUMN session_id DROP NOT NULL").run()
            for name in try await foreignKeys(of: "invoice_lines", column: "session_id", on: sql) {
                try await sql.raw("ALTER TABLE invoice_lines DROP CONSTRAINT \(ident: name)").run()
            }
            try await sql.raw(
                """
                ALTER TABLE invoice_lines ADD CONSTRAINT invoice_lines_session_fk
                FOREIGN KEY (session_id) REFERENCES sessions (id) ON DELETE SET NULL
                """
            ).run()
            try await sql.raw(#"ALTER TABLE users DROP CONSTRAINT "uq:users.email""#).run()
            try await sql.raw(
                #"ALTER TABLE users ADD CONSTRAINT "uq:users.practice_email" UNIQUE (practice_id, email)"#
            ).run()
        }
        try await sql.raw("CREATE INDEX users_email ON users (email)").run()
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        try await sql.raw("DROP INDEX users_email").run()
        if sql.dialect.name == "sqlite" {
            try await SQLiteTableRebuild.run("users", on: database) {
                try $0.replacingOnce(
                    #"CONSTRAINT "uq:users.practice_email" UNIQUE ("practice_id", "email")"#,
                    with: #"CONSTRAINT "uq:users.email" UNIQUE ("email")"#)
            }
            try await SQLiteTableRebuild.run("invoice_lines", on: database) {
                try $0.replacingOnce(
                    #""session_id" UUID REFERENCES "sessions" ("id") ON DELETE SET NULL"#,
                    with: #""session_id" UUID NOT NULL REFERENCES "sessions" ("id") ON DELETE NO ACTION"#)
            }
        } else {
            try await sql.raw(#"ALTER TABLE users DROP CONSTRAINT "uq:users.practice_email""#).run()
            try await sql.raw(#"ALTER TABLE users ADD CONSTRAINT "uq:users.email" UNIQUE (email)"#).run()
            try await sql.raw("ALTER TABLE invoice_lines DROP CONSTRAINT invoice_lines_session_fk").run()
            try await sql.raw(
                "ALTER TABLE invoice_lines ADD FOREIGN KEY (session_id) REFERENCES sessions (id)"
            ).run()
            try await sql.raw("ALTER TABLE invoice_lines ALTER COLUMN session_id SET NOT NULL").run()
        }
    }

    private func foreignKeys(of table: String, column: String, on sql: any SQLDatabase) async throws -> [String] {
        try await sql.raw(
            """
            SELECT conname FROM pg_constraint
            WHERE conrelid = \(bind: table)::regclass AND contype = 'f'
              AND pg_get_constraintdef(oid) LIKE \(bind: "FOREIGN KEY (\(column))%")
            """
        ).all().map { try $0.decode(column: "conname", as: String.self) }
    }
}

/// SQLite cannot change a column's constraints in place; this is its documented recipe for doing
/// so: with foreign keys off, on one connection and in one transaction, create the new table,
/// copy the rows, drop the old one, rename the new one, recreate its indexes, and check that every
/// foreign key still holds before committing.
enum SQLiteTableRebuild {
    struct Failed: Error, CustomStringConvertible {
        let description: String
    }

    static func run(
        _ table: String, on database: any Database, changing change: @escaping @Sendable (String) throws -> String
    ) async throws {
        try await database.withConnection { connection in
            let sql = try connection.sql()
            try await sql.raw("PRAGMA foreign_keys = OFF").run()
            do {
                try await sql.raw("BEGIN IMMEDIATE").run()
                let create = try await sql.raw(
                    "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = \(bind: table)"
                ).first()?.decode(column: "sql", as: String.self)
                guard let create else { throw Failed(description: "table \(table) not found") }
                let indexes = try await sql.raw(
                    "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = \(bind: table) AND sql IS NOT NULL"
                ).all().map { try $0.decode(column: "sql", as: String.self) }
                let rebuilt = "\(table)_rebuilt"
                let changed = try change(create).replacingOnce(
                    "CREATE TABLE \"\(table)\"", with: "CREATE TABLE \"\(rebuilt)\"")
                try await sql.raw("\(unsafeRaw: changed)").run()
                try await sql.raw("INSERT INTO \(ident: rebuilt) SELECT * FROM \(ident: table)").run()
                try await sql.raw("DROP TABLE \(ident: table)").run()
                try await sql.raw("ALTER TABLE \(ident: rebuilt) RENAME TO \(ident: table)").run()
                for index in indexes { try await sql.raw("\(unsafeRaw: index)").run() }
                let broken = try await sql.raw("PRAGMA foreign_key_check").all()
                guard broken.isEmpty else {
                    throw Failed(description: "rebuilding \(table) would break \(broken.count) foreign keys")
                }
                try await sql.raw("COMMIT").run()
            } catch {
                try? await sql.raw("ROLLBACK").run()
                try? await sql.raw("PRAGMA foreign_keys = ON").run()
                throw error
            }
            try await sql.raw("PRAGMA foreign_keys = ON").run()
        }
    }
}

extension String {
    /// `self` with `text` replaced once; throws when `text` is not there, so a schema that is not
    /// what a migration expects stops the migration instead of being changed wrongly.
    fileprivate func replacingOnce(_ text: String, with replacement: String) throws -> String {
        guard let range = range(of: text) else {
            throw SQLiteTableRebuild.Failed(description: "expected to find \(text) in \(self)")
        }
        return replacingCharacters(in: range, with: replacement)
    }
}
