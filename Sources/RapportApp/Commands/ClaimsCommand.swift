import Fluent
import Foundation
import RapportCore
import Vapor

/// `rapport claims run` makes automatic claims now (practices in daily or monthly claim mode);
/// `rapport claims export --out DIR` sends every ready claim of every practice — one batch per
/// payer, as Send ready claims does — and writes each 837 file into DIR.
struct ClaimsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "run or export")
        var action: String

        @Option(name: "out", help: "With export: the folder the 837 files are written to")
        var out: String?
    }

    var help: String { "Makes automatic claims now (run), or sends ready claims and writes their 837 files (export)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let console = context.console
        switch signature.action {
        case "run":
            try await app.migrateInTurn()
            let made = try await ClaimRun(database: app.db, logger: app.logger).runAll()
            console.print("Automatic claims made \(made) claim\(made == 1 ? "" : "s").")
        case "export":
            guard let out = signature.out, !out.isEmpty else {
                console.error("export needs --out DIR: the folder the 837 files are written to")
                throw ClaimsCommandError.usage
            }
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: out, isDirectory: &isFolder), isFolder.boolValue else {
                console.error("--out \(out) is not a folder")
                throw ClaimsCommandError.usage
            }
            try await app.migrateInTurn()
            var written = 0
            for practice in try await Practice.query(on: app.db).all() {
                let actor = Actor.rapport("Claims export", practiceID: try practice.requireID())
                let batches = ClaimBatches(database: app.db, actor: actor)
                let sent: [ClaimBatchDetails]
                do {
                    sent = try await batches.create(ClaimBatchInput())
                } catch let error as UseCaseError where error.kind == .conflict {
                    console.print("\(practice.name): \(error.message)")
                    continue
                }
                for batch in sent {
                    let file = try await batches.file(batch.id)
                    let path = URL(fileURLWithPath: out).appendingPathComponent(file.name).path
                    try file.text.write(toFile: path, atomically: true, encoding: .utf8)
                    console.print(
                        "\(practice.name): \(batch.claimCount) claim\(batch.claimCount == 1 ? "" : "s") to \(batch.payerName) → \(path)")
                    written += 1
                }
            }
            console.print("Wrote \(written) 837 file\(written == 1 ? "" : "s").")
        default:
            console.error("Unknown action '\(signature.action)'. Try: rapport claims run, or rapport claims export --out DIR")
            throw ClaimsCommandError.usage
        }
    }
}

enum ClaimsCommandError: Error, CustomStringConvertible {
    case usage
    var description: String { "usage: rapport claims run | rapport claims export --out DIR" }
}
