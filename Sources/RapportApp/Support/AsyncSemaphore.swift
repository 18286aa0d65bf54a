import NIOConcurrencyHelpers
import NIOCore

/// A counting semaphore: at most `permits` holders at once, first come, first served. Held from
/// async code (``acquire()``) or from event-loop callbacks (``acquire(then:)``); given back by
/// ``release()`` from either, without waiting.
final class AsyncSemaphore: Sendable {
    /// SQLite writing transactions take turns through this one.
    static let sqliteWriters = AsyncSemaphore(permits: 1)

    private struct State {
        var available: Int
        var waiting = CircularBuffer<@Sendable () -> Void>()
    }

    private let state: NIOLockedValueBox<State>
    /// Told the number of holders waiting whenever it changes, under the lock that changes it, so
    /// what it is told last is the number now.
    private let waitingChanged: (@Sendable (Int) -> Void)?

    init(permits: Int, waitingChanged: (@Sendable (Int) -> Void)? = nil) {
        state = NIOLockedValueBox(State(available: max(permits, 1)))
        self.waitingChanged = waitingChanged
    }

    /// Holders waiting now.
    var waiting: Int { state.withLockedValue { $0.waiting.count } }

    /// Permits no one holds now.
    var available: Int { state.withLockedValue { $0.available } }

    /// Calls `admitted` once a permit is held: at once when one is free, else when one is given back
    /// to it (on the thread of that ``release()``).
    func acquire(then admitted: @escaping @Sendable () -> Void) {
        let now = state.withLockedValue { state -> Bool in
            guard state.available == 0 else {
                state.available -= 1
                return true
            }
            state.waiting.append(admitted)
            waitingChanged?(state.waiting.count)
            return false
        }
        if now { admitted() }
    }

    /// Returns once a permit is held.
    func acquire() async {
        await withCheckedContinuation { (held: CheckedContinuation<Void, Never>) in
            acquire { held.resume() }
        }
    }

    /// Hands the permit to the holder that has waited longest, or frees it.
    func release() {
        let next = state.withLockedValue { state -> (@Sendable () -> Void)? in
            guard let first = state.waiting.popFirst() else {
                state.available += 1
                return nil
            }
            waitingChanged?(state.waiting.count)
            return first
        }
        next?()
    }
}
