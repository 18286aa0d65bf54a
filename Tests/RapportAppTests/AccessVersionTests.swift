import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import RapportApp

/// An API sign-in is kept while what it reads stands (``AddAccessVersion``): a change to the
/// practice, its people or their tokens shows on the very next call, and a booking, an attendance
/// mark or a token's last use leave the kept sign-in in place.
struct AccessVersionTests {
    private func numbers(_ app: Application, _ practiceID: UUID) async throws -> DataVersion.SignedIn {
        try #require(try await DataVersion.signIn(practiceID: practiceID, on: app.db.sql()))
    }

    /// The sign-in kept for `token`, as the authenticator would give it now.
    private func kept(_ app: Application, _ token: String?) async throws -> RapportApp.BearerAuthenticator.Kept? {
        let sql = try app.db.sql()
        return try await app.readCaches.tokens.value(for: TokenHasher.hash(try #require(token))) {
            try await DataVersion.signIn(practiceID: $0, on: sql)
        }
    }

    @Test func everyChangeToWhatASignInReadsMovesTheAccessNumberAndNothingElseDoes() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let practiceID = try await onlyPractice(app)
            let client = try await fixture.makeClient()
            let session = try await fixture.book(client, daysFromToday: -1)
            _ = try await fixture.api.patch("/api/v1/sessions/\(session)", #"{"attendance": "show"}"#)
            let before = try await numbers(app, practiceID)
            #expect(before.access < before.data, "a booking and an attendance mark leave the access number")

            // A token's last use is written outside the data version and is not among what counts.
            try await app.db.bookkeepingTransaction { db in
                try await db.sql().raw("UPDATE api_tokens SET last_used_at = \(bind: Date())").run()
            }
            #expect(try await numbers(app, practiceID) == before, "a token's last use counts for nothing")

            for source in AddAccessVersion.marks.sources {
                try await VersionMarksChecks.rewrite(
                    app, source, column: source.columns?.last ?? "name", practiceID: practiceID)
                let now = try await numbers(app, practiceID)
                #expect(now.access == now.data, "a change to \(source.table) moves the access number")
            }

            // A token made and one removed (the triggers' other events), seen inside the transaction.
            struct RolledBack: Error {}
            let userID = try #require(try await User.query(on: app.db).first()?.id)
            for statement: SQLQueryString in [
                """
                INSERT INTO api_tokens (id, practice_id, user_id, name, token_hash, created_at)
                VALUES (\(bind: UUID()), \(bind: practiceID), \(bind: userID), 'spare', 'hash', \(bind: Date()))
                """,
                "DELETE FROM api_tokens WHERE practice_id = \(bind: practiceID)",
            ] {
                await #expect(throws: RolledBack.self) {
                    try await app.db.writeTransaction(practice: practiceID) { db in
                        let sql = try db.sql()
                        try await sql.raw(statement).run()
                        let now = try #require(try await DataVersion.signIn(practiceID: practiceID, on: sql))
                        #expect(now.access == now.data, "a token made or removed moves the access number")
                        throw RolledBack()
                    }
                }
            }
        }
    }

    @Test func aKeptSignInOutlivesABookingAndNotARevocationOrASettingsChange() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let client = try await fixture.makeClient()
            let created = try await fixture.api.post("/api/v1/tokens", #"{"name": "Front desk"}"#)
            let desk = APIClient(app: app, token: created.json["token"].string)
            #expect(try await desk.get("/api/v1/me").status == .ok)
            let read = try #require(try await kept(app, desk.token), "the sign-in was kept")

            // A booking moves the data version on, and the kept sign-in goes on at the new one.
            let session = try await fixture.book(client, daysFromToday: 1)
            let afterBooking = try #require(try await kept(app, desk.token), "a booking leaves the sign-in kept")
            #expect(afterBooking.actor.dataVersion ?? 0 > read.actor.dataVersion ?? 0)
            #expect(afterBooking.accessVersion == read.accessVersion)
            let week =
                "/api/v1/sessions?from=\(fixture.instant(daysFromToday: -1).urlEncoded)"
                + "&to=\(fixture.instant(daysFromToday: 6).urlEncoded)"
            #expect(try await desk.get(week).json.array.compactMap { $0["id"].string } == [session])

            // The practice's settings, read with the sign-in, show on the next call.
            let renamed = try await fixture.api.patch("/api/v1/practice", #"{"timeZone": "America/Denver"}"#)
            #expect(renamed.status == .ok, "\(renamed.text)")
            #expect(try await kept(app, desk.token) == nil, "a settings change retires the kept sign-in")
            #expect(try await desk.get("/api/v1/practice").json["timeZone"].string == "America/Denver")

            // Revoked, the token stops at once, though its sign-in was kept a moment ago.
            #expect(try await kept(app, desk.token) != nil)
            let revoked = try await fixture.api.delete("/api/v1/tokens/\(created.json["id"].string ?? "")")
            #expect(revoked.status == .ok)
            #expect(try await desk.get("/api/v1/me").status == .unauthorized)
        }
    }
}
