import Fluent
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import Prometheus
import Testing
import Vapor
import VaporTesting

@testable import RapportApp

/// Reads take turns (`RAPPORT_READ_SLOTS`) and writes do not wait for them.
struct ReadAdmissionTests {
    /// Answers each request when the test says so, and notes which requests it has been asked.
    final class HeldAnswers: Responder, Sendable {
        let loop: any EventLoop
        private let asked = NIOLockedValueBox(Set<String>())
        private let open = NIOLockedValueBox([String: EventLoopPromise<Response>]())

        init(loop: any EventLoop) { self.loop = loop }

        func respond(to request: Request) -> EventLoopFuture<Response> {
            if request.url.path.hasPrefix("/early") { request.giveBackReadTurn() }
            let promise = loop.makePromise(of: Response.self)
            asked.withLockedValue { _ = $0.insert(request.url.path) }
            open.withLockedValue { $0[request.url.path] = promise }
            return promise.futureResult
        }

        /// Whether `path` has reached the handler, once the work already queued on the loop has run.
        func started(_ path: String) async throws -> Bool {
            try await loop.submit {}.get()
            return asked.withLockedValue { $0.contains(path) }
        }

        func finish(_ path: String, failing: Bool = false) throws {
            let promise = try #require(open.withLockedValue { $0.removeValue(forKey: path) }, "\(path) is not running")
            if failing { promise.fail(Abort(.internalServerError)) } else { promise.succeed(Response(status: .ok)) }
        }

        /// Answers every request still running, and those let in as they finish.
        func finishAll() async throws {
            while true {
                let running = open.withLockedValue { open in
                    defer { open = [:] }
                    return Array(open.values)
                }
                guard !running.isEmpty else { return }
                for promise in running { promise.succeed(Response(status: .ok)) }
                try await loop.submit {}.get()
            }
        }
    }

    /// Runs `body` with a server's admission of `slots` reads, each request answered when the test says.
    func withAdmission(
        slots: Int, lease: TimeAmount = .seconds(60), waiting: Gauge? = nil,
        _ body: (_ send: @escaping (HTTPMethod, String) -> EventLoopFuture<Response>, HeldAnswers, ReadAdmission)
            async throws -> Void
    ) async throws {
        let app = try await Application.make(.testing)
        let loop = app.eventLoopGroup.next()
        let answers = HeldAnswers(loop: loop)
        let admission = ReadAdmission(slots: slots, lease: lease, waiting: waiting)
        let send = { (method: HTTPMethod, path: String) in
            admission.respond(
                to: Request(application: app, method: method, url: URI(path: path), on: loop), chainingTo: answers)
        }
        do {
            try await body(send, answers, admission)
            try await answers.finishAll()
        } catch {
            try? await answers.finishAll()
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    @Test func aReadWaitsForItsTurnWhileWritesAndHealthChecksGoAtOnce() async throws {
        try await withAdmission(slots: 1) { send, answers, _ in
            let first = send(.GET, "/api/v1/sessions")
            #expect(try await answers.started("/api/v1/sessions"))
            let second = send(.GET, "/clients")
            #expect(try await !answers.started("/clients"), "one turn, and it is taken")

            let write = send(.POST, "/api/v1/payments")
            _ = send(.GET, "/healthz")
            _ = send(.GET, "/readyz")
            _ = send(.GET, "/metrics")
            #expect(try await answers.started("/api/v1/payments"), "a write does not wait for the reads")
            #expect(try await answers.started("/healthz"))
            #expect(try await answers.started("/readyz"))
            #expect(try await answers.started("/metrics"))
            try answers.finish("/api/v1/payments")
            #expect(try await write.get().status == .ok)

            try answers.finish("/api/v1/sessions")
            #expect(try await first.get().status == .ok)
            #expect(try await answers.started("/clients"), "the turn passes to the read that waited")
            try answers.finish("/clients")
            #expect(try await second.get().status == .ok)
        }
    }

    @Test func readsAreLetInInTheOrderTheyCame() async throws {
        try await withAdmission(slots: 2) { send, answers, _ in
            for path in ["/a", "/b", "/c", "/d", "/e"] { _ = send(.GET, path) }
            #expect(try await answers.started("/a"))
            #expect(try await answers.started("/b"))
            #expect(try await !answers.started("/c"))
            try answers.finish("/b")
            #expect(try await answers.started("/c"))
            #expect(try await !answers.started("/d"))
            try answers.finish("/a", failing: true)
            #expect(try await answers.started("/d"), "a failed read gives its turn back too")
            #expect(try await !answers.started("/e"))
        }
    }

    @Test func theWaitingGaugeCountsTheReadsWaitingNow() async throws {
        let metrics = RapportMetrics()
        let gauge = metrics.readsWaiting()
        func waiting() -> Double? {
            metrics.registry.emitToString().split(separator: "\n")
                .first { $0.hasPrefix("rapport_reads_waiting_count ") }
                .flatMap { Double($0.dropFirst("rapport_reads_waiting_count ".count)) }
        }
        try await withAdmission(slots: 1, waiting: gauge) { send, answers, _ in
            for path in ["/a", "/b", "/c"] { _ = send(.GET, path) }
            #expect(try await answers.started("/a"))
            #expect(waiting() == 2)
            try answers.finish("/a")
            #expect(try await answers.started("/b"))
            #expect(waiting() == 1)
            _ = send(.POST, "/w")
            #expect(waiting() == 1, "a write never waits")
            try answers.finish("/b")
            #expect(try await answers.started("/c"))
            #expect(waiting() == 0)
        }
    }

    @Test func aSlowReadHoldsItsTurnNoLongerThanItsLease() async throws {
        try await withAdmission(slots: 1, lease: .milliseconds(20)) { send, answers, admission in
            let slow = send(.GET, "/api/v1/exports/sessions.csv")
            let quick = send(.GET, "/api/v1/clients")
            var waited = 0
            while try await !answers.started("/api/v1/clients") {
                waited += 1
                try #require(waited < 500, "the quick read never got a turn")
                try await Task.sleep(for: .milliseconds(10))
            }
            try answers.finish("/api/v1/clients")
            try answers.finish("/api/v1/exports/sessions.csv")
            _ = try await (slow.get(), quick.get())

            try await answers.loop.submit {}.get()
            #expect(admission.free == 1, "the slow read's turn was given back once, at its lease")
        }
    }

    @Test func aReadWaitingOnlyOnTheDatabaseGivesItsTurnBack() async throws {
        try await withAdmission(slots: 1) { send, answers, admission in
            _ = send(.GET, "/early/client-screen")
            #expect(try await answers.started("/early/client-screen"))
            _ = send(.GET, "/calendar")
            #expect(try await answers.started("/calendar"), "the turn went to the next read")
            try answers.finish("/early/client-screen")
            try await answers.loop.submit {}.get()
            #expect(admission.free == 0, "given back once: the calendar holds the only turn")
        }
    }

    @Test func looksAtClientsTakingTurnsAreAllAnsweredAndRecorded() async throws {
        try await withRapport(readSlots: 1) { app in
            let fixture = try await PracticeFixture.make(app)
            let client = try await fixture.makeClient()
            let week = "from=\(fixture.instant(daysFromToday: 0))&to=\(fixture.instant(daysFromToday: 7))"
                .replacingOccurrences(of: "+", with: "%2B")
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for _ in 0..<8 {
                    group.addTask { try await fixture.api.get("/api/v1/clients/\(client)/overview").status }
                    group.addTask { try await fixture.api.get("/api/v1/sessions?\(week)").status }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.count == 16)
            #expect(statuses.filter { $0 != .ok } == [])
            let looks = try await AuditEvent.query(on: app.db).filter(\.$action == "read").count()
            #expect(looks == 8)
            var settings = app.settings
            settings.metricsToken = "scrape-secret"
            app.storage[SettingsKey.self] = settings
            var headers = HTTPHeaders()
            headers.bearerAuthorization = BearerAuthorization(token: "scrape-secret")
            let metrics = try await app.testing().sendRequest(.GET, "/metrics", headers: headers)
            #expect(metrics.body.string.contains("rapport_reads_waiting_count 0"), "the server makes reads take turns")
        }
    }

    @Test func aLookGivesItsTurnBackWhileItsAuditEventWaitsToBeWritten() async throws {
        // A lease long enough that only the look itself can give its turn back in time.
        try await withRapport(readSlots: 1, readLeaseMilliseconds: 60_000) { app in
            let fixture = try await PracticeFixture.make(app)
            let client = try await fixture.makeClient()
            let week = "from=\(fixture.instant(daysFromToday: 0))&to=\(fixture.instant(daysFromToday: 7))"
                .replacingOccurrences(of: "+", with: "%2B")
            let practiceID = try #require(try await Client.find(UUID(uuidString: client), on: app.db)).practiceID

            let head = try await HeldAuditHead.take(practiceID: practiceID, on: app)
            let look = Task { try await fixture.api.get("/api/v1/clients/\(client)/overview").status }
            let (lookWaits, answered): (Bool, HTTPStatus?)
            do {
                lookWaits = try await Self.within(.seconds(10)) { app.readAudits.isWriting(practiceID) }
                let calendar = Task { try await fixture.api.get("/api/v1/sessions?\(week)").status }
                answered = try await Self.finishes(calendar, within: .seconds(20))
            } catch {
                try? await head.release()
                throw error
            }
            try await head.release()

            #expect(lookWaits, "the look had its answer and waited to record it")
            #expect(answered == .ok, "the calendar had the turn while the look's event waited")
            #expect(try await look.value == .ok)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "read").count() == 1)
        }
    }

    /// The task's result, or nil if it has not finished within `limit` (a turn never given back).
    /// Polled, not awaited: awaiting a task that waits on the test itself would never return.
    static func finishes<T: Sendable>(_ task: Task<T, any Error>, within limit: Duration) async throws -> T? {
        let result = NIOLockedValueBox<Result<T, any Error>?>(nil)
        Task {
            let outcome = await task.result
            result.withLockedValue { $0 = outcome }
        }
        guard try await within(limit, { result.withLockedValue { $0 } != nil }) else { return nil }
        return try result.withLockedValue { $0 }?.get()
    }

    /// Whether `condition` holds, asked until it does or `limit` has passed.
    static func within(_ limit: Duration, _ condition: () -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + limit
        while !condition() {
            guard ContinuousClock.now < deadline else { return false }
            try await Task.sleep(for: .milliseconds(10))
        }
        return true
    }

    /// Holds what a practice's next audit event must wait for — SQLite's turn to write, or on
    /// PostgreSQL the practice's audit head row — until released.
    struct HeldAuditHead {
        let gate: AsyncStream<Void>.Continuation?
        let holder: Task<Void, any Error>?

        static func take(practiceID: UUID, on app: Application) async throws -> HeldAuditHead {
            guard try app.db.sql().dialect.name == "postgresql" else {
                await AsyncSemaphore.sqliteWriters.acquire()
                return HeldAuditHead(gate: nil, holder: nil)
            }
            let (locked, lockedSignal) = AsyncStream.makeStream(of: Void.self)
            let (opened, gate) = AsyncStream.makeStream(of: Void.self)
            let holder = Task {
                try await app.db.transaction { db in
                    try await db.sql().raw(
                        "SELECT hash FROM audit_heads WHERE practice_id = \(bind: practiceID) FOR UPDATE"
                    ).run()
                    lockedSignal.yield()
                    for await _ in opened { break }
                }
            }
            for await _ in locked { break }
            return HeldAuditHead(gate: gate, holder: holder)
        }

        func release() async throws {
            guard let gate, let holder else {
                AsyncSemaphore.sqliteWriters.release()
                return
            }
            gate.yield()
            gate.finish()
            try await holder.value
        }
    }

    @Test func theNumberOfTurnsIsASetting() {
        #expect(Settings.fromEnvironment(["RAPPORT_READ_SLOTS": "4"]).readSlots == 4)
        #expect(Settings.fromEnvironment(["RAPPORT_READ_SLOTS": "0"]).readSlots == nil)
        #expect(Settings.fromEnvironment([:]).readSlots == nil, "off unless asked for")
        #expect(Settings.fromEnvironment(["RAPPORT_READ_SLOTS": "-2"]).readSlots == nil)
        #expect(Settings.fromEnvironment(["RAPPORT_READ_SLOTS": "some"]).readSlots == nil)
    }
}
