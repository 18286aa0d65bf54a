import Fluent
import Vapor

/// `rapport check`: verifies every invariant the design promises (``IntegrityCheck``) and prints
/// each violation with the rows involved; exits non-zero when there is any.
struct CheckCommand: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { "Checks every invariant of the stored data and lists each violation with its rows." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.migrateInTurn()
        let violations = try await IntegrityCheck(database: app.db).run()
        guard !violations.isEmpty else {
            context.console.print("ok: all \(IntegrityCheck.invariants.count) invariants hold")
            return
        }
        for violation in violations {
            context.console.error("VIOLATED: \(violation.invariant)")
            for row in violation.rows { context.console.error("  - \(row)") }
        }
        throw CheckCommandError(count: violations.count)
    }
}

struct CheckCommandError: Error, CustomStringConvertible {
    let count: Int
    var description: String { "\(count) invariant\(count == 1 ? " is" : "s are") violated" }
}
