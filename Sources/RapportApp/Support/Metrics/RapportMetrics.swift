import Foundation
import NIOConcurrencyHelpers
import Prometheus

/// The server's metrics in Prometheus's text format (`GET /metrics`): requests by route and status
/// with latency histograms, jobs' runs and durations, kept answers found and missed, the database's
/// connections, and the process's memory. One registry per application, so tests' apps keep
/// their own.
final class RapportMetrics: Sendable {
    let registry: PrometheusCollectorRegistry
    let requestsInFlight: Gauge

    /// Each request's series, found by its labels without building the metric's name and asking
    /// the registry (which did both on every request: a few per cent of a kept answer's time).
    private let requestSeries = NIOLockedValueBox([RequestLabels: (count: Counter, time: DurationHistogram)]())
    private let keptSeries = NIOLockedValueBox([KeptLabels: Counter]())

    private struct RequestLabels: Hashable {
        let route: String, method: String, status: UInt
    }

    private struct KeptLabels: Hashable {
        let cache: String, found: Bool
    }

    init() {
        let registry = PrometheusCollectorRegistry()
        self.registry = registry
        requestsInFlight = registry.makeGauge(descriptor: Self.inFlight)
    }

    /// Request latency buckets, from a kept answer to a slow export.
    static let requestBuckets: [Duration] = [
        .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5),
        .seconds(10),
    ]
    /// Job duration buckets: a quiet hour's run to a month-end one.
    static let jobBuckets: [Duration] = [
        .milliseconds(10), .milliseconds(100), .seconds(1), .seconds(5), .seconds(15), .seconds(60), .seconds(300),
    ]

    private static func name(_ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "rapport", metricName: metric, unitName: unit, helpText: help)
    }

    // MetricNameDescriptor is not Sendable, so each is made where it is used.
    private static var requests: MetricNameDescriptor {
        name("http_requests", "total", "Requests answered, by route, method and status")
    }
    private static var requestSeconds: MetricNameDescriptor {
        name("http_request_duration", "seconds", "Time to the answer's head, by route and method")
    }
    private static var jobRuns: MetricNameDescriptor {
        name("job_runs", "total", "Scheduled job runs, by job and outcome")
    }
    private static var jobSeconds: MetricNameDescriptor {
        name("job_duration", "seconds", "Scheduled job run time, by job")
    }
    private static var kept: MetricNameDescriptor {
        name("kept_answers", "total", "Kept-answer lookups, by cache and whether one was found")
    }
    private static var connections: MetricNameDescriptor {
        name("database_connections", "count", "The database's connections to this database, by state (PostgreSQL)")
    }
    private static var inFlight: MetricNameDescriptor {
        name("http_requests_in_flight", "count", "Requests being answered now")
    }
    private static var waiting: MetricNameDescriptor {
        name("reads_waiting", "count", "Reads waiting for their turn (RAPPORT_READ_SLOTS)")
    }
    private static var memory: MetricNameDescriptor {
        name("process_resident_memory", "bytes", "The server's resident memory")
    }
    private static var integrity: MetricNameDescriptor {
        name("integrity_violations", "count", "Invariants the start-up check found broken (0 when all hold)")
    }

    func request(route: String, method: String, status: UInt, duration: Duration) {
        let series = Self.series(requestSeries, RequestLabels(route: route, method: method, status: status)) {
            (
                count: registry.makeCounter(
                    descriptor: Self.requests,
                    labels: [("route", route), ("method", method), ("status", String(status))]),
                time: registry.makeDurationHistogram(
                    descriptor: Self.requestSeconds, labels: [("route", route), ("method", method)],
                    buckets: Self.requestBuckets)
            )
        }
        series.count.increment()
        series.time.record(duration)
    }

    /// Runs one scheduled job, counting it and timing it.
    @discardableResult
    func job<T: Sendable>(_ name: String, _ work: () async throws -> T) async throws -> T {
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let result = try await work()
            record(job: name, outcome: "ok", duration: clock.now - start)
            return result
        } catch {
            record(job: name, outcome: "failed", duration: clock.now - start)
            throw error
        }
    }

    private func record(job: String, outcome: String, duration: Duration) {
        registry.makeCounter(descriptor: Self.jobRuns, labels: [("job", job), ("outcome", outcome)]).increment()
        registry.makeDurationHistogram(descriptor: Self.jobSeconds, labels: [("job", job)], buckets: Self.jobBuckets)
            .record(duration)
    }

    func keptAnswer(_ cache: String, found: Bool) {
        let counter = Self.series(keptSeries, KeptLabels(cache: cache, found: found)) {
            registry.makeCounter(descriptor: Self.kept, labels: [("cache", cache), ("found", found ? "yes" : "no")])
        }
        counter.increment()
    }

    /// The series kept for `labels`, made by `make` the first time.
    private static func series<Labels, Series>(
        _ known: NIOLockedValueBox<[Labels: Series]>, _ labels: Labels, make: () -> Series
    ) -> Series {
        known.withLockedValue { known in
            if let series = known[labels] { return series }
            let made = make()
            known[labels] = made
            return made
        }
    }

    /// The gauge of reads waiting for their turn, registered by the server that makes them take turns.
    func readsWaiting() -> Gauge { registry.makeGauge(descriptor: Self.waiting) }

    func integrityViolations(_ count: Int) {
        registry.makeGauge(descriptor: Self.integrity).set(Double(count))
    }

    /// The text a scrape gets, with the gauges read now.
    func exposition(connections: [(state: String, count: Int)]) -> String {
        for (state, count) in connections {
            registry.makeGauge(descriptor: Self.connections, labels: [("state", state)]).set(Double(count))
        }
        if let resident = Self.residentBytes() { registry.makeGauge(descriptor: Self.memory).set(Double(resident)) }
        return registry.emitToString()
    }

    /// VmRSS from /proc/self/status (Linux); nil elsewhere.
    private static func residentBytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kilobytes = line.split(separator: " ").compactMap({ Int($0) }).first
        else { return nil }
        return kilobytes * 1024
    }
}
