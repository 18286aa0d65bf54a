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
    @Test func serversStartedTogetherOnAnEmptyDatabaseEachStartAndMigrateItOnce() async throws {
        guard let postgresURL = ProcessInfo.processInfo.environment["RAPPORT_TEST_POSTGRES_URL"], !postgresURL.isEmpty
        else { return }
        try await withScratchDatabase(on: postgresURL) { url in
            var servers: [Application] = []
            for _ in 0..<3 {
                let app = try await Application.make(.testing)
                app.logger.logLevel = .critical
                try await configure(app, settings: Settings(database: .postgres(url: url), runsJobs: false))
                servers.append(app)
            }
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
}
