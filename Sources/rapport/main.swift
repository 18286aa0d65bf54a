import Foundation
import Logging
import NIOCore
import NIOPosix
import RapportApp
import Vapor

// `rapport serve | migrate | demo` — see README.md. Configuration comes from the environment (Settings).

// Swift concurrency runs on NIO's event loops, so a request's handler resumes on the thread that
// serves its connection instead of hopping to the cooperative pool and back at every await (a
// tenth of a request's time went to switching threads). It must come before anything async runs;
// should it be refused, the default executor serves as before.
let onEventLoops = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
var environment = try Environment.detect()
if ProcessInfo.processInfo.environment["LOG_FORMAT"] == "json" {
    // One JSON object per line, at LOG_LEVEL (info by default).
    let level = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
    LoggingSystem.bootstrap { label in JSONLogHandler(label: label, level: level) }
} else {
    try LoggingSystem.bootstrap(from: &environment)
}
let app = try await Application.make(environment)
app.logger.debug("Swift concurrency runs on \(onEventLoops ? "NIO's event loops" : "its default executor")")
// `rapport serve` is also the default command.
let serving = CommandLine.arguments.dropFirst().first.map { $0 == "serve" || $0.hasPrefix("-") } ?? true
do {
    var settings = Settings.fromEnvironment()
    // Scheduled jobs belong to a running server, not to one-off commands such as `demo`.
    settings.runsJobs = serving
    try await configure(app, settings: settings)
    // A server brings the schema up to date before it listens.
    if serving {
        try await app.migrateInTurn()
        // SQLite's planner statistics, gathered where missing or stale (PostgreSQL keeps its own).
        // They only speed queries up: a server that cannot gather them now (another process
        // writing the file) serves without, and its job tries again later.
        do {
            try await app.gatherPlannerStatistics()
        } catch {
            app.logger.warning("planner statistics not gathered at start: \(error)")
        }
        // Vapor's serve command stops gracefully on SIGTERM and SIGINT through dispatch signal
        // sources; on Linux the signals' default action would end the process first.
        signal(SIGTERM, SIG_IGN)
        signal(SIGINT, SIG_IGN)
    }
    try await app.execute()
    // A signal ends `execute`. The requests under way finish before anything else stops: shutting
    // down the application first would close the database under them.
    if serving { await stopServing(app) }
} catch {
    app.logger.error("\(String(describing: error))")
    try? await app.asyncShutdown()
    exit(1)
}
try await app.asyncShutdown()
