import Fluent
import Foundation
import SQLKit

/// Backups of a PostgreSQL database with PostgreSQL's own client tools: `pg_dump` in its custom
/// format (one consistent snapshot, however long the dump takes) and `pg_restore` in a single
/// transaction. The connection comes from `DATABASE_URL`, handed to the tools as `PG…` environment
/// variables so the password never shows in a process list.
struct PostgresBackups {
    let url: String
    let db: any Database

    func dump(to destination: URL) async throws {
        let tool = try ExternalTool.postgres("pg_dump")
        _ = try await tool.run(
            ["--format=custom", "--no-owner", "--no-privileges", "--file=\(destination.path)"],
            environment: try connectionEnvironment())
    }

    func restore(from file: URL, knownMigrations: Set<String>) async throws {
        let restore = try ExternalTool.postgres("pg_restore")
        try await validate(file, with: restore, knownMigrations: knownMigrations)
        try await clearEmptySchema()
        var environment = try connectionEnvironment()
        let database = environment.removeValue(forKey: "PGDATABASE") ?? "postgres"
        _ = try await restore.run(
            [
                "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error",
                "--dbname=\(database)", file.path,
            ], environment: environment)
    }

    /// Refuses an archive pg_restore cannot read, one without Rapport's tables, and one from a newer
    /// Rapport (migrations this version does not know).
    private func validate(_ file: URL, with restore: ExternalTool, knownMigrations: Set<String>) async throws {
        let listing: String
        do {
            listing = try await restore.run(["--list", file.path]).output
        } catch BackupError.toolFailed(_, let message) {
            throw BackupError.corrupt(file.path, message)
        }
        let tables = Set(
            listing.split(separator: "\n").compactMap { line -> String? in
                let words = line.split(separator: " ")
                guard let table = words.firstIndex(of: "TABLE"), words.count > table + 2 else { return nil }
                return String(words[table + 2])
            })
        guard tables.contains("_fluent_migrations"), tables.contains("practices") else {
            throw BackupError.notABackup(file.path, "it is a pg_dump archive without Rapport's tables")
        }
        let data = try await restore.run(["--data-only", "--table=_fluent_migrations", "--file=-", file.path]).output
        let unknown = Self.migrationNames(inCopyOf: data).filter { !knownMigrations.contains($0) }
        guard unknown.isEmpty else { throw BackupError.newerVersion(file.path, unknown) }
    }

    /// The `name` column of the `COPY … _fluent_migrations (…) FROM stdin;` block of a plain dump.
    static func migrationNames(inCopyOf dump: String) -> [String] {
        var names: [String] = []
        var nameColumn: Int?
        for line in dump.split(separator: "\n", omittingEmptySubsequences: false) {
            if let column = nameColumn {
                if line == "\\." { break }
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
                if fields.count > column { names.append(String(fields[column])) }
            } else if line.hasPrefix("COPY "), line.contains("_fluent_migrations"),
                let open = line.firstIndex(of: "("), let close = line.firstIndex(of: ")")
            {
                let columns = line[line.index(after: open)..<close].split(separator: ",").map {
                    $0.trimmingCharacters(in: .whitespaces)
                }
                nameColumn = columns.firstIndex(of: "name")
            }
        }
        return names
    }

    /// Refuses a database with a row in any table; otherwise drops its (empty) tables, so a backup
    /// from an earlier version does not meet tables its own migrations are yet to create.
    private func clearEmptySchema() async throws {
        let sql = try db.sql()
        struct Table: Decodable { let tablename: String }
        let tables = try await sql.raw("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
            .all(decoding: Table.self).map(\.tablename)
        for table in tables where !Backups.filledByMigrations.contains(table) {
            let rows = try await sql.raw("SELECT 1 AS one FROM \(ident: table) LIMIT 1").all()
            if !rows.isEmpty { throw BackupError.notEmpty("table \(table) has rows") }
        }
        guard !tables.isEmpty else { return }
        try await db.transaction { transaction in
            let sql = try transaction.sql()
            for table in tables { try await sql.raw("DROP TABLE IF EXISTS \(ident: table) CASCADE").run() }
        }
    }

    /// `DATABASE_URL` as libpq's environment variables.
    private func connectionEnvironment() throws -> [String: String] {
        guard let components = URLComponents(string: url), let host = components.host else {
            throw BackupError.toolFailed("DATABASE_URL", "'\(url)' is not a postgres://user:password@host:port/database URL")
        }
        var environment = ["PGHOST": host]
        if let port = components.port { environment["PGPORT"] = String(port) }
        if let user = components.user?.removingPercentEncoding { environment["PGUSER"] = user }
        if let password = components.password?.removingPercentEncoding { environment["PGPASSWORD"] = password }
        let database = String(components.path.drop(while: { $0 == "/" }))
        if !database.isEmpty { environment["PGDATABASE"] = database.removingPercentEncoding ?? database }
        for item in components.queryItems ?? [] where item.name == "sslmode" {
            environment["PGSSLMODE"] = item.value
        }
        return environment
    }
}
