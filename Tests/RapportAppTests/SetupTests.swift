import Testing
import Vapor

@testable import RapportApp

struct SetupTests {
    @Test func setupCreatesThePracticeOnceAndReturnsAWorkingToken() async throws {
        try await withRapport { app in
            // setup
            let fixture = try await PracticeFixture.make(app)
            // act
            let practice = try await fixture.api.get("/api/v1/practice")
            let again = try await APIClient(app: app).post(
                "/api/v1/setup",
                """
                {"practiceName": "Second", "timeZone": "Europe/London", "currency": "GBP", "ownerName": "X", "email": "x@example.com", "password": "long enough password"}
                """)
            // check
            #expect(practice.status == .ok)
            #expect(practice.json["name"].string == "Riverside Counseling")
            #expect(
                practice.json["defaultServiceId"].string == fixture.therapy45, "the first service becomes the default")
            #expect(again.status == .conflict)
            #expect(again.json["error"]["code"].string == "already_set_up")
        }
    }

    @Test func setupNamesEveryBadField() async throws {
        try await withRapport { app in
            let reply = try await APIClient(app: app).post(
                "/api/v1/setup",
                """
                {"practiceName": "", "timeZone": "Mars/Olympus", "currency": "XYZ", "ownerName": "Maya", "email": "not-an-email", "password": "short"}
                """)
            #expect(reply.status == .unprocessableEntity)
            let fields = reply.json["error"]["fields"]
            for field in ["practiceName", "timeZone", "currency", "email", "password"] {
                #expect(fields[field].string != nil, "\(field) missing from \(reply.text)")
            }
            #expect(try await APIClient(app: app).post("/api/v1/setup", "{}").status == .unprocessableEntity)
        }
    }

    @Test func malformedJSONIsABadRequestNotACrash() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let broken = try await fixture.api.post("/api/v1/clients", #"{"firstName": "Avery", "#)
            #expect(broken.status == .badRequest)
            #expect(broken.json["error"]["code"].string == "malformed_request")
            let wrongType = try await fixture.api.post(
                "/api/v1/services", #"{"code": 90834, "description": "x", "rate": {"amount": 1, "currency": "USD"}}"#)
            #expect(wrongType.status == .badRequest)
            #expect(wrongType.json["error"]["fields"]["code"].string != nil, "\(wrongType.text)")
            let unknown = try await fixture.api.patch("/api/v1/practice", #"{"nmae": "typo"}"#)
            #expect(unknown.status == .badRequest)
            #expect(unknown.json["error"]["message"].string?.contains("nmae") == true)
        }
    }

    @Test func everyAPIRouteButSetupNeedsAToken() async throws {
        try await withRapport { app in
            _ = try await PracticeFixture.make(app)
            let anonymous = try await APIClient(app: app).get("/api/v1/clients")
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.json["error"]["code"].string == "unauthenticated")
            let forged = try await APIClient(app: app, token: "rpt_not-a-real-token").get("/api/v1/practice")
            #expect(forged.status == .unauthorized)
        }
    }

    @Test func healthAnswersFromTheProcessAndReadinessFromTheDatabase() async throws {
        try await withRapport { app in
            let health = try await APIClient(app: app).get("/healthz")
            #expect(health.status == .ok && health.json["status"].string == "ok")
            let ready = try await APIClient(app: app).get("/readyz")
            #expect(ready.status == .ok && ready.json["status"].string == "ok")
        }
    }

    @Test func tokensAreStoredOnlyAsHashes() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let stored = try await APIToken.query(on: app.db).all().map(\.tokenHash)
            #expect(stored.count == 1)
            #expect(!stored.contains(fixture.api.token ?? ""))
            #expect(stored.first == TokenHasher.hash(fixture.api.token ?? ""))
        }
    }
}

struct TokenTests {
    @Test func aNamedTokenIsShownOnceWorksAndStopsAtOnceWhenRevoked() async throws {
        try await withRapport { app in
            // setup
            let fixture = try await PracticeFixture.make(app)
            // act
            let created = try await fixture.api.post("/api/v1/tokens", #"{"name": "Accounting export"}"#)
            let secret = created.json["token"].string ?? ""
            let other = APIClient(app: app, token: secret)
            let before = try await other.get("/api/v1/clients")
            let listed = try await fixture.api.get("/api/v1/tokens")
            let revoked = try await fixture.api.delete("/api/v1/tokens/\(created.json["id"].string ?? "")")
            let after = try await other.get("/api/v1/clients")
            // check
            #expect(created.status == .created)
            #expect(secret.hasPrefix("rpt_"))
            #expect(before.status == .ok)
            #expect(listed.json.array.map { $0["name"].string }.contains("Accounting export"))
            #expect(!listed.text.contains(secret), "the list never shows a secret")
            #expect(revoked.json["revokedAt"].string != nil)
            #expect(after.status == .unauthorized)
            #expect(
                try await fixture.api.post("/api/v1/tokens", #"{"name": " "}"#).json["error"]["fields"]["name"].string
                    == "is required")
        }
    }
}
