import Fluent
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

    /// How long this attempt must wait, or nil when it may go ahead.
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

    func record(email: String, address: String, succeeded: Bool) async throws {
        try await database.writeTransaction(changesData: false) { db in
            try await LoginAttempt(email: email, address: address, succeeded: succeeded, at: now).create(on: db)
            // Old attempts say nothing any more.
            try await LoginAttempt.query(on: db).filter(\.$at < now.addingTimeInterval(-24 * 3600)).delete()
        }
    }

    /// Failures in the window after the last success, oldest first.
    private func failures(
        _ key: KeyPath<LoginAttempt, FieldProperty<LoginAttempt, String>>, _ value: String, since: Date
    ) async throws -> [Date] {
        let attempts = try await LoginAttempt.query(on: database).filter(key == value).filter(\.$at >= since).sort(
            \.$at
        ).all()
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
