import FluentPostgresDriver
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import RapportApp

/// Runs `test` against a freshly migrated Rapport: an in-memory SQLite database, or — when
/// `RAPPORT_TEST_POSTGRES_URL` is set (scripts/test sets it) — a new PostgreSQL database of its own,
/// dropped afterwards. Tests run in parallel, so each gets its own database. Afterwards every
/// invariant of the stored data is checked (``IntegrityCheck``, what `rapport check` runs): a test
/// that leaves data the app should never write fails, unless it corrupts the data on purpose
/// (`checkingIntegrity: false`).
func withRapport(
    horizonMonths: Int = 12, readSlots: Int? = nil, readLeaseMilliseconds: Int = 100, checkingIntegrity: Bool = true,
    _ test: (Application) async throws -> Void
) async throws {
    let settings = { (database: Settings.Database) in
        var settings = Settings(database: database, horizonMonths: horizonMonths, runsJobs: false, passwordCost: 4)
        settings.readSlots = readSlots
        settings.readLeaseMilliseconds = readLeaseMilliseconds
        return settings
    }
    guard let postgresURL = ProcessInfo.processInfo.environment["RAPPORT_TEST_POSTGRES_URL"], !postgresURL.isEmpty
    else {
        return try await run(settings(.sqliteInMemory), checkingIntegrity: checkingIntegrity, test)
    }
    await postgresTests.acquire()
    do {
        try await withScratchDatabase(on: postgresURL) { url in
            try await run(settings(.postgres(url: url)), checkingIntegrity: checkingIntegrity, test)
        }
    } catch {
        postgresTests.release()
        throw error
    }
    postgresTests.release()
}

private func run(
    _ settings: Settings, checkingIntegrity: Bool, _ test: (Application) async throws -> Void
) async throws {
    let app = try await Application.make(.testing)
    app.logger.logLevel = .warning
    do {
        try await configure(app, settings: settings)
        try await app.autoMigrate()
        try await test(app)
        if checkingIntegrity {
            for violation in try await IntegrityCheck(database: app.db).run() {
                Issue.record("the test left data that breaks an invariant — \(violation)")
            }
        }
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
    try await app.asyncShutdown()
}

/// Creates a database on the cluster at `serverURL`, hands its URL to `body`, then drops it.
func withScratchDatabase(on serverURL: String, _ body: (String) async throws -> Void) async throws {
    let admin = try await Application.make(.testing)
    admin.logger.logLevel = .warning
    admin.databases.use(try .postgres(url: serverURL), as: .psql)
    let name = "rapport_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
    do {
        try await admin.db.sql().raw("CREATE DATABASE \(unsafeRaw: name)").run()
        guard var components = URLComponents(string: serverURL) else { throw TestSetupError.badURL }
        components.path = "/" + name
        try await body(components.string ?? serverURL)
    } catch {
        try? await admin.db.sql().raw("DROP DATABASE IF EXISTS \(unsafeRaw: name) WITH (FORCE)").run()
        try? await admin.asyncShutdown()
        throw error
    }
    try await admin.db.sql().raw("DROP DATABASE IF EXISTS \(unsafeRaw: name) WITH (FORCE)").run()
    try await admin.asyncShutdown()
}

enum TestSetupError: Error { case badURL }

/// Every test app opens a connection pool, and a cluster's connection slots are finite: at most
/// six tests hold a PostgreSQL database at once. (SQLite tests are not limited.)
private let postgresTests = AsyncSemaphore(permits: 6)
