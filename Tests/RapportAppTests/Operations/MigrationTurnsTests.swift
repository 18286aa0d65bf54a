import FluentPostgresDriver
import Foundation
import SQLKit
import Testing
import Vapor

@testable import RapportApp

/// Servers started together on one PostgreSQL database bring its schema up to date in turn
/// (``Vapor/Application/migrateInTurn()``): each starts, the schema is whole, and every migration
/// ran once. On SQLite (one process to a file) there is nothing to take turns on.
struct MigrationTurnsTests {
    /// `count` applications configured on the database at `url`, as separate processes would be.
    static func processes(_ count: Int, on url: String) async throws -> [Application] {
        var apps: [Application] = []
        for _ in 0..<count {
            let app = try await Application.make(.testing)
            app.logger.logLevel = .critical
            try await configure(app, settings: Settings(database: .postgres(url: url), runsJobs: false))
            apps.append(app)
        }
        return apps
    }

    @Test func serversStartedTogetherOnAnEmptyDatabaseEachStartAndMigrateItOnce() async throws {
        guard let postgresURL = ProcessInfo.processInfo.environment["RAPPORT_TEST_POSTGRES_URL"], !postgresURL.isEmpty
        else { return }
        try await withScratchDatabase(on: postgresURL) { url in
            let servers = try await Self.processes(3, on: url)
            let started = await withTaskGroup(of: String?.self) { group in
                for app in servers {
                    group.addTask {
                        do {
                            try await app.migrateInTurn()
                            return nil
                        } catch {
                            return String(reflecting: error)
                        }
                    }
                }
                return await group.reduce(into: [String]()) { failures, failure in
                    if let failure { failures.append(failure) }
                }
            }
            #expect(started.isEmpty, "every server migrates or finds it done: \(started)")
            let sql = try servers[0].db.sql()
            let ran = try await sql.raw("SELECT name FROM _fluent_migrations").all().map {
                try $0.decode(column: "name", as: String.self)
            }
            #expect(ran.count == Set(ran).count, "a migration recorded twice")
            #expect(ran.count == RapportApp.Migrations.all.count, "every migration ran")
            // The schema is whole: the last migration's column is there, and the practice can be set up.
            let columns = try await sql.raw(
                "SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'practice_versions'"
            ).all().map { try $0.decode(column: "name", as: String.self) }
            #expect(columns.contains("access_version"))
            for app in servers { try await app.asyncShutdown() }
        }
    }

    @Test func theMigrateCommandAsksOnlyWhereSomeoneCanAnswer() throws {
        let terminal = Terminal()
        #expect(throws: MigrateInTurnCommand.UnansweredQuestion.self) {
            try MigrateInTurnCommand.goesOn(terminal, inputIsTerminal: false)
        }
        terminal.confirmOverride = true
        #expect(try MigrateInTurnCommand.goesOn(terminal, inputIsTerminal: false))
        terminal.confirmOverride = false
        #expect(try !MigrateInTurnCommand.goesOn(terminal, inputIsTerminal: false))
        let recording = RecordingConsole()
        recording.confirmOverride = true
        #expect(try MigrateInTurnCommand.goesOn(recording, inputIsTerminal: false))
    }

    @Test func theMigrateCommandWaitsForAServersTurnThenFindsNothingLeftToRun() async throws {
        guard let postgresURL = ProcessInfo.processInfo.environment["RAPPORT_TEST_POSTGRES_URL"], !postgresURL.isEmpty
        else { return }
        try await withScratchDatabase(on: postgresURL) { url in
            let apps = try await Self.processes(2, on: url)
            let (server, commandLine) = (apps[0], apps[1])
            // A server starting on the database holds the turn while it migrates.
            let turn = try await PostgresConnection.connect(
                on: server.eventLoopGroup.any(),
                configuration: try SQLPostgresConfiguration(url: url).coreConfiguration,
                id: 1, logger: server.logger)
            try await turn.query("SELECT pg_advisory_lock(\(Application.migrationLock))", logger: server.logger)
            let console = RecordingConsole()
            console.confirmOverride = true
            let command = Task {
                var context = CommandContext(console: console, input: CommandInput(arguments: ["rapport"]))
                context.application = commandLine
                try await MigrateInTurnCommand().run(using: &context)
            }
            var waits = false
            for _ in 0..<1_000 where !waits {
                let row = try await server.db.sql().raw(
                    "SELECT count(*) AS waiting FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                ).first()
                waits = try row?.decode(column: "waiting", as: Int.self) ?? 0 > 0
                if !waits { try await Task.sleep(for: .milliseconds(10)) }
            }
            try await server.autoMigrate()
            try await turn.close()
            try await command.value

            #expect(waits, "the command waited for the server's turn")
            #expect(console.text.contains("No new migrations."), "\(console.text)")
            let ran = try await server.db.sql().raw("SELECT name FROM _fluent_migrations").all().map {
                try $0.decode(column: "name", as: String.self)
            }
            #expect(ran.count == RapportApp.Migrations.all.count && Set(ran).count == ran.count)
            for app in apps { try await app.asyncShutdown() }
        }
    }
}

/// A console that answers from `confirmOverride` and keeps what a command printed.
final class RecordingConsole: Console, @unchecked Sendable {
    private let lock = NSLock()
    private var printed = ""
    var userInfo: [AnySendableHashable: any Sendable] = [:]
    var size: (width: Int, height: Int) { (80, 24) }

    var text: String { lock.withLock { printed } }

    func input(isSecure: Bool) -> String { "" }
    func output(_ text: ConsoleText, newLine: Bool) {
        lock.withLock { printed += text.description + (newLine ? "\n" : "") }
    }
    func clear(_ type: ConsoleClear) {}
    func report(error: String, newLine: Bool) { output(error.consoleText(), newLine: newLine) }
}
