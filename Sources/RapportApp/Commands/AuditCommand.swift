import Fluent
import Vapor

/// `rapport audit verify`: recomputes every practice's audit hash chain and reports any event
/// that was changed or removed. Exits non-zero when the chain is broken.
struct AuditCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "verify")
        var action: String
    }

    var help: String { "Checks that no audit event was changed or removed (verify)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "verify" else {
            context.console.error("Unknown action '\(signature.action)'. Try: rapport audit verify")
            throw AuditCommandError.usage
        }
        let app = context.application
        try await app.migrateInTurn()
        let reports = try await AuditChain.verify(on: app.db)
        for report in reports {
            if report.problems.isEmpty {
                context.console.print("practice \(report.practiceID): \(report.events) events, chain intact")
            } else {
                context.console.error("practice \(report.practiceID): \(report.events) events, chain BROKEN")
                for problem in report.problems { context.console.error("  - \(problem)") }
            }
        }
        if reports.contains(where: { !$0.problems.isEmpty }) { throw AuditCommandError.broken }
    }
}

enum AuditCommandError: Error, CustomStringConvertible {
    case usage, broken
    var description: String {
        switch self {
        case .usage: "usage: rapport audit verify"
        case .broken: "the audit chain is broken"
        }
    }
}
