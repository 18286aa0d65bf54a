import Fluent
import SQLKit
import Vapor

/// SQLite's query planner chooses between indexes by the statistics `ANALYZE` keeps in
/// `sqlite_stat1`. Without them it guesses that an equality on an index's first column finds about
/// ten rows, so every `practice_id = ?` looked selective: the calendar's coverage read, forty clients
/// by id, walked every client of the practice through an index on `practice_id` instead (0.86 ms
/// against 0.06 on the large practice, on every calendar, client screen and booking), and an index
/// added by a later migration, with no statistics of its own, was preferred over analysed ones the
/// same way (docs/PERFORMANCE.md). PostgreSQL gathers its own (autovacuum); a SQLite installation
/// never did.
///
/// `PRAGMA optimize` analyses each table that has an index without statistics or that has grown or
/// shrunk tenfold since, reading at most a few thousand rows of each index (about 30 ms on the large
/// practice). A server runs it when it starts, after migrating, looking at every table, and then
/// every few hours (``PlannerStatisticsJob``).
enum PlannerStatistics {
    /// What to look at: every table (at start), or those whose statistics this connection's
    /// planner used (later, as SQLite recommends for long-lived connections).
    enum Scope {
        case everyTable, usedTables

        var mask: String {
            switch self {
            case .everyTable: "0x10002"
            case .usedTables: "0xfffe"
            }
        }
    }

    /// Gathers SQLite's missing or stale statistics and has every connection plan by them; nothing
    /// on PostgreSQL.
    static func refresh(_ scope: Scope, on app: Application) async throws {
        if case .postgres = app.settings.database { return }
        // One connection per event loop, kept for the life of the process.
        let databases = app.eventLoopGroup.makeIterator().compactMap {
            app.databases.database(.sqlite, logger: app.logger, on: $0)
        }
        guard let first = databases.first else { return }
        // ANALYZE writes `sqlite_stat1`: it takes its turn with the writing transactions.
        await AsyncSemaphore.sqliteWriters.acquire()
        do {
            try await first.sql().raw("PRAGMA optimize = \(unsafeRaw: scope.mask)").run()
            // A connection reads the statistics with the schema, which ANALYZE leaves as it is: the
            // others load them again (analysing the schema table itself reads nothing else).
            for database in databases.dropFirst() {
                try await database.sql().raw("ANALYZE sqlite_schema").run()
            }
            AsyncSemaphore.sqliteWriters.release()
        } catch {
            AsyncSemaphore.sqliteWriters.release()
            throw error
        }
    }
}

extension Application {
    /// ``PlannerStatistics`` for every table; a server runs it after migrating, before it listens.
    public func gatherPlannerStatistics() async throws {
        try await PlannerStatistics.refresh(.everyTable, on: self)
    }
}
