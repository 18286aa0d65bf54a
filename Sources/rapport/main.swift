import Foundation
import Logging
import RapportApp
import Vapor

// `rapport serve | migrate | demo` — see README.md. Configuration comes from the environment (Settings).
var environment = try Environment.detect()
try LoggingSystem.bootstrap(from: &environment)
let app = try await Application.make(environment)
do {
    try await configure(app, settings: .fromEnvironment())
    // `rapport serve` (also the default command) brings the schema up to date before it listens.
    if (CommandLine.arguments.dropFirst().first.map { $0 == "serve" || $0.hasPrefix("-") }) ?? true {
        try await app.autoMigrate()
    }
    try await app.execute()
} catch {
    app.logger.error("\(String(describing: error))")
    try? await app.asyncShutdown()
    exit(1)
}
try await app.asyncShutdown()
