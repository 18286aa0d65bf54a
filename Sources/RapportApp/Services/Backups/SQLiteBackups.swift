import FluentSQLiteDriver
import Foundation

/// Backups of the embedded SQLite database. `VACUUM INTO` copies the database as one read
/// transaction, so the copy is consistent while the server goes on writing (WAL mode). A restore
/// attaches the backup to a connection of its own and copies every table and index into the empty
/// database in one transaction: it is wholly there or wholly absent.
struct SQLiteBackups {
    let path: String

    func copy(to destination: URL) async throws {
        try await Self.withConnection(to: path) { connection in
            _ = try await connection.query("VACUUM INTO ?", [.text(destination.path)])
        }
        // The rename that follows publishes the file: make its contents durable first.
        let handle = try FileHandle(forUpdating: destination)
        try handle.synchronize()
        try handle.close()
    }

    func restore(from file: URL, knownMigrations: Set<String>) async throws {
        try await Self.validate(file, knownMigrations: knownMigrations)
        try await Self.withConnection(to: path) { target in try await copyAll(from: file, into: target) }
    }

    /// Refuses a file that is damaged, that has no Rapport schema, or whose schema has migrations
    /// this version does not know (a backup from a newer Rapport).
    static func validate(_ file: URL, knownMigrations: Set<String>) async throws {
        let encoded = file.path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? file.path
        let applied: [String]
        do {
            applied = try await withConnection(to: "file:\(encoded)?mode=ro") { connection in
                let check = try await connection.query("PRAGMA quick_check", [])
                let verdict = check.first?.column("quick_check")?.string ?? "no answer"
                guard verdict == "ok" else { throw BackupError.corrupt(file.path, verdict) }
                let tables = Set(
                    try await connection.query("SELECT name FROM sqlite_master WHERE type = 'table'", [])
                        .compactMap { $0.column("name")?.string })
                guard tables.contains("_fluent_migrations"), tables.contains("practices") else {
                    throw BackupError.notABackup(file.path, "it is a SQLite database without Rapport's tables")
                }
                return try await connection.query("SELECT name FROM _fluent_migrations", [])
                    .compactMap { $0.column("name")?.string }
            }
        } catch let error as BackupError {
            throw error
        } catch {
            throw BackupError.corrupt(file.path, "\(error)")
        }
        let unknown = applied.filter { !knownMigrations.contains($0) }
        guard unknown.isEmpty else { throw BackupError.newerVersion(file.path, unknown) }
    }

    /// Opens a connection of its own to `storage`, runs `body` and closes the connection.
    private static func withConnection<T>(
        to storage: String, _ body: (SQLiteConnection) async throws -> T
    ) async throws -> T {
        let connection = try await SQLiteConnection.open(storage: .file(path: storage))
        do {
            let result = try await body(connection)
            try await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }

    private func copyAll(from file: URL, into target: SQLiteConnection) async throws {
        try await Self.refuseData(in: target)
        // Tables are dropped and created in an order that foreign keys would refuse mid-way.
        _ = try await target.query("PRAGMA foreign_keys = OFF", [])
        _ = try await target.query("ATTACH DATABASE ? AS backup", [.text(file.path)])
        do {
            _ = try await target.query("BEGIN IMMEDIATE", [])
            do {
                try await replaceSchemaAndRows(of: target)
                _ = try await target.query("COMMIT", [])
            } catch {
                _ = try? await target.query("ROLLBACK", [])
                throw error
            }
            _ = try await target.query("DETACH DATABASE backup", [])
        } catch {
            _ = try? await target.query("DETACH DATABASE backup", [])
            throw error
        }
    }

    /// Drops the target's (empty) tables, then creates each of the backup's tables, copies its rows,
    /// and creates its indexes, triggers and views.
    private func replaceSchemaAndRows(of target: SQLiteConnection) async throws {
        for table in try await Self.tables(of: target, schema: "main") {
            _ = try await target.query("DROP TABLE main.\(Self.quoted(table))", [])
        }
        let objects = try await target.query(
            """
            SELECT type, name, sql FROM backup.sqlite_master
            WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'
            ORDER BY type <> 'table', rowid
            """, [])
        for object in objects {
            guard let type = object.column("type")?.string, let name = object.column("name")?.string,
                let sql = object.column("sql")?.string
            else { continue }
            _ = try await target.query(sql, [])
            if type == "table" {
                _ = try await target.query(
                    "INSERT INTO main.\(Self.quoted(name)) SELECT * FROM backup.\(Self.quoted(name))", [])
            }
        }
        let sequences = try await target.query(
            "SELECT 1 FROM backup.sqlite_master WHERE name = 'sqlite_sequence'", [])
        if !sequences.isEmpty {
            _ = try await target.query("DELETE FROM main.sqlite_sequence", [])
            _ = try await target.query("INSERT INTO main.sqlite_sequence SELECT * FROM backup.sqlite_sequence", [])
        }
    }

    /// Refuses a target with a row in any table: a restore never merges into or replaces data.
    private static func refuseData(in connection: SQLiteConnection) async throws {
        for table in try await tables(of: connection, schema: "main") where !Backups.filledByMigrations.contains(table) {
            let rows = try await connection.query("SELECT 1 FROM main.\(quoted(table)) LIMIT 1", [])
            if !rows.isEmpty { throw BackupError.notEmpty("table \(table) has rows") }
        }
    }

    private static func tables(of connection: SQLiteConnection, schema: String) async throws -> [String] {
        try await connection.query(
            "SELECT name FROM \(schema).sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'", []
        ).compactMap { $0.column("name")?.string }
    }

    static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
