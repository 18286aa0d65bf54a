import FluentSQLiteDriver
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import RapportApp

/// `rapport backup` and `rapport restore` on SQLite files (scripts/backup-test takes both databases
/// through a backup under load).
@Suite struct BackupTests {
    @Test func aBackupRestoresIntoAnEmptyDatabaseWithEveryRowAndAWholeAuditChain() async throws {
        try await withScratchFolder { folder in
            let file = try await withSQLiteApp(at: folder.appendingPathComponent("live.sqlite")) { app in
                let practice = try await PracticeFixture.make(app)
                let client = try await practice.makeClient()
                let booked = try await practice.api.post(
                    "/api/v1/sessions", #"{"clientId": "\#(client)", "start": "\#(practice.instant(daysFromToday: 2))"}"#)
                #expect(booked.status == .created)
                return try await backups(app).take(into: folder.appendingPathComponent("backups"))
            }
            #expect(file.lastPathComponent.hasPrefix("rapport-") && file.pathExtension == "sqlite")
            try await withSQLiteApp(at: folder.appendingPathComponent("restored.sqlite")) { app in
                try await backups(app).restore(from: file)
                try await app.autoMigrate()
                #expect(try await Client.query(on: app.db).count() == 1)
                #expect(try await Session.query(on: app.db).count() == 1)
                #expect(try await IntegrityCheck(database: app.db).run().isEmpty)
                #expect(try await AuditChain.verify(on: app.db).allSatisfy { $0.problems.isEmpty && $0.events > 0 })
                // The owner signs in to the restored practice and finds the session on the calendar.
                let browser = try await Browser.signIn(app, email: "owner@example.com", password: "correct horse battery")
                #expect(try await browser.get("/clients").body.string.contains("Nguyen"))
            }
        }
    }

    @Test func aRestoreIsRefusedWhenTheDatabaseHoldsDataAndLeavesItAsItWas() async throws {
        try await withScratchFolder { folder in
            let live = folder.appendingPathComponent("live.sqlite")
            try await withSQLiteApp(at: live) { app in
                let practice = try await PracticeFixture.make(app)
                _ = try await practice.makeClient()
                let file = try await backups(app).take(into: folder)
                let refusal = await #expect(throws: BackupError.self) { try await backups(app).restore(from: file) }
                #expect(refusal?.description.contains("the database already holds data") == true)
                #expect(try await Client.query(on: app.db).count() == 1)
            }
        }
    }

    @Test func aDamagedForeignOrNewerFileIsRefusedWithASentenceAndNothingWritten() async throws {
        try await withScratchFolder { folder in
            let file = try await withSQLiteApp(at: folder.appendingPathComponent("live.sqlite")) { app in
                _ = try await PracticeFixture.make(app)
                return try await backups(app).take(into: folder)
            }
            let data = try Data(contentsOf: file)
            let cut = folder.appendingPathComponent("cut.sqlite")
            try data.prefix(data.count / 3).write(to: cut)
            let text = folder.appendingPathComponent("clients.csv")
            try Data("first,last\nAvery,Nguyen\n".utf8).write(to: text)
            let dump = folder.appendingPathComponent("other.pgdump")
            try Data("PGDMP\u{1}\u{e}\u{0}".utf8).write(to: dump)
            let foreign = folder.appendingPathComponent("foreign.sqlite")
            let newer = folder.appendingPathComponent("newer.sqlite")
            try FileManager.default.copyItem(at: file, to: newer)
            try await execute(["CREATE TABLE notes (body TEXT)"], in: foreign)
            try await execute(
                ["INSERT INTO _fluent_migrations (id, name, batch) VALUES ('x', 'RapportApp.AddTelepathy', 99)"], in: newer)

            try await withSQLiteApp(at: folder.appendingPathComponent("target.sqlite")) { app in
                let refusals: [(URL, String)] = [
                    (cut, "is damaged and was not restored"),
                    (text, "is not a Rapport backup: it is neither a SQLite database nor a pg_dump archive"),
                    (foreign, "is not a Rapport backup: it is a SQLite database without Rapport's tables"),
                    (newer, "was made by a newer version of Rapport (its schema has RapportApp.AddTelepathy)"),
                    (dump, "is a PostgreSQL backup, but this Rapport uses SQLite"),
                    (folder.appendingPathComponent("missing.sqlite"), "cannot be read"),
                ]
                for (file, sentence) in refusals {
                    do {
                        try await backups(app).restore(from: file)
                        Issue.record("\(file.lastPathComponent) was restored")
                    } catch let error as BackupError {
                        #expect(error.description.contains(sentence), "\(error)")
                    }
                }
                #expect(try await Practice.query(on: app.db).count() == 0)
            }
        }
    }

    @Test func retentionKeepsTheNewestBackups() async throws {
        try await withScratchFolder { folder in
            let start = Date(timeIntervalSince1970: 1_796_000_000)
            for day in 0..<5 {
                let name = Backups.fileName(at: start.addingTimeInterval(Double(day) * 86_400), kind: .sqlite)
                FileManager.default.createFile(atPath: folder.appendingPathComponent(name).path, contents: Data())
            }
            FileManager.default.createFile(atPath: folder.appendingPathComponent("notes.txt").path, contents: Data())
            let removed = try Backups.prune(folder, keep: 2)
            #expect(removed.count == 3)
            let kept = Backups.files(in: folder).map(\.lastPathComponent)
            #expect(kept == [
                Backups.fileName(at: start.addingTimeInterval(4 * 86_400), kind: .sqlite),
                Backups.fileName(at: start.addingTimeInterval(3 * 86_400), kind: .sqlite),
            ])
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("notes.txt").path))
        }
    }

    @Test func theMigrationsOfAPostgresArchiveAreReadFromItsCopyBlock() {
        let dump = """
            SET client_encoding = 'UTF8';
            COPY public._fluent_migrations (id, name, batch, created_at, updated_at) FROM stdin;
            0b1f\tRapportApp.CreatePracticesAndPeople\t1\t2026-01-01 00:00:00\t\\N
            0b20\tRapportApp.CreateServicesAndClients\t1\t2026-01-01 00:00:00\t\\N
            \\.
            """
        #expect(PostgresBackups.migrationNames(inCopyOf: dump) == [
            "RapportApp.CreatePracticesAndPeople", "RapportApp.CreateServicesAndClients",
        ])
    }

    @Test func aMissingPostgresToolIsNamedWithHowToInstallIt() {
        #expect(throws: BackupError.toolMissing("pg_nonesuch")) {
            try ExternalTool.postgres("pg_nonesuch", environment: ["PATH": "/nonexistent"])
        }
        #expect(BackupError.toolMissing("pg_dump").description.contains("apt-get install postgresql-client"))
    }

    @Test func backupsGoBesideTheSQLiteFileUnlessAFolderIsSet() {
        let sqlite = Settings.fromEnvironment(["RAPPORT_SQLITE_PATH": "/srv/rapport/practice.sqlite"])
        #expect(sqlite.backupDirectory == "/srv/rapport/backups")
        #expect(sqlite.backupKeep == 14)
        let set = Settings.fromEnvironment(["RAPPORT_BACKUP_DIR": "/mnt/nas/rapport", "RAPPORT_BACKUP_KEEP": "0"])
        #expect(set.backupDirectory == "/mnt/nas/rapport")
        #expect(set.backupKeep == 0)
    }
}

private func backups(_ app: Application) -> Backups {
    Backups(settings: app.settings.database, db: app.db, logger: app.logger)
}

/// A migrated Rapport on a SQLite file at `path` (backups copy files, which in-memory tests lack).
private func withSQLiteApp<T>(at path: URL, _ body: (Application) async throws -> T) async throws -> T {
    let app = try await Application.make(.testing)
    app.logger.logLevel = .warning
    do {
        try await configure(
            app, settings: Settings(database: .sqlite(path: path.path), runsJobs: false, passwordCost: 4))
        try await app.autoMigrate()
        let result = try await body(app)
        try await app.asyncShutdown()
        return result
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
}

private func execute(_ statements: [String], in file: URL) async throws {
    let connection = try await SQLiteConnection.open(storage: .file(path: file.path))
    for statement in statements { _ = try await connection.query(statement, []) }
    try await connection.close()
}

private func withScratchFolder<T>(_ body: (URL) async throws -> T) async throws -> T {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-backup-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try await body(folder)
}
