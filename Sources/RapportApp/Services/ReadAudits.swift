import Fluent
import Foundation
import NIOConcurrencyHelpers

/// Records looks at client records the way a database commits a busy log: together.
///
/// Every look at a client's screen is an audit event in its practice's hash chain, and a
/// practice's events take turns on the chain's head, so looks arriving together used to queue for
/// one transaction each (on PostgreSQL, each turn held the head for two round trips and a commit;
/// on SQLite, each was a commit of its own). Now the first look of a practice writes its event at
/// once; looks arriving while that transaction runs wait, and the first of them then writes all of
/// theirs in one transaction — one head update and one insert however many there are. No answer is
/// given before its event is committed, so nothing a person saw goes unrecorded, and a failed
/// write fails every look it carried, as it would have failed each alone.
final class ReadAudits: Sendable {
    /// Who looked at which client, and under what name of the view.
    private struct Look: Sendable {
        let view: String
        let client: UUID
        let actor: Actor

        var entry: AuditLog.Entry {
            AuditLog.Entry(action: "read", entityType: "client", id: client, after: ["view": view], by: actor)
        }
    }

    private struct Waiting: Sendable {
        let look: Look
        let turn: CheckedContinuation<Turn, any Error>
    }

    /// What a waiting look is woken for: its event was written with others, or it writes next.
    private enum Turn {
        case written
        case writes
    }

    private struct State {
        /// Practices whose events are being written now.
        var writing: Set<UUID> = []
        var waiting: [UUID: [Waiting]] = [:]
    }

    private let state = NIOLockedValueBox(State())

    /// Records that `actor` looked at `view` of the client `id`, returning once it is committed.
    func record(_ view: String, client id: UUID, actor: Actor, on database: any Database) async throws {
        let look = Look(view: view, client: id, actor: actor)
        let practiceID = actor.practiceID
        let turn = try await withCheckedThrowingContinuation { (turn: CheckedContinuation<Turn, any Error>) in
            let writesNow = state.withLockedValue { state in
                guard state.writing.insert(practiceID).inserted else {
                    state.waiting[practiceID, default: []].append(Waiting(look: look, turn: turn))
                    return false
                }
                return true
            }
            if writesNow { turn.resume(returning: .writes) }
        }
        guard turn == .writes else { return }
        let others = state.withLockedValue { $0.waiting.removeValue(forKey: practiceID) ?? [] }
        do {
            try await database.bookkeepingTransaction { db in
                try await AuditLog(database: db, actor: actor).record(([look] + others.map(\.look)).map(\.entry))
            }
        } catch {
            for other in others { other.turn.resume(throwing: error) }
            handOver(practiceID)
            throw error
        }
        for other in others { other.turn.resume(returning: .written) }
        handOver(practiceID)
    }

    /// Whether looks of the practice are being written now: their transaction under way, or
    /// waiting for the practice's audit chain.
    func isWriting(_ practiceID: UUID) -> Bool {
        state.withLockedValue { $0.writing.contains(practiceID) }
    }

    /// The practice's next writer: the first look that waited, or none.
    private func handOver(_ practiceID: UUID) {
        let next = state.withLockedValue { state -> Waiting? in
            guard var waiting = state.waiting[practiceID], !waiting.isEmpty else {
                state.writing.remove(practiceID)
                state.waiting[practiceID] = nil
                return nil
            }
            let next = waiting.removeFirst()
            state.waiting[practiceID] = waiting.isEmpty ? nil : waiting
            return next
        }
        next?.turn.resume(returning: .writes)
    }
}
