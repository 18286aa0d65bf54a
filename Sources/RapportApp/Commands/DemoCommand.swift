import Fluent
import RapportCore
import Vapor

/// `rapport demo`: fills an empty database with a believable practice to explore.
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String {
        "Fills an empty database with a demo practice (3 clinicians, ~40 clients, services, series, past sessions)."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        guard try await Practice.query(on: app.db).count() == 0 else {
            context.console.error("The database already holds a practice; `rapport demo` fills an empty one.")
            context.console.print("Point RAPPORT_SQLITE_PATH (or DATABASE_URL) at a new database and run it again.")
            throw DemoError.databaseNotEmpty
        }
        let password = "rapport-demo-\(Int.random(in: 1000...9999))"
        let result = try await DemoPractice(database: app.db, settings: app.settings).create(password: password)
        context.console.print(
            """
            Demo practice "\(DemoPractice.practiceName)" created: \(result.clients) clients, \(result.sessions) sessions, \(result.invoices) invoices.
              Owner sign-in: \(DemoPractice.ownerEmail) / \(password)
              API token:     \(result.token)
              Try: curl -H 'Authorization: Bearer \(result.token)' http://127.0.0.1:8080/api/v1/clients
            """)
    }
}

enum DemoError: Error, CustomStringConvertible {
    case databaseNotEmpty
    var description: String { "the database is not empty" }
}
