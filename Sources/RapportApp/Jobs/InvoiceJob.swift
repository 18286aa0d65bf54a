import Fluent
import Vapor

/// Runs automatic invoicing and automatic claims at start-up and then every hour, so a daily
/// practice's invoices and claims for yesterday appear soon after midnight in its own time zone.
/// Several servers may run it at once: ``InvoiceRun`` and ``ClaimRun`` are idempotent.
struct InvoiceJob: LifecycleHandler {
    private let runner = PeriodicRunner()

    func didBootAsync(_ application: Application) async throws {
        let run = InvoiceRun(database: application.db, logger: application.logger)
        let claims = ClaimRun(database: application.db, logger: application.logger)
        let logger = application.logger
        let metrics = application.metrics
        await runner.start(every: .seconds(3600)) {
            do {
                let created = try await metrics.job("invoicing") { try await run.runAll() }
                if created > 0 { logger.info("automatic invoicing: \(created) invoices") }
            } catch {
                logger.error("automatic invoicing failed: \(error)")
            }
            do {
                let made = try await metrics.job("claims") { try await claims.runAll() }
                if made > 0 { logger.info("automatic claims: \(made) claims") }
            } catch {
                logger.error("automatic claims failed: \(error)")
            }
        }
    }

    func shutdownAsync(_ application: Application) async {
        await runner.stop()
    }
}
