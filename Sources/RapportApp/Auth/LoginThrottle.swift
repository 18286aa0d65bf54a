import Fluent
import SQLKit
import Foundation
import Vapor

extension Request {
    /// Where the request came from, as the throttle counts it.
    var clientAddress: String { remoteAddress?.ipAddress ?? "unknown" }
}

/// Slows password guessing without locking the real person out for long.
///
/// Failures since the last success are counted per account (email) and per network address over a
/// 15-minute window. The first few are free; after that each further attempt must wait, doubling
/// from 30 seconds up to 15 minutes. Nothing is permanently locked: the window slides.
struct LoginThrottle {
    let database: any Database
    var now = Date()

    static let window: TimeInterval = 15 * 60
    static let freeFailuresPerAccount = 5
    static let freeFailuresPerAddress = 20

    /// The right to check one password, or how long to wait first.
    enum Claim {
        case granted(UUID)
        case wait(TimeInterval)
    }

    /// Claims one password check. Counting the earlier failures and recording this attempt happen
    /// in one transaction that holds the account's and the address's turn (SQLite's writers take
    /// turns anyway; on PostgreSQL an advisory lock per email and per address, always taken in that
    /// order), so parallel requests are counted one after another: the first few go ahead, the rest
    /// wait — however many arrive at once. The attempt is recorded as a failure until ``finish``
    /// says otherwise, so a crash mid-check counts against the guesser.
    func claim(email: String, address: String) async throws -> Claim {
        try await database.bookkeepingTransaction { db in
            if let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" {
                for key in ["login-email:\(email)", "login-address:\(address)"] {
                    try await sql.raw("SELECT pg_advisory_xact_lock(hashtext(\(bind: key)))").run()
                }
            }
            if let wait = try await LoginThrottle(database: db, now: now).wait(email: email, address: address) {
                return .wait(wait)
            }
            let attempt = LoginAttempt(email: email, address: address, succeeded: false, at: now)
            try await attempt.create(on: db)
            return .granted(try attempt.requireID())
        }
    }

    /// Settles a granted claim: a success clears the way for the next attempts.
    func finish(_ claim: UUID, succeeded: Bool) async throws {
        try await database.bookkeepingTransaction { db in
            if succeeded {
                try await LoginAttempt.query(on: db).filter(\.$id == claim).set(\.$succeeded, to: true).update()
            }
            // Old attempts say nothing any more.
            try await LoginAttempt.query(on: db).filter(\.$at < now.addingTimeInterval(-24 * 3600)).delete()
        }
    }

    /// How long the next attempt must wait, or nil when it may go ahead.
    func wait(email: String, address: String) async throws -> TimeInterval? {
        let since = now.addingTimeInterval(-Self.window)
        let byAccount = try await failures(\.$email, email, since: since)
        let byAddress = try await failures(\.$address, address, since: since)
        let waits = [
            delay(failures: byAccount.count, free: Self.freeFailuresPerAccount, last: byAccount.last),
            delay(failures: byAddress.count, free: Self.freeFailuresPerAddress, last: byAddress.last),
        ].compactMap { $0 }
        return waits.max().flatMap { $0 > 0 ? $0 : nil }
    }

    /// Records a finished attempt in one step (tests and tools; requests use ``claim`` and ``finish``).
    func record(email: String, address: String, succeeded: Bool) async throws {
        try await database.bookkeepingTransaction { db in
            try await LoginAttempt(email: email, address: address, succeeded: succeeded, at: now).create(on: db)
        }
    }

    /// Failures in the window after the last success, oldest first.
    private func failures(
        _ key: KeyPath<LoginAttempt, FieldProperty<LoginAttempt, String>>, _ value: String, since: Date
    ) async throws -> [Date] {
        let attempts = try await LoginAttempt.query(on: database).filter(key == value).filter(\.$at >= since)
            .sort(\.$at).all()
        let afterSuccess = attempts.lastIndex(where: \.succeeded).map { attempts.suffix(from: $0 + 1) } ?? attempts[...]
        return afterSuccess.map(\.at)
    }

    /// 30 s, 60 s, 120 s … up to the window, counted from the last failure.
    private func delay(failures: Int, free: Int, last: Date?) -> TimeInterval? {
        guard failures >= free, let last else { return nil }
        let seconds = min(Self.window, 30 * pow(2, Double(failures - free)))
        return last.addingTimeInterval(seconds).timeIntervalSince(now)
    }
}
