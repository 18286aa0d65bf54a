import Foundation
import Vapor

/// A cheap ``IntegrityCheck`` a minute after the server starts: every invariant but the two that
/// read everything (repricing every unbilled session, rehashing the audit chain — `rapport check`
/// runs those), in the background so start-up and the first requests never wait for it. What it
/// finds is logged as errors and shown at `/metrics`.
struct StartupCheckJob: LifecycleHandler {
    private let runner = PeriodicRunner()

    func didBootAsync(_ application: Application) async throws {
        guard application.settings.checksAtStart else { return }
        let check = IntegrityCheck(database: application.db)
        let logger = application.logger
        let metrics = application.metrics
        await runner.once(after: .seconds(60)) {
            let clock = ContinuousClock()
            let start = clock.now
            do {
                let violations = try await metrics.job("startup-check") { try await check.run(quick: true) }
                metrics.integrityViolations(violations.count)
                let took = clock.now - start
                if violations.isEmpty {
                    logger.info("start-up check: \(IntegrityCheck.quickInvariants.count) invariants hold (\(took))")
                }
                for violation in violations {
                    logger.error("start-up check: VIOLATED \(violation) — run `rapport check` for the full list")
                }
            } catch {
                logger.error("start-up check failed: \(error)")
            }
        }
    }

    func shutdownAsync(_ application: Application) async {
        await runner.stop()
    }
}
