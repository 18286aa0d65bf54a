import Fluent
import Foundation
import Vapor

/// `rapport backup [--to DIR]`: writes a consistent copy of the database while the server runs.
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "to", help: "The folder to write the backup into (default: RAPPORT_BACKUP_DIR).")
        var directory: String?
    }

    var help: String { "Writes a consistent copy of the database into a folder, while the server runs." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let directory = URL(fileURLWithPath: signature.directory ?? app.settings.backupDirectory)
        let file = try await Backups(settings: app.settings.database, db: app.db, logger: app.logger)
            .take(into: directory)
        let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
        context.console.print("backup written: \(file.path) (\(ByteCountFormatter.string(fromByteCount: Int64(size), countStyle: .file)))")
    }
}

/// `rapport restore FILE`: restores a backup into an empty database, migrates it to this version
/// and checks every invariant.
struct RestoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "A backup written by `rapport backup`.")
        var file: String
    }

    var help: String { "Restores a backup into an empty database, then migrates and checks it." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let file = URL(fileURLWithPath: signature.file)
        try await Backups(settings: app.settings.database, db: app.db, logger: app.logger).restore(from: file)
        try await app.migrateInTurn()
        let practices = try await Practice.query(on: app.db).count()
        let clients = try await Client.query(on: app.db).count()
        let sessions = try await Session.query(on: app.db).count()
        context.console.print(
            "restored \(file.path): \(practices) practice\(practices == 1 ? "" : "s"), \(clients) clients, \(sessions) sessions")
        let violations = try await IntegrityCheck(database: app.db).run()
        guard violations.isEmpty else {
            for violation in violations { context.console.error("VIOLATED: \(violation.invariant)") }
            throw CheckCommandError(count: violations.count)
        }
        context.console.print("ok: all \(IntegrityCheck.invariants.count) invariants hold")
    }
}
