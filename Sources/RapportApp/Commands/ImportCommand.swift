import Foundation
import Vapor

/// `rapport import clients|schedules|balances FILE [--dry-run] [--practice ID]`: the same check and import as
/// Settings → Import, with progress on the terminal for a long file.
struct ImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "what", help: "clients, schedules or balances (opening balances)")
        var what: String

        @Argument(name: "file", help: "The CSV file")
        var file: String

        @Flag(name: "dry-run", help: "Check every row and list the problems; write nothing")
        var dryRun: Bool

        @Option(name: "practice", help: "The practice's id, when the database holds more than one")
        var practice: String?
    }

    var help: String {
        "Imports clients, schedules or opening balances from a CSV file (all of it, or nothing); --dry-run only checks it."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let kind = ImportKind(rawValue: signature.what) else {
            throw ExportCommandError("'\(signature.what)' cannot be imported: rapport import clients|schedules|balances FILE")
        }
        let app = context.application
        let size = (try? FileManager.default.attributesOfItem(atPath: signature.file)[.size] as? Int) ?? nil
        guard let size else { throw ExportCommandError("\(signature.file) cannot be read") }
        guard size <= CSVFile.maxBytes else {
            throw ExportCommandError(
                "\(signature.file) is \(size >> 20) MB; import at most \(CSVFile.maxBytes >> 20) MB at a time (split it by rows, keeping the header in each part)")
        }
        let data = try Data(contentsOf: URL(fileURLWithPath: signature.file))
        try await app.migrateInTurn()
        let practiceID = try await ExportCommand.practice(signature.practice, on: app.db)
        let console = context.console
        let report: ImportReport
        do {
            let actor = Actor.rapport("Import (command line)", practiceID: practiceID)
            let progress: @Sendable (Int, Int) -> Void = { done, total in
                if done % 500 == 0 || done == total { console.error("checked \(done) of \(total) rows", newLine: true) }
            }
            report = try await kind.run(
                data, commit: !signature.dryRun, database: app.db, actor: actor, settings: app.settings,
                progress: progress)
        } catch let error as UseCaseError {
            throw ExportCommandError(error.fields.values.sorted().joined(separator: "; "))
        }
        console.print(
            "\(report.rows) rows: \(report.added) to add, \(report.updated) to update; columns used: "
                + report.columns.sorted { $0.key < $1.key }.map { "\($0.value) → \($0.key)" }.joined(separator: ", "))
        if !report.ignoredColumns.isEmpty { console.print("not used: \(report.ignoredColumns.joined(separator: ", "))") }
        for note in report.notes { console.print("note: \(note)") }
        for problem in report.problems {
            console.error("row \(problem.row)\(problem.column.isEmpty ? "" : ", \(problem.column)"): \(problem.message)")
        }
        if !report.problems.isEmpty {
            throw ExportCommandError("\(report.problems.count) problem\(report.problems.count == 1 ? "" : "s"): nothing was imported")
        }
        console.print(report.imported ? "imported: \(report.added) added, \(report.updated) updated" : "dry run: nothing written")
    }
}
