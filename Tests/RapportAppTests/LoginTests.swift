import Foundation
import Testing
import Vapor
import VaporTesting

@testable import RapportApp

struct LoginTests {
    func signIn(_ app: Application, password: String) async throws -> TestingHTTPResponse {
        try await Browser(app: app).post("/login", form: ["email": "maya@example.com", "password": password])
    }

    @Test func theSameAnswerForAnUnknownEmailAndAWrongPassword() async throws {
        try await withRapport { app in
            _ = try await Browser.setUp(app)
            let wrong = try await signIn(app, password: "not the password at all")
            let unknown = try await Browser(app: app).post(
                "/login", form: ["email": "nobody@example.com", "password": "whatever it is"])
            #expect(wrong.status == .ok && unknown.status == .ok)
            #expect(wrong.body.string.contains("That email and password do not match an account."))
            #expect(unknown.body.string.contains("That email and password do not match an account."))
            #expect(wrong.headers.first(name: .setCookie) == nil)
        }
    }

    @Test func signingInStartsAFreshSession() async throws {
        try await withRapport { app in
            let first = try await Browser.setUp(app)
            let again = try await first.post(
                "/login", form: ["email": "maya@example.com", "password": "a long enough passphrase"])
            let newCookie = again.headers.setCookie?.all.first.map { "\($0.key)=\($0.value.string)" } ?? ""
            #expect(
                !newCookie.isEmpty && newCookie != first.cookie,
                "a session id known before sign-in is worthless after it")
            #expect(try await first.get("/calendar").status == .seeOther, "the old session ended")
        }
    }

    @Test func repeatedFailuresMakeTheNextAttemptWaitEvenWithTheRightPassword() async throws {
        try await withRapport { app in
            _ = try await Browser.setUp(app)
            for _ in 0..<LoginThrottle.freeFailuresPerAccount {
                _ = try await signIn(app, password: "wrong password number")
            }
            let blocked = try await signIn(app, password: "a long enough passphrase")
            #expect(blocked.body.string.contains("Too many attempts"))
            #expect(blocked.headers.first(name: .setCookie) == nil)
        }
    }

    @Test func theWaitDoublesAndExpiresAndASuccessClearsIt() async throws {
        try await withRapport { app in
            let start = Date()
            for second in 0..<6 {
                try await LoginThrottle(database: app.db, now: start.addingTimeInterval(Double(second)))
                    .record(email: "a@example.com", address: "10.0.0.1", succeeded: false)
            }
            let soon = try await LoginThrottle(database: app.db, now: start.addingTimeInterval(10)).wait(
                email: "a@example.com", address: "10.0.0.2")
            #expect(soon.map { $0 > 50 && $0 <= 60 } == true, "six failures: one minute from the last")
            #expect(
                try await LoginThrottle(database: app.db, now: start.addingTimeInterval(70)).wait(
                    email: "a@example.com", address: "10.0.0.2") == nil)
            #expect(
                try await LoginThrottle(database: app.db, now: start.addingTimeInterval(10)).wait(
                    email: "b@example.com", address: "10.0.0.2") == nil)
            try await LoginThrottle(database: app.db, now: start.addingTimeInterval(71)).record(
                email: "a@example.com", address: "10.0.0.2", succeeded: true)
            try await LoginThrottle(database: app.db, now: start.addingTimeInterval(72)).record(
                email: "a@example.com", address: "10.0.0.2", succeeded: false)
            #expect(
                try await LoginThrottle(database: app.db, now: start.addingTimeInterval(73)).wait(
                    email: "a@example.com", address: "10.0.0.2") == nil)
        }
    }

    @Test func aSessionEndsAfterItsIdleTimeout() async throws {
        try await withRapport { app in
            let browser = try await Browser.setUp(app)
            guard let session = try await WebSession.query(on: app.db).first() else { throw TestSetupError.badURL }
            session.lastSeenAt = Date().addingTimeInterval(-app.settings.sessionIdleTimeout - 5)
            try await session.save(on: app.db)
            #expect(try await browser.get("/calendar").status == .seeOther)
            #expect(try await WebSession.query(on: app.db).count() == 0)
        }
    }

    @Test func aSessionEndsAtItsAbsoluteLifetimeHoweverActive() async throws {
        try await withRapport { app in
            let browser = try await Browser.setUp(app)
            guard let session = try await WebSession.query(on: app.db).first() else { throw TestSetupError.badURL }
            session.expiresAt = Date().addingTimeInterval(-1)
            try await session.save(on: app.db)
            #expect(try await browser.get("/calendar").status == .seeOther)
        }
    }
}
