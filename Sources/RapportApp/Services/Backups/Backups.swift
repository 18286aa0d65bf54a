import Fluent
import Foundation

/// Consistent copies of the whole database, taken while the server runs, and restoring one into an
/// empty database: SQLite through `VACUUM INTO` and an attached copy (``SQLiteBackups``), PostgreSQL
/// through `pg_dump` and `pg_restore` (``PostgresBackups``). A restore refuses a database that holds
/// data, a file that is not a Rapport backup or is damaged, and a backup made by a newer Rapport;
/// after it, the schema is migrated to this version and every invariant is checked.
struct Backups {
    let settings: Settings.Database
    let db: any Database
    let logger: Logger

    /// Tables the migrations themselves fill: rows there do not make a database non-empty.
    static let filledByMigrations: Set<String> = ["_fluent_migrations"]

    /// What a backup file is, read from its first bytes.
    enum Kind: Equatable {
        case sqlite, postgres

        var fileExtension: String { self == .sqlite ? "sqlite" : "pgdump" }
        var engine: String { self == .sqlite ? "SQLite" : "PostgreSQL" }

        static func of(file: URL) throws -> Kind {
            guard let handle = FileHandle(forReadingAtPath: file.path) else {
                throw BackupError.unreadable(file.path)
            }
            defer { try? handle.close() }
            let head = (try? handle.read(upToCount: 16)) ?? Data()
            if head == Data("SQLite format 3\u{0}".utf8) { return .sqlite }
            if head.starts(with: Data("PGDMP".utf8)) { return .postgres }
            throw BackupError.notABackup(file.path, "it is neither a SQLite database nor a pg_dump archive")
        }
    }

    var kind: Kind {
        get throws {
            switch settings {
            case .sqlite: .sqlite
            case .postgres: .postgres
            case .sqliteInMemory: throw BackupError.inMemory
            }
        }
    }

    /// Writes a new backup into `directory` (created as needed) and returns its file. The copy is
    /// written under a temporary name and renamed when complete, so a half-written file never looks
    /// like a backup.
    func take(into directory: URL, now: Date = Date()) async throws -> URL {
        let kind = try kind
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent(Self.fileName(at: now, kind: kind))
        let partial = directory.appendingPathComponent("." + file.lastPathComponent + ".partial")
        try? FileManager.default.removeItem(at: partial)
        do {
            switch settings {
            case .sqlite(let path): try await SQLiteBackups(path: path).copy(to: partial)
            case .postgres(let url): try await PostgresBackups(url: url, db: db).dump(to: partial)
            case .sqliteInMemory: throw BackupError.inMemory
            }
            try FileManager.default.moveItem(at: partial, to: file)
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw error
        }
        logger.info("backup written to \(file.path)")
        return file
    }

    /// Restores `file` into this (empty) database, then migrates it to this version.
    func restore(from file: URL) async throws {
        let kind = try kind
        let fileKind = try Kind.of(file: file)
        guard fileKind == kind else { throw BackupError.wrongEngine(file: file.path, backup: fileKind, database: kind) }
        let known = Set(Migrations.all.map(\.name))
        switch settings {
        case .sqlite(let path): try await SQLiteBackups(path: path).restore(from: file, knownMigrations: known)
        case .postgres(let url): try await PostgresBackups(url: url, db: db).restore(from: file, knownMigrations: known)
        case .sqliteInMemory: throw BackupError.inMemory
        }
    }

    // MARK: - Backup files and retention

    static func fileName(at date: Date, kind: Kind) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return "rapport-\(formatter.string(from: date)).\(kind.fileExtension)"
    }

    /// The backups in `directory`, newest first (their names sort by the time they were taken).
    static func files(in directory: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return
            names
            .filter { $0.hasPrefix("rapport-") && ($0.hasSuffix(".sqlite") || $0.hasSuffix(".pgdump")) }
            .sorted(by: >)
            .map { directory.appendingPathComponent($0) }
    }

    /// Deletes all but the newest `keep` backups in `directory`; returns the files deleted.
    @discardableResult
    static func prune(_ directory: URL, keep: Int) throws -> [URL] {
        let stale = Array(files(in: directory).dropFirst(max(keep, 1)))
        for file in stale { try FileManager.default.removeItem(at: file) }
        return stale
    }

    /// When the newest backup in `directory` was written, if there is one.
    static func newestDate(in directory: URL) -> Date? {
        files(in: directory).first.flatMap {
            try? FileManager.default.attributesOfItem(atPath: $0.path)[.modificationDate] as? Date
        }
    }
}

/// Why a backup or a restore was refused or failed, in words for the person running it.
enum BackupError: Error, CustomStringConvertible, Equatable {
    case inMemory
    case unreadable(String)
    case notABackup(String, String)
    case corrupt(String, String)
    case newerVersion(String, [String])
    case wrongEngine(file: String, backup: Backups.Kind, database: Backups.Kind)
    case notEmpty(String)
    case toolMissing(String)
    case toolFailed(String, String)

    var description: String {
        switch self {
        case .inMemory:
            "an in-memory database cannot be backed up or restored"
        case .unreadable(let path):
            "\(path) cannot be read: check that it exists and that this user may read it"
        case .notABackup(let path, let why):
            "\(path) is not a Rapport backup: \(why)"
        case .corrupt(let path, let why):
            "\(path) is damaged and was not restored: \(why)"
        case .newerVersion(let path, let migrations):
            "\(path) was made by a newer version of Rapport (its schema has \(migrations.joined(separator: ", "))); "
                + "upgrade Rapport, then restore it"
        case .wrongEngine(let file, let backup, let database):
            "\(file) is a \(backup.engine) backup, but this Rapport uses \(database.engine); "
                + (backup == .postgres
                    ? "set DATABASE_URL to an empty PostgreSQL database to restore it"
                    : "unset DATABASE_URL and set RAPPORT_SQLITE_PATH to a new file to restore it")
        case .notEmpty(let why):
            "the database already holds data (\(why)); restore only into an empty database"
        case .toolMissing(let tool):
            "\(tool) was not found on PATH or in /usr/lib/postgresql/*/bin: install PostgreSQL's client tools "
                + "(on Debian: apt-get install postgresql-client) to back up or restore a PostgreSQL database"
        case .toolFailed(let tool, let message):
            "\(tool) failed: \(message)"
        }
    }
}
