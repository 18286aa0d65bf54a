import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Vapor

/// Configures the application: database, migrations, middleware, routes and jobs.
public func configure(_ app: Application, settings: Settings) async throws {
    app.storage[SettingsKey.self] = settings
    let metrics = RapportMetrics()
    app.storage[RapportMetricsKey.self] = metrics
    app.storage[ReadCachesKey.self] = ReadCaches(metrics: metrics)
    app.storage[ReadAuditsKey.self] = ReadAudits()
    app.storage[RequestsUnderWayKey.self] = RequestsUnderWay()
    app.storage[PasswordPolicyKey.self] = PasswordPolicy(
        cost: settings.passwordCost, commonPasswords: try CommonPasswords.shipped.get())
    try await useDatabase(settings.database, on: app)
    app.migrations.add(Migrations.all)

    app.middleware = Middlewares()
    app.middleware.use(RequestTracking(underWay: app.requestsUnderWay))
    app.middleware.use(MetricsMiddleware(metrics: metrics))
    app.middleware.use(SecurityHeaders(tls: settings.secureCookies))
    app.middleware.use(RouteLoggingMiddleware(logLevel: .info))
    app.middleware.use(APIErrorMiddleware())
    app.middleware.use(InputGuard())
    app.middleware.use(
        FileMiddleware(publicDirectory: PublicDirectory.locate(workingDirectory: app.directory.workingDirectory)))
    if let slots = settings.readSlots {
        app.middleware.use(
            ReadAdmission(
                slots: slots, lease: .milliseconds(Int64(settings.readLeaseMilliseconds)),
                waiting: metrics.readsWaiting()))
    }

    let encoder = JSONEncoder.rapport
    let decoder = JSONDecoder.rapport
    ContentConfiguration.global.use(encoder: encoder, for: .json)
    ContentConfiguration.global.use(decoder: decoder, for: .json)

    // In-flight requests (a long export among them) get this long to finish on SIGTERM.
    app.http.server.configuration.shutdownTimeout = .seconds(30)
    try routes(app)
    app.asyncCommands.use(DemoCommand(), as: "demo")
    app.asyncCommands.use(InvoicesCommand(), as: "invoices")
    app.asyncCommands.use(ClaimsCommand(), as: "claims")
    app.asyncCommands.use(RemittancesCommand(), as: "remittances")
    app.asyncCommands.use(AuditCommand(), as: "audit")
    app.asyncCommands.use(CheckCommand(), as: "check")
    app.asyncCommands.use(BenchCommand(), as: "bench")
    app.asyncCommands.use(BackupCommand(), as: "backup")
    app.asyncCommands.use(RestoreCommand(), as: "restore")
    app.asyncCommands.use(ExportCommand(), as: "export")
    app.asyncCommands.use(ImportCommand(), as: "import")
    app.asyncCommands.use(PracticesCommand(), as: "practices")
    // In place of Fluent's own, which migrates without waiting for a server that is migrating.
    app.asyncCommands.use(MigrateInTurnCommand(), as: "migrate")
    if settings.runsJobs {
        app.lifecycle.use(HorizonJob())
        app.lifecycle.use(InvoiceJob())
        app.lifecycle.use(BackupJob())
        app.lifecycle.use(StartupCheckJob())
        app.lifecycle.use(PlannerStatisticsJob())
    }
}

private func useDatabase(_ database: Settings.Database, on app: Application) async throws {
    switch database {
    case .sqlite(let path):
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        app.databases.use(.sqlite(.file(path), sqlLogLevel: .trace), as: .sqlite)
        // Write-ahead logging lets readers carry on while a write commits; the mode is stored in the file.
        try await app.db.sql().raw("PRAGMA journal_mode=WAL").run()
        try await enlargePageCaches(on: app)
    case .sqliteInMemory:
        app.databases.use(.sqlite(.memory, sqlLogLevel: .trace), as: .sqlite)
    case .postgres(let url):
        app.databases.use(
            try .postgres(
                url: url, maxConnectionsPerEventLoop: app.settings.connectionsPerEventLoop(
                    loops: app.eventLoopGroup.makeIterator().reduce(0) { count, _ in count + 1 }),
                sqlLogLevel: .trace),
            as: .psql)
    }
}

/// SQLite's page cache, per connection. The driver keeps one connection per event loop for the
/// life of the process, so setting it once through each loop's database sets it for good (a
/// connection reopened after an error starts with SQLite's 2 MB again: slower, never wrong). The
/// default holds too little of a large practice's indexes for a client screen (about a thousand
/// pages for a client of many years): every view read them again from the file, a system call each.
private func enlargePageCaches(on app: Application) async throws {
    let kibibytes = 16 * 1024
    for loop in app.eventLoopGroup.makeIterator() {
        guard let database = app.databases.database(.sqlite, logger: app.logger, on: loop) else { continue }
        try await database.sql().raw("PRAGMA cache_size = \(unsafeRaw: String(-kibibytes))").run()
    }
}

struct SettingsKey: StorageKey {
    typealias Value = Settings
}

extension Application {
    var settings: Settings { storage[SettingsKey.self] ?? Settings(database: .sqliteInMemory) }
}

extension JSONEncoder {
    /// Rapport's JSON: RFC 3339 instants, sorted keys so responses and snapshots are stable.
    static var rapport: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}

extension JSONDecoder {
    static var rapport: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = RFC3339.parse(text) else {
                throw DecodingError.dataCorrupted(
                    .init(
                        codingPath: decoder.codingPath,
                        debugDescription:
                            "'\(text)' is not an RFC 3339 date-time with offset, e.g. 2026-12-01T09:00:00-05:00"))
            }
            return date
        }
        return decoder
    }
}
