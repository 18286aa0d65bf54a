import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import RapportApp

/// SQLite plans by the statistics a server gathers when it starts (``PlannerStatistics``).
struct PlannerStatisticsTests {
    /// Without statistics SQLite took `practice_id = ?` for selective: the coverage read of a
    /// calendar's clients walked every client of the practice instead of looking each up by id.
    @Test func theCoverageReadLooksClientsUpByIDOnceStatisticsAreGathered() async throws {
        try await withRapport { app in
            guard try app.db.sql().dialect.name == "sqlite" else { return }  // PostgreSQL gathers its own
            _ = try await LargePractice(
                database: app.db, settings: app.settings, passwords: app.passwords, progress: { _ in }
            )
            .create(.init(clinicians: 4, clients: 200, years: 1), password: "a long enough passphrase")
            // an installation that has never been analysed (the generator analyses what it wrote)
            try await app.db.sql().raw("DELETE FROM sqlite_stat1").run()
            let connections = app.eventLoopGroup.makeIterator().compactMap {
                app.databases.database(.sqlite, logger: app.logger, on: $0)
            }
            for connection in connections { try await connection.sql().raw("ANALYZE sqlite_schema").run() }
            let practice = try #require(try await Practice.query(on: app.db).first()?.requireID())
            let clients = try await Client.query(on: app.db).limit(20).all().map { try $0.requireID() }
            // act
            try await PlannerStatistics.refresh(.everyTable, on: app)
            // check: on every connection, the clients are looked up by id
            for connection in connections {
                let plan = try await connection.sql().raw(
                    "EXPLAIN QUERY PLAN \(CoverageBook.clientsAndPolicies(practiceID: practice, clientIDs: clients))"
                ).all().map { try $0.decode(column: "detail", as: String.self) }
                #expect(plan.contains { $0.hasPrefix("SEARCH c USING INDEX") && $0.hasSuffix("(id=?)") }, "\(plan)")
            }
        }
    }

    /// The six-hourly job (``PlannerStatisticsJob``) looks at the tables its connection has used
    /// since: one whose statistics went missing (a table the practice filled after they were
    /// gathered looks the same to the planner) is analysed again.
    @Test func theJobAnalysesAgainATableItsConnectionUsedThatHasNoStatistics() async throws {
        try await withRapport { app in
            guard try app.db.sql().dialect.name == "sqlite" else { return }
            _ = try await LargePractice(
                database: app.db, settings: app.settings, passwords: app.passwords, progress: { _ in }
            )
            .create(.init(clinicians: 2, clients: 60, years: 1), password: "a long enough passphrase")
            let connections = app.eventLoopGroup.makeIterator().compactMap {
                app.databases.database(.sqlite, logger: app.logger, on: $0)
            }
            try await app.db.sql().raw("DELETE FROM sqlite_stat1 WHERE tbl = 'clients'").run()
            /// The `clients` indexes that have statistics.
            func analysed() async throws -> Int {
                try await app.db.sql().raw("SELECT COUNT(*) AS n FROM sqlite_stat1 WHERE tbl = 'clients'").all()
                    .first?.decode(column: "n", as: Int.self) ?? 0
            }
            #expect(try await analysed() == 0)
            let practice = try #require(try await Practice.query(on: app.db).first()?.requireID())
            for connection in connections {
                try await connection.sql().raw("ANALYZE sqlite_schema").run()
                _ = try await Client.query(on: connection).filter(\.$practiceID == practice)
                    .filter(\.$lastName == "Nguyen").count()
            }
            // act
            try await PlannerStatistics.refresh(.usedTables, on: app)
            // check
            #expect(try await analysed() > 0, "the clients' indexes have statistics again")
        }
    }
}
