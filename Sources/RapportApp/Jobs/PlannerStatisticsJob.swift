import Vapor

/// Keeps SQLite's planner statistics true as the practice grows (``PlannerStatistics``): every six
/// hours, the tables whose statistics were used and have grown or shrunk tenfold are analysed again.
/// A server gathers every table's when it starts (`rapport serve`).
struct PlannerStatisticsJob: LifecycleHandler {
    private let runner = PeriodicRunner()

    func didBootAsync(_ application: Application) async throws {
        if case .postgres = application.settings.database { return }
        let logger = application.logger
        let metrics = application.metrics
        await runner.start(every: .seconds(6 * 3600), after: .seconds(6 * 3600)) {
            do {
                _ = try await metrics.job("planner-statistics") {
                    try await PlannerStatistics.refresh(.usedTables, on: application)
                }
            } catch {
                logger.error("planner statistics failed: \(error)")
            }
        }
    }

    func shutdownAsync(_ application: Application) async {
        await runner.stop()
    }
}
