import Fluent
import SQLKit

extension Database {
    /// The transaction every writing use case runs in.
    ///
    /// PostgreSQL handles concurrent writers itself. SQLite has one writer at a time, and two
    /// deferred transactions that both read and then write can deadlock (one fails at once with
    /// "database is locked"); so on SQLite writing transactions take turns within the process.
    /// Rapport runs one process per SQLite file; several servers use PostgreSQL.
    func writeTransaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        guard !inTransaction, (self as? any SQLDatabase)?.dialect.name == "sqlite" else {
            return try await transaction(body)
        }
        await AsyncSemaphore.sqliteWriters.acquire()
        do {
            let result = try await transaction(body)
            await AsyncSemaphore.sqliteWriters.release()
            return result
        } catch {
            await AsyncSemaphore.sqliteWriters.release()
            throw error
        }
    }
}

/// A counting semaphore for async code: at most `permits` holders at once, first come, first served.
actor AsyncSemaphore {
    /// SQLite writing transactions take turns through this one.
    static let sqliteWriters = AsyncSemaphore(permits: 1)

    private var available: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(permits: Int) { available = permits }

    func acquire() async {
        if available > 0 {
            available -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty {
            available += 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
