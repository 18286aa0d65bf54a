import Foundation
import Vapor

/// Takes a backup once a day into `RAPPORT_BACKUP_DIR` and keeps the newest `RAPPORT_BACKUP_KEEP`.
/// It looks every hour, starting a quarter of an hour after start-up so a restart is never slowed
/// by a copy; a backup is due when the newest one in the folder is a day old (so several servers
/// on one database mostly take one between them, and a restarted server does not take another).
struct BackupJob: LifecycleHandler {
    private let runner = PeriodicRunner()

    func didBootAsync(_ application: Application) async throws {
        let settings = application.settings
        guard settings.backupKeep > 0, settings.database != .sqliteInMemory else { return }
        let backups = Backups(settings: settings.database, db: application.db, logger: application.logger)
        let directory = URL(fileURLWithPath: settings.backupDirectory)
        let logger = application.logger
        let metrics = application.metrics
        await runner.start(every: .seconds(3600), after: .seconds(15 * 60)) {
            if let newest = Backups.newestDate(in: directory), Date().timeIntervalSince(newest) < 23.5 * 3600 { return }
            do {
                _ = try await metrics.job("backup") { try await backups.take(into: directory) }
                for file in try Backups.prune(directory, keep: settings.backupKeep) {
                    logger.info("old backup removed: \(file.path)")
                }
            } catch {
                logger.error("daily backup failed: \(error)")
            }
        }
    }

    func shutdownAsync(_ application: Application) async {
        await runner.stop()
    }
}
