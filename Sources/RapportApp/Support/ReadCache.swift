import NIOConcurrencyHelpers
import Vapor

/// Answers of hot reads, kept while the ``DataVersion`` they were computed at stands.
///
/// Every entry belongs to one version. A request that brings a newer version (read with its
/// sign-in) retires them all — they were computed from data that has changed since; one that
/// brings an older version (it signed in just before a change) neither reads nor keeps. The
/// entries' total size is bounded; when full, answers are not kept until the version moves.
final class ReadCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct State {
        var version: Int64 = .min
        var entries: [Key: Value] = [:]
        var size = 0
    }

    private let state = NIOLockedValueBox(State())
    private let capacity: Int
    private let size: @Sendable (Value) -> Int
    /// Counts lookups found and missed at `/metrics`, under `name`.
    private let name: String
    private let metrics: RapportMetrics?

    /// - Parameters:
    ///   - capacity: the most the entries may add up to, measured by `size`.
    init(_ name: String, capacity: Int, metrics: RapportMetrics?, size: @escaping @Sendable (Value) -> Int) {
        self.name = name
        self.capacity = capacity
        self.metrics = metrics
        self.size = size
    }

    /// The answer kept for `key` at `version`, if any.
    func value(for key: Key, at version: Int64?) -> Value? {
        guard let version else { return nil }
        let kept = state.withLockedValue { $0.version == version ? $0.entries[key] : nil }
        metrics?.keptAnswer(name, found: kept != nil)
        return kept
    }

    /// Keeps `value` for `key`, computed after `version` was read.
    func store(_ value: Value, for key: Key, at version: Int64?) {
        guard let version else { return }
        let cost = size(value)
        state.withLockedValue { state in
            if version > state.version { state = State(version: version) }
            let replaced = state.entries[key].map(size) ?? 0
            guard version == state.version, state.size - replaced + cost <= capacity else { return }
            state.size += cost - replaced
            state.entries[key] = value
        }
    }
}

extension ReadCache where Value == ByteBuffer {
    /// A cache of finished response bodies, bounded by their bytes.
    convenience init(_ name: String, bytes capacity: Int, metrics: RapportMetrics?) {
        self.init(name, capacity: capacity, metrics: metrics, size: { $0.readableBytes })
    }
}

/// The answers Rapport keeps: the hot reads measured by scripts/bench.
struct ReadCaches: Sendable {
    /// API sign-ins, by token hash.
    let tokens: ReadCache<String, BearerAuthenticator.Kept>
    /// Calendar ranges as finished JSON, by caller's scope and range.
    let sessionLists: ReadCache<SessionListKey, ByteBuffer>
    /// Client screens as finished JSON, by caller's scope and client.
    let clientOverviewJSON: ReadCache<ClientOverviewKey, ClientOverviewReport.Kept<ByteBuffer>>
    /// Client pages as finished HTML, by browser session and client (rendering costs more than
    /// reading the data).
    let clientPages: ReadCache<ClientOverviewKey, ClientOverviewReport.Kept<String>>

    init(metrics: RapportMetrics? = nil) {
        tokens = ReadCache("sign-ins", capacity: 4096, metrics: metrics, size: { _ in 1 })
        sessionLists = ReadCache("calendar-ranges", bytes: 4 << 20, metrics: metrics)
        clientOverviewJSON = ReadCache(
            "client-screens", capacity: 4 << 20, metrics: metrics, size: { $0.value.readableBytes })
        clientPages = ReadCache("client-pages", capacity: 4 << 20, metrics: metrics, size: { $0.value.utf8.count })
    }
}

/// What a calendar range's answer depends on besides the data: who asks (a clinician sees their
/// own calendar only) and the range.
struct SessionListKey: Hashable, Sendable {
    let practiceID: UUID
    let calendars: CalendarScope
    let range: SessionScheduling.Range
}

/// What a client screen depends on besides the data and the time: who asks, the client, and for
/// a page, the browser session whose CSRF token its forms carry.
struct ClientOverviewKey: Hashable, Sendable {
    let practiceID: UUID
    let calendars: CalendarScope
    let clientID: UUID
    let variant: String
}

struct ReadCachesKey: StorageKey {
    typealias Value = ReadCaches
}

extension Application {
    /// Set up by ``configure(_:settings:)``; one set per server process.
    var readCaches: ReadCaches {
        guard let caches = storage[ReadCachesKey.self] else {
            preconditionFailure("configure(_:settings:) sets up the read caches before any request")
        }
        return caches
    }
}

extension Request {
    /// False when the caller sent `Cache-Control: no-cache`: the answer is computed afresh (and kept
    /// for the next caller). scripts/bench uses it to measure the work a kept answer saves.
    var acceptsKeptAnswer: Bool {
        !headers[.cacheControl].contains { $0.lowercased().contains("no-cache") }
    }
}

extension Response {
    /// A 200 with a finished JSON body.
    static func json(_ body: ByteBuffer) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(buffer: body))
    }
}
