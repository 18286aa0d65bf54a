import NIOConcurrencyHelpers
import NIOCore
import Prometheus
import Vapor

/// Lets a server work on a few reads at once, so that a write never queues behind many of them.
///
/// Under a load of reads every request under way shares the server's cores and the database's, so
/// a write — a booking, an attendance mark, a payment, whose transaction holds its practice's turn
/// while it runs — waits behind all of them, statement after statement. Here a read (GET or HEAD)
/// waits for one of `slots` turns, given in the order the reads came; writes go at once, and so do
/// the health checks and the metrics. A read gives its turn back when its answer's head is ready,
/// or after `lease` in any case: a slow read (a large download) then runs on beside the others
/// rather than holding up the quick reads behind it for longer than that. A read that has its answer
/// and only waits on the database for something else gives its turn back itself
/// (``Vapor/Request/giveBackReadTurn()``): a look at a client's record waits for its audit event
/// to commit, work the cores have no part in.
final class ReadAdmission: Middleware, Sendable {
    let lease: TimeAmount
    private let turns: AsyncSemaphore

    /// - Parameter waiting: set to the number of reads waiting for a turn whenever it changes.
    init(slots: Int, lease: TimeAmount = .milliseconds(100), waiting: Gauge? = nil) {
        self.lease = lease
        if let waiting {
            turns = AsyncSemaphore(permits: slots) { count in waiting.set(to: Double(count)) }
        } else {
            turns = AsyncSemaphore(permits: slots)
        }
    }

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard Self.waitsItsTurn(request) else { return next.respond(to: request) }
        let loop = request.eventLoop
        let admitted = loop.makePromise(of: Void.self)
        turns.acquire { admitted.succeed() }
        return admitted.futureResult.flatMap { [self] in
            let turn = Turn(admission: self)
            request.storage[TurnKey.self] = turn
            let expiry = loop.scheduleTask(in: lease) { turn.giveBack() }
            return next.respond(to: request).always { _ in
                expiry.cancel()
                turn.giveBack()
            }
        }
    }

    /// A read of the practice's data: not a write, nor one of the probes that must answer under load.
    static func waitsItsTurn(_ request: Request) -> Bool {
        guard request.method == .GET || request.method == .HEAD else { return false }
        switch request.url.path {
        case "/healthz", "/readyz", "/metrics": return false
        default: return true
        }
    }

    /// Turns no read holds now.
    var free: Int { turns.available }

    /// Hands a turn to the read that has waited longest, or frees it.
    fileprivate func release() {
        turns.release()
    }

    fileprivate struct TurnKey: StorageKey {
        typealias Value = Turn
    }

    /// One read's turn, given back once: when its answer is ready or its lease is up, whichever
    /// comes first.
    fileprivate final class Turn: Sendable {
        private let admission: ReadAdmission
        private let held = NIOLockedValueBox(true)

        init(admission: ReadAdmission) { self.admission = admission }

        func giveBack() {
            let wasHeld = held.withLockedValue { held in
                defer { held = false }
                return held
            }
            if wasHeld { admission.release() }
        }
    }
}

extension Request {
    /// Gives this read's turn (``ReadAdmission``) to the next read waiting, when the rest of its
    /// work is waiting on the database; nothing when it holds none.
    func giveBackReadTurn() {
        storage[ReadAdmission.TurnKey.self]?.giveBack()
    }
}
