import Fluent
import Foundation
import NIOCore
import Testing
import Vapor

@testable import RapportApp

/// Kept answers (``ReadCache``), shelved by practice, are given again only while nothing of their
/// practice has changed since.
struct ReadCacheTests {
    let a = UUID()
    let b = UUID()

    struct Key: PracticeScoped {
        let practiceID: UUID
        let name: String
    }

    @Test func aNewerVersionRetiresOnlyItsOwnPracticesAnswers() {
        let cache = ReadCache<Key, String>("test", capacity: 100, metrics: nil, size: { $0.count })
        cache.store("a1", for: Key(practiceID: a, name: "week"), at: 1)
        cache.store("b7", for: Key(practiceID: b, name: "week"), at: 7)
        #expect(cache.value(for: Key(practiceID: a, name: "week"), at: 1) == "a1")
        #expect(cache.value(for: Key(practiceID: a, name: "week"), at: nil) == nil, "no version read, nothing given")
        cache.store("b8", for: Key(practiceID: b, name: "week"), at: 8)
        #expect(cache.value(for: Key(practiceID: b, name: "week"), at: 7) == nil, "retired by its practice's change")
        #expect(cache.value(for: Key(practiceID: b, name: "week"), at: 8) == "b8")
        #expect(cache.value(for: Key(practiceID: a, name: "week"), at: 1) == "a1", "the other practice's answer stays")
        cache.store("late", for: Key(practiceID: b, name: "day"), at: 7)
        #expect(cache.value(for: Key(practiceID: b, name: "day"), at: 7) == nil, "an older version keeps nothing")
    }

    @Test func whenFullThePracticeKeptLongestAgoMakesRoom() {
        let cache = ReadCache<Key, String>("test", capacity: 10, metrics: nil, size: { $0.count })
        cache.store("aaaa", for: Key(practiceID: a, name: "1"), at: 1)
        cache.store("bbbb", for: Key(practiceID: b, name: "1"), at: 1)
        let c = UUID()
        cache.store("cccc", for: Key(practiceID: c, name: "1"), at: 1)
        #expect(cache.value(for: Key(practiceID: a, name: "1"), at: 1) == nil, "the oldest practice made room")
        #expect(cache.value(for: Key(practiceID: b, name: "1"), at: 1) == "bbbb")
        #expect(cache.value(for: Key(practiceID: c, name: "1"), at: 1) == "cccc")
        cache.store("far too large for it", for: Key(practiceID: a, name: "2"), at: 1)
        #expect(cache.value(for: Key(practiceID: b, name: "1"), at: 1) == "bbbb", "an answer larger than the cache evicts nothing")
    }

    @Test func aNewAnswerForAKeyReplacesItsOldOne() {
        let cache = ReadCache<Key, ByteBuffer>("test", bytes: 10, metrics: nil)
        cache.store(ByteBuffer(string: "123456"), for: Key(practiceID: a, name: "x"), at: 1)
        cache.store(ByteBuffer(string: "1234567890"), for: Key(practiceID: a, name: "x"), at: 1)
        #expect(cache.value(for: Key(practiceID: a, name: "x"), at: 1)?.readableBytes == 10)
    }

    @Test func theShelfsNumberIsAskedForOnlyWhenThePracticeChangedSinceItWasFoundStanding() async {
        let cache = ReadCache<Key, String>("test", capacity: 100, metrics: nil, size: { $0.count })
        let key = Key(practiceID: a, name: "week")
        /// What a look finds, and the number it was given: `number` when the shelf's was asked for.
        func look(signedInAt data: Int64, number: Int64) async -> (value: String?, version: Int64?) {
            await cache.value(for: key, dataVersion: data) { number }
        }
        var found = await look(signedInAt: 10, number: 3)
        #expect(found.value == nil && found.version == 3)
        cache.store("w3", for: key, at: 3, dataVersion: 10)
        found = await look(signedInAt: 10, number: 99)
        #expect(found.value == "w3" && found.version == 3, "nothing of the practice changed: not asked")
        found = await look(signedInAt: 11, number: 3)
        #expect(found.value == "w3" && found.version == 3, "the practice changed, the shelf's number stands")
        found = await look(signedInAt: 11, number: 99)
        #expect(found.value == "w3" && found.version == 3, "found standing at 11: not asked again")
        found = await look(signedInAt: 12, number: 4)
        #expect(found.value == nil && found.version == 4, "the shelf's number moved")
        found = await look(signedInAt: 11, number: 4)
        #expect(found.value == "w3" && found.version == 3, "a sign-in from before the change: what stood then")
        found = await cache.value(for: key, dataVersion: nil) { 3 }
        #expect(found.value == "w3", "no sign-in's number: asked")
    }
}

/// Through the API: the calendar, the client screen and sign-ins are kept, and every change shows
/// at once.
struct CachedReadsTests {
    @Test func theCalendarShowsEveryChangeRightAfterItsAnswerWasKept() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let client = try await fixture.makeClient()
            let first = try await fixture.book(client, daysFromToday: 1)
            let week =
                "/api/v1/sessions?from=\(fixture.instant(daysFromToday: -1).urlEncoded)"
                + "&to=\(fixture.instant(daysFromToday: 6).urlEncoded)"
            func ids() async throws -> [String] {
                try await fixture.api.get(week).json.array.compactMap { $0["id"].string }
            }
            #expect(try await ids() == [first])
            let version = try #require(
                try await DataVersion.calendar(
                    practiceID: try await onlyPractice(app), clinicianIDs: nil, on: app.db.sql())?.number)
            let key = SessionListKey(
                practiceID: try #require(try await Practice.query(on: app.db).first()?.id), calendars: .practice,
                range: .init(
                    from: try #require(RFC3339.parse(fixture.instant(daysFromToday: -1))),
                    to: try #require(RFC3339.parse(fixture.instant(daysFromToday: 6))), clinicianIDs: [],
                    clientID: nil, limit: 2000))
            #expect(app.readCaches.sessionLists.value(for: key, at: version) != nil, "the answer was kept")
            // Asked for afresh, an answer is worked out and not kept.
            let longer =
                "/api/v1/sessions?from=\(fixture.instant(daysFromToday: -2).urlEncoded)"
                + "&to=\(fixture.instant(daysFromToday: 6).urlEncoded)"
            let longerKey = SessionListKey(
                practiceID: key.practiceID, calendars: .practice,
                range: .init(
                    from: try #require(RFC3339.parse(fixture.instant(daysFromToday: -2))), to: key.range.to,
                    clinicianIDs: [], clientID: nil, limit: 2000))
            _ = try await fixture.api.send(.GET, longer, headers: ["Cache-Control": "no-cache"])
            #expect(app.readCaches.sessionLists.value(for: longerKey, at: version) == nil, "not kept when asked afresh")
            _ = try await fixture.api.get(longer)
            #expect(app.readCaches.sessionLists.value(for: longerKey, at: version) != nil)
            // What is kept is what is given, unless the caller asks for it afresh.
            app.readCaches.sessionLists.store(ByteBuffer(string: "[]"), for: key, at: version)
            #expect(try await fixture.api.get(week).text == "[]")
            let fresh = try await fixture.api.send(.GET, week, headers: ["Cache-Control": "no-cache"])
            #expect(fresh.json.array.compactMap { $0["id"].string } == [first])

            // A new session, a new fee for the client, an invoice, a deletion: each shows at once.
            let second = try await fixture.book(client, daysFromToday: 2)
            #expect(try await ids() == [first, second])
            let fee = try await fixture.api.patch(
                "/api/v1/clients/\(client)/billing",
                #"{"fees": [{"serviceId": "\#(fixture.therapy45)", "amount": \#(fixture.money(9900))}]}"#)
            #expect(fee.status == .ok, "\(fee.text)")
            #expect(try await fixture.api.get(week).json.array.map { $0["fee"]["amount"].int } == [9900, 9900])
            _ = try await fixture.api.patch("/api/v1/sessions/\(first)", #"{"attendance": "show"}"#)
            _ = try await fixture.invoice(client, [first])
            #expect(try await fixture.api.get(week).json.array.map { $0["billed"].bool } == [true, false])
            #expect(try await fixture.api.delete("/api/v1/sessions/\(second)").status == .ok)
            #expect(try await ids() == [first])
        }
    }

    @Test func aRoleChangeOrDeactivationTakesEffectOnTheVeryNextCall() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let client = try await fixture.makeClient()
            let staff = try await StaffTests().addStaff(fixture, "biller", email: "sam@example.com")
            let booking = #"{"clientId": "\#(client)", "start": "\#(fixture.instant(daysFromToday: 1))"}"#
            #expect(try await staff.api.post("/api/v1/sessions", booking).status == .forbidden)
            _ = try await fixture.api.patch("/api/v1/users/\(staff.id)", #"{"role": "admin"}"#)
            #expect(try await staff.api.post("/api/v1/sessions", booking).status == .created)
            _ = try await fixture.api.patch("/api/v1/users/\(staff.id)", #"{"active": false}"#)
            #expect(try await staff.api.get("/api/v1/me").status == .unauthorized)
        }
    }

    @Test func everyLookAtAKeptClientScreenIsAuditedAndLookingChangesNothing() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let client = try await fixture.makeClient()
            let before = try await DataVersion.current(practiceID: try await onlyPractice(app), on: app.db.sql())
            let first = try await fixture.api.get("/api/v1/clients/\(client)/overview")
            let second = try await fixture.api.get("/api/v1/clients/\(client)/overview")
            #expect(first.status == .ok && first.text == second.text)
            #expect(
                try await DataVersion.current(practiceID: try await onlyPractice(app), on: app.db.sql()) == before,
                "the audit of a look is bookkeeping, not a change: the kept screen stays true")
            let reads = try await AuditEvent.query(on: app.db).filter(\.$action == "read").count()
            #expect(reads == 2, "each look is recorded, kept or not")

            let session = try await fixture.book(client, daysFromToday: 3)
            let after = try await fixture.api.get("/api/v1/clients/\(client)/overview")
            #expect(after.json["upcoming"].array.compactMap { $0["id"].string } == [session])
        }
    }

    @Test func aKeptClientPageShowsAChangeMadeThroughTheAPIAtOnce() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let client = try await fixture.makeClient("Avery", "Nguyen")
            let browser = try await Browser.signIn(app, email: "owner@example.com", password: "correct horse battery")
            let first = try await browser.get("/clients/\(client)").body.string
            #expect(first.contains("Avery Nguyen"))
            #expect(
                try await browser.get("/clients/\(client)").body.string == first, "the second look is the kept page")
            let renamed = try await fixture.api.patch("/api/v1/clients/\(client)", #"{"firstName": "Ari"}"#)
            #expect(renamed.status == .ok, "\(renamed.text)")
            let after = try await browser.get("/clients/\(client)").body.string
            #expect(after.contains("Ari Nguyen") && !after.contains("Avery Nguyen"))
            let reads = try await AuditEvent.query(on: app.db).filter(\.$action == "read").filter(
                \.$entityID == UUID(
                    uuidString: client) ?? UUID()
            ).count()
            #expect(reads == 3, "each look at the page is recorded, kept or not")
        }
    }

    @Test func aKeptCalendarPageShowsEveryChangeAtOnceAndCarriesItsOwnSessionsToken() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let client = try await fixture.makeClient("Avery", "Nguyen")
            let first = try await fixture.book(client, daysFromToday: 1)
            let day = "/calendar?view=day&date=\(fixture.date(daysFromToday: 1))"
            let one = try await Browser.signIn(app, email: "owner@example.com", password: "correct horse battery")
            let page = try await one.get(day).body.string
            #expect(page.contains(first) && page.contains("Avery Nguyen") && page.contains(one.csrf))
            #expect(try await one.get(day).body.string == page, "the second look is the kept page")
            let other = try await Browser.signIn(app, email: "owner@example.com", password: "correct horse battery")
            let theirs = try await other.get(day).body.string
            #expect(theirs.contains(other.csrf) && !theirs.contains(one.csrf), "each sign-in's forms carry its own token")

            // A rename, a booking, a deletion: each shows on the very next look.
            #expect(try await fixture.api.patch("/api/v1/clients/\(client)", #"{"firstName": "Ari"}"#).status == .ok)
            let renamed = try await one.get(day).body.string
            #expect(renamed.contains("Ari Nguyen") && !renamed.contains("Avery Nguyen"))
            let second = try await fixture.book(client, daysFromToday: 1)
            #expect(try await one.get(day).body.string.contains(second))
            #expect(try await fixture.api.delete("/api/v1/sessions/\(first)").status == .ok)
            let after = try await one.get(day).body.string
            #expect(!after.contains(first) && after.contains(second))
        }
    }
}

/// The id of the test's one practice.
func onlyPractice(_ app: Application) async throws -> UUID {
    try #require(try await Practice.query(on: app.db).first()).requireID()
}
