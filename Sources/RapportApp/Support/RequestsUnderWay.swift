import NIOConcurrencyHelpers
import Vapor

/// The requests whose work is still running, counted from the outermost middleware and through a
/// streamed answer's writing.
///
/// On SIGTERM the HTTP server's quiescing waits for the answers still being sent, but not for a
/// handler whose client has gone away: its connection is closed, so nothing is left to wait on,
/// yet the handler runs on. The server waits for these too before it closes the database
/// (``stopServing(_:)``); a handler that asked for `request.db` after that would stop the process
/// (Fluent's `Request.db` needs its database to exist).
final class RequestsUnderWay: Sendable {
    private let count = NIOLockedValueBox(0)

    /// How many are running now.
    var current: Int { count.withLockedValue { $0 } }

    /// Runs `work`, counted as under way until it returns or throws.
    func track<T>(_ work: () async throws -> T) async rethrows -> T {
        begin()
        defer { end() }
        return try await work()
    }

    func begin() { count.withLockedValue { $0 += 1 } }

    func end() { count.withLockedValue { $0 -= 1 } }

    /// Waits until none is under way, for `limit` at most; whether none is. Polled: it runs once,
    /// at shutdown.
    func finished(within limit: Duration) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        while current > 0 {
            guard clock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return true
    }
}

/// Counts every request as under way while its handler and middleware run; the outermost.
///
/// Not an `AsyncMiddleware`: that starts a task for the request, which may not run before the
/// server has stopped and found nothing under way. This counts the request as the server reads it,
/// before any of its work is scheduled.
struct RequestTracking: Middleware {
    let underWay: RequestsUnderWay

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        underWay.begin()
        let response = next.respond(to: request)
        response.whenComplete { [underWay] _ in underWay.end() }
        return response
    }
}

struct RequestsUnderWayKey: StorageKey {
    typealias Value = RequestsUnderWay
}

extension Application {
    /// The requests under way that `configure`'s middleware counts (a fresh, uncounted one before
    /// it runs).
    var requestsUnderWay: RequestsUnderWay { storage[RequestsUnderWayKey.self] ?? RequestsUnderWay() }
}

/// Stops a server that a signal ended (`execute` has returned): the listener closes and the answers
/// being sent are finished (Vapor's quiescing, up to its shutdown timeout), then the handlers whose
/// clients went away finish too, before anything else — the database above all — is stopped.
public func stopServing(_ app: Application) async {
    let stop: @Sendable () async -> Void = app.http.server.shared.shutdown
    await stop()
    let underWay = app.requestsUnderWay
    if !(await underWay.finished(within: .seconds(30))) {
        app.logger.warning("stopping with \(underWay.current) requests still under way after 30 s")
    }
}
