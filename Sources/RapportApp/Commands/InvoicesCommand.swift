import Fluent
import RapportCore
import Vapor

/// `rapport invoices run [--through yyyy-MM-dd]`: automatic invoicing now, for every practice in
/// daily or monthly mode, with a progress line.
struct InvoicesCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "run")
        var action: String

        @Option(
            name: "through",
            help: "Bill periods ending on or before this date (default: yesterday in each practice's zone)")
        var through: String?
    }

    var help: String { "Runs automatic invoicing (daily or monthly practices)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "run" else {
            context.console.error(
                "Unknown action '\(signature.action)'. Try: rapport invoices run [--through yyyy-MM-dd]")
            throw InvoicesCommandError.usage
        }
        let app = context.application
        try await app.migrateInTurn()
        var through: LocalDate?
        if let text = signature.through {
            guard let date = LocalDate(text) else {
                context.console.error("--through must be a date such as 2026-11-30")
                throw InvoicesCommandError.usage
            }
            through = date
        }
        let run = InvoiceRun(database: app.db, logger: app.logger)
        let console = context.console
        let progress: @Sendable (String) -> Void = { line in console.output(line.consoleText(), newLine: true) }
        var created = 0
        if let through {
            for practice in try await Practice.query(on: app.db).all() {
                created += try await run.run(practice, through: through, progress: progress)
            }
        } else {
            created = try await run.runAll(progress: progress)
        }
        console.print("Automatic invoicing made \(created) invoice\(created == 1 ? "" : "s").")
    }
}

enum InvoicesCommandError: Error, CustomStringConvertible {
    case usage
    var description: String { "usage: rapport invoices run [--through yyyy-MM-dd]" }
}
