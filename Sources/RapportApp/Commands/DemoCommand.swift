import Fluent
import RapportCore
import Vapor

/// `rapport demo`: fills an empty database with a believable practice to explore.
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(
            name: "size",
            help: "small (the default: 3 clinicians, 40 clients) or large (50 clinicians, 2,000 clients, 5 years)")
        var size: String?

        @Option(name: "clinicians", help: "with --size large: how many clinicians")
        var clinicians: Int?

        @Option(name: "clients", help: "with --size large: how many clients")
        var clients: Int?

        @Option(name: "years", help: "with --size large: how many years of sessions")
        var years: Int?

        @Option(name: "practices", help: "with --size large: how many such practices, in one database")
        var practices: Int?
    }

    var help: String {
        "Fills an empty database with a demo practice (3 clinicians, ~40 clients, services, series, past sessions)."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.migrateInTurn()
        guard try await Practice.query(on: app.db).count() == 0 else {
            context.console.error("The database already holds a practice; `rapport demo` fills an empty one.")
            context.console.print("Point RAPPORT_SQLITE_PATH (or DATABASE_URL) at a new database and run it again.")
            throw DemoError.databaseNotEmpty
        }
        let password = "rapport-demo-\(Int.random(in: 1000...9999))"
        if signature.size == "large" {
            var size = LargePractice.Size.large
            size.clinicians = max(1, min(500, signature.clinicians ?? size.clinicians))
            size.clients = max(1, min(100_000, signature.clients ?? size.clients))
            size.years = max(1, min(20, signature.years ?? size.years))
            let console = context.console
            let practices = max(1, min(200, signature.practices ?? 1))
            let generator = LargePractice(
                database: app.db, settings: app.settings, passwords: app.passwords,
                progress: { line in
                    console.output(line.consoleText(), newLine: true)
                })
            var sessions = 0
            for number in 1...practices {
                let started = Date()
                let result = try await generator.create(size, password: password, number: number)
                sessions += result.sessions
                context.console.print(
                    """
                    Large practice \(practices == 1 ? "" : "\(number) of \(practices) ")created in \(Int(Date().timeIntervalSince(started))) s: \(size.clinicians) clinicians, \(size.clients) clients, \
                    \(result.sessions) sessions, \(result.invoices) invoices, \(result.payments) payments.
                      Owner sign-in: \(LargePractice.ownerEmail(number)) / \(password)
                      API token:     \(result.token)
                      Heavy client:  \(result.heavyClientID?.uuidString ?? "none") (\(result.heavyClientSessions) sessions, \(result.heavyClientInvoices) invoices)
                    """)
            }
            if practices > 1 { context.console.print("\(practices) practices, \(sessions) sessions in all.") }
            return
        }
        guard signature.size == nil || signature.size == "small" else {
            context.console.error("--size must be small or large")
            throw DemoError.usage
        }
        let result = try await DemoPractice(database: app.db, settings: app.settings, passwords: app.passwords).create(
            password: password)
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
    case databaseNotEmpty, usage
    var description: String {
        switch self {
        case .databaseNotEmpty: "the database is not empty"
        case .usage:
            "usage: rapport demo [--size small|large] [--clinicians N] [--clients N] [--years N] [--practices N]"
        }
    }
}
