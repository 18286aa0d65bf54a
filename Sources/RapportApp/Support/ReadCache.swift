import NIOConcurrencyHelpers
import RapportCore
import Vapor

/// What a kept answer belongs to: one practice, and within it the shelf of answers that one
/// version tells whether they still hold — by default the practice's ``DataVersion``.
protocol PracticeScoped: Hashable, Sendable {
    var practiceID: UUID { get }
    /// The answers kept under one version: the practice's, or a narrower part of it (a client's).
    var shelfID: UUID { get }
}

extension PracticeScoped {
    var shelfID: UUID { practiceID }
}

/// Answers of hot reads, kept while the ``DataVersion`` of their practice (or of their shelf,
/// ``PracticeScoped/shelfID``) stands.
///
/// Each shelf's entries belong to one version. A request that brings a newer version (read with
/// its sign-in, or for its shelf) retires that shelf's entries — computed from data that has
/// changed since — and no other's; one that brings an older version (it signed in just
/// before a change) neither reads nor keeps. The entries' total size is bounded; when an answer
/// does not fit, the shelves kept longest ago make room for it.
final class ReadCache<Key: PracticeScoped, Value: Sendable>: Sendable {
    /// One shelf's answers, all computed at `version`.
    private struct Shelf {
        var version: Int64
        var entries: [Key: Value] = [:]
        var size = 0
        /// When an answer was last kept here, in stores counted by the cache.
        var stored: UInt64 = 0
        /// The practice's ``DataVersion`` at which `version` was last found to stand: while the
        /// practice's number is still this, nothing of it has changed and `version` need not be
        /// read again.
        var standsAt: Int64?
    }

    private struct State {
        var shelves: [UUID: Shelf] = [:]
        var size = 0
        var stores: UInt64 = 0
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

    /// The answer kept for `key` at `version` of its shelf, if any.
    func value(for key: Key, at version: Int64?) -> Value? {
        guard let version else { return nil }
        let kept = state.withLockedValue { state -> Value? in
            guard let shelf = state.shelves[key.shelfID], shelf.version == version else { return nil }
            return shelf.entries[key]
        }
        metrics?.keptAnswer(name, found: kept != nil)
        return kept
    }

    /// The answer kept for `key` at `version`, else `read`'s, kept there: `read` must begin after
    /// `version` was read.
    func value(for key: Key, at version: Int64, orRead read: () async throws -> Value) async throws -> Value {
        if let kept = value(for: key, at: version) { return kept }
        let made = try await read()
        store(made, for: key, at: version)
        return made
    }

    /// The answer kept for `key` while its shelf's number stands, and that number, to keep an
    /// answer worked out afresh under. `dataVersion` is the practice's number read with the
    /// sign-in: when the shelf's number was found standing at it, nothing of the practice has
    /// changed since and `number` (the shelf's, read from the database) is not asked for.
    func value(
        for key: Key, dataVersion: Int64?, number: () async throws -> Int64?
    ) async rethrows -> (value: Value?, version: Int64?) {
        let unchanged = state.withLockedValue { state -> (Value, Int64)? in
            guard let dataVersion, let shelf = state.shelves[key.shelfID], shelf.standsAt == dataVersion,
                let value = shelf.entries[key]
            else { return nil }
            return (value, shelf.version)
        }
        if let unchanged {
            metrics?.keptAnswer(name, found: true)
            return unchanged
        }
        guard let version = try await number() else { return (nil, nil) }
        let kept = state.withLockedValue { state -> Value? in
            guard var shelf = state.shelves[key.shelfID], shelf.version == version else { return nil }
            // Read after the sign-in: the shelf stood at the practice's number read with it.
            if let dataVersion {
                shelf.standsAt = max(shelf.standsAt ?? dataVersion, dataVersion)
                state.shelves[key.shelfID] = shelf
            }
            return shelf.entries[key]
        }
        metrics?.keptAnswer(name, found: kept != nil)
        return (kept, version)
    }

    /// The answer for `key`: the kept one while its shelf's number stands and it is still `usable`,
    /// else `make`'s, kept under the number read before it was made. `dataVersion` and `number` as
    /// for ``value(for:dataVersion:number:)``.
    func answer(
        for key: Key, dataVersion: Int64?, number: () async throws -> Int64?,
        usable: (Value) -> Bool = { _ in true }, make: () async throws -> Value
    ) async throws -> Value {
        let (kept, version) = try await value(for: key, dataVersion: dataVersion, number: number)
        if let kept, usable(kept) { return kept }
        let made = try await make()
        store(made, for: key, at: version, dataVersion: dataVersion)
        return made
    }

    /// ``answer(for:dataVersion:number:usable:make:)`` for an answer made partly from what the
    /// ``BillingShelf`` keeps: `numbers` reads the answer's own number and the billing number in one
    /// statement, and `make` reads the shelf at that billing number (``BillingShelf/billingVersion``),
    /// so nothing kept under the answer's number is older than it.
    func answer(
        for key: Key, dataVersion: Int64?, numbers: () async throws -> DataVersion.ShelfNumbers?,
        usable: (Value) -> Bool = { _ in true }, make: () async throws -> Value
    ) async throws -> Value {
        var billing: Int64?
        return try await answer(
            for: key, dataVersion: dataVersion,
            number: {
                let read = try await numbers()
                billing = read?.billing
                return read?.number
            }, usable: usable, make: { try await BillingShelf.$billingVersion.withValue(billing) { try await make() } })
    }

    /// Keeps `value` for `key`, computed after `version` of its shelf was read — and, when given,
    /// after the practice's `dataVersion` was read before it (``value(for:dataVersion:number:)``).
    func store(_ value: Value, for key: Key, at version: Int64?, dataVersion: Int64? = nil) {
        guard let version else { return }
        let cost = size(value)
        guard cost <= capacity else { return }
        state.withLockedValue { state in
            var shelf = state.shelves.removeValue(forKey: key.shelfID) ?? Shelf(version: version)
            state.size -= shelf.size
            defer {
                state.shelves[key.shelfID] = shelf
                state.size += shelf.size
            }
            if version > shelf.version { shelf = Shelf(version: version) }
            guard version == shelf.version else { return }
            if let dataVersion { shelf.standsAt = max(shelf.standsAt ?? dataVersion, dataVersion) }
            let grown = shelf.size - (shelf.entries[key].map(size) ?? 0) + cost
            // Room from the shelves whose answers were kept longest ago.
            while state.size + grown > capacity,
                let oldest = state.shelves.min(by: { $0.value.stored < $1.value.stored })
            {
                state.size -= oldest.value.size
                state.shelves[oldest.key] = nil
            }
            guard state.size + grown <= capacity else { return }
            state.stores += 1
            shelf.entries[key] = value
            shelf.size = grown
            shelf.stored = state.stores
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
    let tokens: SignInCache
    /// Calendar ranges as finished JSON, by caller's scope and range (``CalendarScoped``).
    let sessionLists: ReadCache<SessionListKey, ByteBuffer>
    /// Client screens as finished JSON, by caller's scope and client.
    let clientOverviewJSON: ReadCache<ClientOverviewKey, ClientOverviewReport.Kept<ByteBuffer>>
    /// Client pages as finished HTML, by browser session and client (rendering costs more than
    /// reading the data).
    let clientPages: ReadCache<ClientOverviewKey, ClientOverviewReport.Kept<String>>
    /// Calendar pages as finished HTML, by browser session and what the page shows (``CalendarScoped``).
    let calendarPages: ReadCache<CalendarPageKey, String>
    /// A client's billed lines that differ from today's rules, kept while the practice's billing
    /// inputs stand (``DataVersion/billing(practiceID:on:)``) rather than its data: a booking or an
    /// attendance mark leaves them as they are.
    let billedDifferences: ReadCache<ClientKey, [BilledDifference]>
    /// What pricing and routing sessions read, kept while the billing inputs stand (``BillingShelf``).
    let billingInputs: BillingShelf

    init(metrics: RapportMetrics? = nil) {
        tokens = SignInCache(capacity: 4096, metrics: metrics)
        sessionLists = ReadCache("calendar-ranges", bytes: 4 << 20, metrics: metrics)
        // A screen of a client with years of history is some 50 KB; a front desk's day of them fits.
        clientOverviewJSON = ReadCache(
            "client-screens", capacity: 16 << 20, metrics: metrics, size: { $0.value.readableBytes })
        clientPages = ReadCache("client-pages", capacity: 16 << 20, metrics: metrics, size: { $0.value.utf8.count })
        calendarPages = ReadCache("calendar-pages", capacity: 8 << 20, metrics: metrics, size: { $0.utf8.count })
        billedDifferences = ReadCache(
            "billed-differences", capacity: 1 << 18, metrics: metrics, size: { $0.count + 1 })
        billingInputs = BillingShelf(metrics: metrics)
    }
}

/// A calendar's kept answer: it shows the sessions of some of the practice's clinicians, and is
/// kept while what it shows stands (``DataVersion/calendar(practiceID:clinicianIDs:on:)``) — on the
/// clinician's own shelf when it shows one, on the practice's when it shows several or all.
protocol CalendarScoped: PracticeScoped {
    /// The clinicians whose sessions the answer may show; nil: any of the practice's.
    var clinicians: [UUID]? { get }
}

extension CalendarScoped {
    var shelfID: UUID {
        guard let clinicians, clinicians.count == 1 else { return practiceID }
        return clinicians[0]
    }
}

extension CalendarScope {
    /// The clinicians a calendar seen in this scope may show, of those `chosen` (none: all).
    func clinicians(chosen: [UUID]) -> [UUID]? {
        switch self {
        case .clinician(let own): [own]
        case .none: []
        case .practice: chosen.isEmpty ? nil : chosen
        }
    }
}

/// What a calendar range's answer depends on besides the data: who asks (a clinician sees their
/// own calendar only) and the range.
struct SessionListKey: CalendarScoped {
    let practiceID: UUID
    let calendars: CalendarScope
    let range: SessionScheduling.Range

    var clinicians: [UUID]? { calendars.clinicians(chosen: range.clinicianIDs) }
}

/// What a client screen depends on besides the data and the time: who asks, the client, and for
/// a page, the browser session whose CSRF token its forms carry. A client's screens are shelved
/// together, under the number that changes only with what they show
/// (``DataVersion/clientScreen(practiceID:clientID:on:)``).
struct ClientOverviewKey: PracticeScoped {
    let practiceID: UUID
    let calendars: CalendarScope
    let clientID: UUID
    let variant: String

    var shelfID: UUID { clientID }
}

/// One client of a practice.
struct ClientKey: PracticeScoped {
    let practiceID: UUID
    let clientID: UUID
}

/// A practice, for what it keeps one of.
struct PracticeKey: PracticeScoped {
    let practiceID: UUID
}

/// What a calendar page depends on besides the data: who asks, the browser session whose CSRF
/// token its forms carry, what it shows (view, date and the flyout to open; the clinicians chosen)
/// and the practice's today, which it marks.
struct CalendarPageKey: CalendarScoped {
    let practiceID: UUID
    let calendars: CalendarScope
    let variant: String
    let query: String
    /// The clinicians chosen, in order; none: all.
    let chosen: [UUID]
    let today: LocalDate

    var clinicians: [UUID]? { calendars.clinicians(chosen: chosen) }
}

struct ReadCachesKey: StorageKey {
    typealias Value = ReadCaches
}

struct ReadAuditsKey: StorageKey {
    typealias Value = ReadAudits
}

extension Application {
    /// Set up by ``configure(_:settings:)``; one set per server process.
    var readCaches: ReadCaches {
        guard let caches = storage[ReadCachesKey.self] else {
            preconditionFailure("configure(_:settings:) sets up the read caches before any request")
        }
        return caches
    }

    /// Looks at client records, recorded together (``ReadAudits``); one per server process.
    var readAudits: ReadAudits {
        guard let audits = storage[ReadAuditsKey.self] else {
            preconditionFailure("configure(_:settings:) sets up the read audits before any request")
        }
        return audits
    }
}

extension Request {
    /// False when the caller sent `Cache-Control: no-cache`: the answer is computed afresh, and not
    /// kept. scripts/bench uses it to measure the work a kept answer saves.
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

/// API sign-ins as read, by token hash. Which practice a token belongs to is known only once it is
/// found, so each sign-in carries the access number (``DataVersion/signIn(practiceID:on:)``) it was
/// read at, and the authenticator gives it again, at the practice's current data version, only
/// while that number stands: a booking or an attendance mark leaves it standing.
final class SignInCache: Sendable {
    private let entries = NIOLockedValueBox([String: BearerAuthenticator.Kept]())
    private let capacity: Int
    private let metrics: RapportMetrics?

    init(capacity: Int, metrics: RapportMetrics?) {
        self.capacity = capacity
        self.metrics = metrics
    }

    /// The sign-in kept for the token hash, if it was read at the access number `numbers` gives
    /// for its practice; its actor carries the data and billing numbers read with that number.
    func value(
        for hash: String, numbers: (UUID) async throws -> DataVersion.SignedIn?
    ) async throws
        -> BearerAuthenticator.Kept?
    {
        guard let kept = entries.withLockedValue({ $0[hash] }) else {
            metrics?.keptAnswer("sign-ins", found: false)
            return nil
        }
        let now = try await numbers(kept.actor.practiceID)
        guard let now, now.access == kept.accessVersion else {
            metrics?.keptAnswer("sign-ins", found: false)
            return nil
        }
        metrics?.keptAnswer("sign-ins", found: true)
        return kept.at(now)
    }

    func store(_ kept: BearerAuthenticator.Kept, for hash: String) {
        entries.withLockedValue { entries in
            if entries.count >= capacity, entries[hash] == nil { entries.removeAll(keepingCapacity: true) }
            entries[hash] = kept
        }
    }
}
