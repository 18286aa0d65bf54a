import Fluent
import Vapor

/// `rapport migrate [--revert]`: Fluent's migrate command — the batch it would run or revert
/// listed, then done once confirmed — taken in turn with servers and other commands on one
/// PostgreSQL database (``Vapor/Application/inMigrationTurn(_:)``), so a migration run by hand
/// while a server starts is neither run twice nor half made. The question is asked before the
/// turn is taken (a server starting meanwhile does not wait for an answer), and the batch is
/// looked at again in the turn: when another process has changed it since, nothing is done.
struct MigrateInTurnCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "revert", help: "Reverts the last batch of migrations instead.")
        var revert: Bool
    }

    var help: String { "Brings the schema up to date (or reverts the last batch), asking first." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let migrator = context.application.migrator
        let batch = {
            let preview =
                signature.revert
                ? try await migrator.previewRevertLastBatch().get() : try await migrator.previewPrepareBatch().get()
            return preview.map(\.0.name)
        }
        let none = signature.revert ? "No migrations to revert." : "No new migrations."
        // The migrations' own table, made in turn too: on an empty database a server may be making it.
        try await context.application.inMigrationTurn { try await migrator.setupIfNeeded().get() }
        let shown = try await batch()
        guard !shown.isEmpty else { return context.console.print(none) }
        context.console.print("The following migration(s) will be \(signature.revert ? "reverted" : "prepared"):")
        for name in shown { context.console.print("\(signature.revert ? "-" : "+") \(name)") }
        guard try Self.goesOn(context.console) else {
            return context.console.warning("Migration cancelled")
        }
        try await context.application.inMigrationTurn {
            let now = try await batch()
            guard now == shown else {
                if now.isEmpty { return context.console.print("\(none) Another process ran them meanwhile.") }
                return context.console.warning("The batch changed while you were asked; nothing done. Run it again.")
            }
            if signature.revert {
                try await migrator.revertLastBatch().get()
            } else {
                try await migrator.prepareBatch().get()
            }
            context.console.print("Migration successful")
        }
    }

    /// Whether to run the batch: `--yes` or `--no` when given, else the answer of the person at the
    /// terminal. Asked of anything else (a script, input from a file or from nothing), ConsoleKit
    /// would stop the process at the end of its input; it is an error that says what to pass.
    static func goesOn(_ console: any Console, inputIsTerminal: Bool = isatty(STDIN_FILENO) == 1) throws -> Bool {
        if let answer = console.confirmOverride { return answer }
        guard inputIsTerminal || !(console is Terminal) else { throw UnansweredQuestion() }
        return console.confirm("Would you like to continue?".consoleText(.warning))
    }

    struct UnansweredQuestion: Error, CustomStringConvertible {
        var description: String {
            "rapport migrate asks before it changes the schema, and its input is no terminal to answer from: "
                + "pass --yes to go on (or --no)"
        }
    }
}
