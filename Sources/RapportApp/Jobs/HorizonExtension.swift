import Fluent
import Vapor

/// Stores each open series' occurrences up to the rolling horizon. Safe to run at any time and
/// from several servers: it only adds occurrences that are missing.
struct HorizonExtension {
    let database: any Database
    let settings: Settings
    let logger: Logger

    /// Extends every series that is behind the horizon; returns how many sessions were added.
    @discardableResult
    func run() async throws -> Int {
        let horizon = SeriesMaterializer.horizon(settings)
        let due = try await Series.query(on: database).filter(\.$endedAt == nil).filter(\.$generatedThrough < horizon)
            .all()
        var practices: [UUID: PracticeContext] = [:]
        var added = 0
        for series in due {
            let practice: PracticeContext
            if let known = practices[series.practiceID] {
                practice = known
            } else {
                practice = try await PracticeContext.load(series.practiceID, on: database)
                practices[series.practiceID] = practice
            }
            do {
                added += try await database.writeTransaction(practice: series.practiceID) { db in
                    guard let fresh = try await Series.find(series.id, on: db) else { return 0 }
                    return try await SeriesMaterializer(database: db, practice: practice, settings: settings).extend(
                        fresh)
                }
            } catch {
                // Another server may have extended the same series at the same moment; the next run catches up.
                logger.warning("could not extend series \(series.id?.uuidString ?? "?"): \(error)")
            }
        }
        if added > 0 { logger.info("horizon: stored \(added) upcoming sessions for \(due.count) series") }
        return added
    }
}

/// Runs ``HorizonExtension`` at start-up and then every six hours while the server runs.
struct HorizonJob: LifecycleHandler {
    private let runner = PeriodicRunner()

    func didBootAsync(_ application: Application) async throws {
        let job = HorizonExtension(database: application.db, settings: application.settings, logger: application.logger)
        let logger = application.logger
        let metrics = application.metrics
        await runner.start(every: .seconds(6 * 3600)) {
            do {
                try await metrics.job("horizon-extension") { try await job.run() }
            } catch {
                logger.error("horizon extension failed: \(error)")
            }
        }
    }

    func shutdownAsync(_ application: Application) async {
        await runner.stop()
    }
}

/// Owns one background loop and cancels it on shutdown.
actor PeriodicRunner {
    private var task: Task<Void, Never>?

    /// Runs `work` after `delay`, then every `interval` until stopped.
    func start(
        every interval: Duration, after delay: Duration = .zero, _ work: @escaping @Sendable () async -> Void
    ) {
        task?.cancel()
        task = Task {
            if delay > .zero { try? await Task.sleep(for: delay) }
            while !Task.isCancelled {
                await work()
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// Runs `work` once, after `delay`.
    func once(after delay: Duration, _ work: @escaping @Sendable () async -> Void) {
        task?.cancel()
        task = Task {
            try? await Task.sleep(for: delay)
            if !Task.isCancelled { await work() }
        }
    }

    /// Stops the loop and waits for a run under way to finish: a server shutting down lets its
    /// jobs end their work (each in its own transaction) rather than cutting them off.
    func stop() async {
        let running = task
        task = nil
        running?.cancel()
        await running?.value
    }
}
