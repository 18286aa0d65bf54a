import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import RapportApp

/// Many practices in one database: created by a hosting operator, each with its own people and
/// data, and each with its own data version, so one's writes neither wait on nor retire another's
/// kept answers.
struct PracticeHostingTests {
    static let lakeside = """
        {"practiceName": "Lakeside Therapy", "timeZone": "America/Chicago", "currency": "USD",
         "ownerName": "Rosa Diaz", "email": "owner@example.com", "password": "another long passphrase"}
        """

    @Test func anOwnerCreatesAPracticeOnlyWhenHostingIsOnAndItsOwnerSeesOnlyIt() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            _ = try await fixture.makeClient()
            let off = try await fixture.api.post("/api/v1/practices", Self.lakeside)
            #expect(off.status == .notFound, "no hosting unless the server is started with RAPPORT_HOSTING=1")

            var settings = app.settings
            settings.hosting = true
            app.storage[SettingsKey.self] = settings
            let bad = try await fixture.api.post(
                "/api/v1/practices",
                #"{"practiceName": "", "timeZone": "Mars/Olympus", "currency": "USD", "ownerName": "R", "email": "r@example.com", "password": "another long passphrase"}"#
            )
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.json["error"]["fields"]["timeZone"].string != nil && bad.json["error"]["fields"]["practiceName"].string != nil)
            #expect(try await Practice.query(on: app.db).count() == 1, "nothing written")

            let made = try await fixture.api.post("/api/v1/practices", Self.lakeside)
            #expect(made.status == .created, "\(made.text)")
            let rosa = APIClient(app: app, token: made.json["token"].string)
            #expect(try await rosa.get("/api/v1/practice").json["name"].string == "Lakeside Therapy")
            #expect(try await rosa.get("/api/v1/clients").json.array.isEmpty, "another practice's clients are not hers")
            #expect(try await fixture.api.get("/api/v1/clients").json.array.count == 1)
            let hosted = try await AuditEvent.query(on: app.db).filter(\.$action == "host").all()
            #expect(hosted.count == 1 && hosted.first?.entityID.uuidString == made.json["practiceId"].string)

            // The same email in both practices: the password picks the account.
            let maya = try await Browser.signIn(app, email: "owner@example.com", password: "correct horse battery")
            #expect(try await maya.get("/calendar").body.string.contains("Riverside Counseling"))
            let lakeside = try await Browser.signIn(app, email: "owner@example.com", password: "another long passphrase")
            #expect(try await lakeside.get("/calendar").body.string.contains("Lakeside Therapy"))
        }
    }

    @Test func onePracticesChangeMovesOnlyItsOwnVersionAndKeepsTheOthersAnswers() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let other = try await SecondPractice.make(app)
            let sql = try app.db.sql()
            let riverside = try #require(try await Practice.query(on: app.db).filter(\.$name == "Riverside Counseling").first()).requireID()
            let elsewhere = try #require(try await Practice.query(on: app.db).filter(\.$name == "Elsewhere").first()).requireID()
            let (from, to) = ("2026-12-07T00:00:00Z", "2026-12-14T00:00:00Z")
            #expect(try await other.api.get("/api/v1/sessions?from=\(from)&to=\(to)").status == .ok)
            let theirs = try await DataVersion.current(practiceID: elsewhere, on: sql)
            let ours = try await DataVersion.current(practiceID: riverside, on: sql)

            _ = try await fixture.makeClient()
            #expect(try await DataVersion.current(practiceID: riverside, on: sql) == ours + 1)
            #expect(try await DataVersion.current(practiceID: elsewhere, on: sql) == theirs, "the other practice's number stands")
            // Our practice keeps an answer at its new number; theirs stays.
            #expect(try await fixture.api.get("/api/v1/sessions?from=\(from)&to=\(to)").status == .ok)
            let key = SessionListKey(
                practiceID: elsewhere, calendars: .practice,
                range: .init(
                    from: try #require(RFC3339.parse(from)), to: try #require(RFC3339.parse(to)), clinicianIDs: [],
                    clientID: nil, limit: 2000))
            let kept = app.readCaches.sessionLists.value(for: key, at: theirs)
            #expect(kept != nil, "a write in one practice leaves another's kept answers")
        }
    }
}

/// The settings a host sets for many practices: the pool and the hosting API.
struct HostingSettingsTests {
    @Test func thePoolIsSharedAmongEventLoopsAndHostingIsOffUnlessAsked() {
        let standard = Settings.fromEnvironment([:])
        #expect(standard.databasePool == 20 && !standard.hosting)
        #expect(standard.connectionsPerEventLoop(loops: 2) == 10, "two servers at the default use 40 of 100")
        #expect(standard.connectionsPerEventLoop(loops: 32) == 1, "never none")
        let set = Settings.fromEnvironment(["RAPPORT_DB_POOL": "8", "RAPPORT_HOSTING": "1"])
        #expect(set.databasePool == 8 && set.hosting)
        #expect(Settings.fromEnvironment(["RAPPORT_DB_POOL": "0"]).databasePool == 1)
        #expect(Settings.fromEnvironment(["RAPPORT_DB_POOL": "many"]).databasePool == 20)
        #expect(!Settings.fromEnvironment(["RAPPORT_HOSTING": "yes please"]).hosting)
    }
}
