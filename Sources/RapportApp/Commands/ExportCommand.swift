import Fluent
import Foundation
import Vapor

/// `rapport export clients|sessions|invoices|payments [--from DATE] [--to DATE] [--out FILE]
/// [--practice ID]`: the same CSV as Settings → Export, streamed to a file or standard output.
struct ExportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "dataset", help: "clients, sessions, invoices or payments")
        var dataset: String

        @Option(name: "from", help: "The first day (yyyy-MM-dd); sessions, invoices and payments only")
        var from: String?

        @Option(name: "to", help: "The last day (yyyy-MM-dd)")
        var to: String?

        @Option(name: "out", help: "The file to write (default: standard output)")
        var out: String?

        @Option(name: "practice", help: "The practice's id, when the database holds more than one")
        var practice: String?
    }

    var help: String { "Writes a practice's clients, sessions, invoices or payments as CSV." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let dataset = ExportDataset(rawValue: signature.dataset) else {
            throw ExportCommandError(
                "'\(signature.dataset)' is not an export: one of \(ExportDataset.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        try await app.migrateInTurn()
        let practiceID = try await Self.practice(signature.practice, on: app.db)
        let export: DataExport.Prepared
        do {
            export = try await DataExport(database: app.db, actor: .rapport("Export (command line)", practiceID: practiceID))
                .prepare(dataset, from: signature.from, to: signature.to)
        } catch let error as UseCaseError {
            throw ExportCommandError(
                error.fields.sorted { $0.key.description < $1.key.description }.map { "--\($0.key) \($0.value)" }
                    .joined(separator: "; "))
        }
        let output: FileHandle
        if let out = signature.out {
            guard FileManager.default.createFile(atPath: out, contents: nil) else {
                throw ExportCommandError("cannot write \(out)")
            }
            output = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        } else {
            output = FileHandle.standardOutput
        }
        var bytes = 0
        try await export.write { text in
            let data = Data(text.utf8)
            try output.write(contentsOf: data)
            bytes += data.count
        }
        if let out = signature.out {
            try output.close()
            context.console.error("wrote \(out) (\(ByteCountFormatter.string(fromByteCount: Int64(bytes), countStyle: .file)))", newLine: true)
        }
    }

    /// The practice named, or the only one.
    static func practice(_ given: String?, on db: any Database) async throws -> UUID {
        let practices = try await Practice.query(on: db).all()
        if let given {
            guard let id = UUID(uuidString: given), practices.contains(where: { $0.id == id }) else {
                throw ExportCommandError("--practice \(given) is not a practice in this database")
            }
            return id
        }
        guard practices.count == 1, let id = practices.first?.id else {
            throw ExportCommandError(
                practices.isEmpty
                    ? "the database holds no practice"
                    : "the database holds \(practices.count) practices: name one with --practice ("
                        + practices.map { "\($0.id?.uuidString ?? "") \($0.name)" }.joined(separator: ", ") + ")")
        }
        return id
    }
}

struct ExportCommandError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
