import Foundation
import Fluent
import SQLKit

extension Database {
    /// The transaction every writing use case runs in.
    ///
    /// PostgreSQL handles concurrent writers itself. SQLite has one writer at a time, and two
    /// deferred transactions that both read and then write can deadlock (one fails at once with
    /// "database is locked"); so on SQLite writing transactions take turns within the process.
    /// Rapport runs one process per SQLite file; several servers use PostgreSQL.
    ///
    /// Its first statement moves the ``DataVersion`` of `practiceID`, the practice whose data it
    /// changes, on; on PostgreSQL that row's lock makes the practice's writing transactions take
    /// turns from there, so none can hold a row another of them needs next (no deadlock within a
    /// practice) and another practice's never wait. A transaction begun inside another leaves that
    /// to the outer one.
    func writeTransaction<T: Sendable>(
        practice practiceID: UUID, _ body: @escaping @Sendable (any Database) async throws -> T
    ) async throws -> T {
        try await writeTransaction(advancing: practiceID) { db, _ in try await body(db) }
    }

    /// ``writeTransaction(practice:_:)``, its body told what the turn began at (``WriteTurn``).
    func writeTransaction<T: Sendable>(
        practice practiceID: UUID, _ body: @escaping @Sendable (any Database, WriteTurn) async throws -> T
    ) async throws -> T {
        try await writeTransaction(advancing: practiceID, body)
    }

    /// A writing transaction that changes nothing a kept answer depends on: the bookkeeping writes
    /// of a read (the audit of a look at a record, a token's last use, a browser session's last
    /// request, sign-in attempts). It leaves every ``DataVersion`` as it is.
    func bookkeepingTransaction<T: Sendable>(
        _ body: @escaping @Sendable (any Database) async throws -> T
    ) async throws -> T {
        try await writeTransaction(advancing: nil) { db, _ in try await body(db) }
    }

    private func writeTransaction<T: Sendable>(
        advancing practiceID: UUID?, _ body: @escaping @Sendable (any Database, WriteTurn) async throws -> T
    ) async throws -> T {
        if inTransaction { return try await transaction { db in try await body(db, WriteTurn(billing: nil)) } }
        let work: @Sendable (any Database) async throws -> T = { db in
            guard let practiceID else { return try await body(db, WriteTurn(billing: nil)) }
            let billing = try await DataVersion.advance(practiceID: practiceID, on: try db.sql())
            let result = try await body(db, WriteTurn(billing: billing))
            if billing == nil { try await DataVersion.start(practiceID: practiceID, on: try db.sql()) }
            return result
        }
        guard (self as? any SQLDatabase)?.dialect.name == "sqlite" else { return try await transaction(work) }
        await AsyncSemaphore.sqliteWriters.acquire()
        do {
            let result = try await transaction(work)
            AsyncSemaphore.sqliteWriters.release()
            return result
        } catch {
            AsyncSemaphore.sqliteWriters.release()
            throw error
        }
    }
}

/// What a writing transaction knows once it holds its practice's turn.
struct WriteTurn: Sendable {
    /// The practice's billing number (``DataVersion/billing(practiceID:on:)``) as the turn began.
    /// Every writing transaction of the practice waits for the turn, so it stands until this one
    /// changes a billing input itself. Nil for the practice's first change and inside another
    /// transaction.
    let billing: Int64?
}
