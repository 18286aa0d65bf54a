import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import RapportApp

/// On PostgreSQL a practice's writing transactions take turns from their first statement, so two
/// of them never each hold a row the other needs next (a client's or a day's kept balance, an
/// invoice) — no deadlock within a practice — while another practice's writes go on beside them.
/// (SQLite's writers take turns within the process from the start.)
struct WriteTurnsTests {
    /// Bounded, since a write that waited for another practice would wait here for ever; the
    /// bound is generous because the whole suite runs in parallel on two cores.
    @Test(.timeLimit(.minutes(10)))
    func aPracticesWritesTakeTurnsAndAnotherPracticesDoNotWait() async throws {
        try await withRapport { app in
            guard try app.db.sql().dialect.name == "postgresql" else { return }
            _ = try await PracticeFixture.make(app)
            _ = try await SecondPractice.make(app)
            let practices = try await Practice.query(on: app.db).sort(\.$name).all().map { try $0.requireID() }
            #expect(practices.count == 2)
            let (started, starting) = AsyncStream<Void>.makeStream()
            let (gate, opening) = AsyncStream<Void>.makeStream()
            let holder = Task {
                try await app.db.writeTransaction(practice: practices[0]) { _ in
                    starting.yield()
                    for await _ in gate { break }
                }
            }
            for await _ in started { break }

            // Another practice writes while the first holds its turn.
            try await app.db.writeTransaction(practice: practices[1]) { _ in }
            // The first practice's next write waits for the turn, holding nothing.
            let waiter = Task { try await app.db.writeTransaction(practice: practices[0]) { _ in } }
            var waiting = false
            for _ in 0..<500 where !waiting {
                waiting = try await !app.db.sql().raw(
                    """
                    SELECT pid FROM pg_stat_activity
                    WHERE datname = current_database() AND wait_event_type = 'Lock'
                    """
                ).all().isEmpty
                if !waiting { try await Task.sleep(for: .milliseconds(10)) }
            }
            #expect(waiting, "the second write of the practice began before the first ended")
            opening.yield()
            try await holder.value
            try await waiter.value
        }
    }
}
