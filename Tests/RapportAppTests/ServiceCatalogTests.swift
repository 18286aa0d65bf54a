import Testing
import Vapor

@testable import RapportApp

struct ServiceCatalogTests {
    @Test func listsServicesWithTheirCurrentRate() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let list = try await fixture.api.get("/api/v1/services")
            #expect(list.json.array.map { $0["code"].string } == ["90834", "90837"])
            #expect(list.json[0]["rate"]["amount"].int == 15000)
            #expect(list.json[0]["isPracticeDefault"].bool == true)
        }
    }

    @Test func refusesBadServices() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let duplicate = try await fixture.api.post(
                "/api/v1/services",
                #"{"code": "90834", "description": "again", "rate": {"amount": 100, "currency": "USD"}}"#)
            #expect(duplicate.json["error"]["fields"]["code"].string == "is already used by another service")
            let negative = try await fixture.api.post(
                "/api/v1/services",
                #"{"code": "90832", "description": "30 min", "rate": {"amount": -1, "currency": "USD"}}"#)
            #expect(negative.status == .unprocessableEntity)
            #expect(negative.json["error"]["fields"]["rate.amount"].string == "must not be negative")
            let euros = try await fixture.api.post(
                "/api/v1/services",
                #"{"code": "90832", "description": "30 min", "rate": {"amount": 100, "currency": "EUR"}}"#)
            #expect(euros.json["error"]["fields"]["rate.currency"].string?.contains("USD") == true)
            let absurd = try await fixture.api.post(
                "/api/v1/services",
                #"{"code": "90832", "description": "x", "durationMinutes": 0, "rate": {"amount": 99999999999, "currency": "USD"}}"#
            )
            #expect(absurd.json["error"]["fields"]["rate.amount"].string == "is too large")
            #expect(absurd.json["error"]["fields"]["durationMinutes"].string != nil)
            #expect(try await fixture.api.get("/api/v1/services").json.array.count == 2, "nothing was written")
        }
    }

    @Test func aServiceInUseIsDeactivatedNotDeleted() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let client = try await fixture.makeClient()
            _ = try await fixture.api.post(
                "/api/v1/sessions",
                """
                {"clientId": "\(client)", "start": "\(fixture.instant(daysFromToday: 1))", "serviceId": "\(fixture.therapy60)"}
                """)
            let delete = try await fixture.api.delete("/api/v1/services/\(fixture.therapy60)")
            #expect(delete.status == .conflict)
            #expect(delete.json["error"]["code"].string == "service_in_use")
            let deactivate = try await fixture.api.patch("/api/v1/services/\(fixture.therapy60)", #"{"active": false}"#)
            #expect(deactivate.json["active"].bool == false)
            let unused = try await fixture.api.post(
                "/api/v1/services",
                #"{"code": "90853", "description": "Group", "rate": {"amount": 6000, "currency": "USD"}}"#)
            #expect(
                try await fixture.api.delete("/api/v1/services/\(unused.json["id"].string ?? "")").status == .noContent)
        }
    }

    @Test func aRateChangeFromADateRepricesOnlyUnbilledSessionsFromThen() async throws {
        try await withRapport { app in
            // setup
            let fixture = try await PracticeFixture.make(app)
            let client = try await fixture.makeClient()
            let early = try await fixture.api.post(
                "/api/v1/sessions", #"{"clientId": "\#(client)", "start": "\#(fixture.instant(daysFromToday: 3))"}"#)
            let late = try await fixture.api.post(
                "/api/v1/sessions", #"{"clientId": "\#(client)", "start": "\#(fixture.instant(daysFromToday: 10))"}"#)
            // act
            let from = fixture.zone.localDate(Date()).adding(days: 7)
            let change = try await fixture.api.patch(
                "/api/v1/services/\(fixture.therapy45)",
                #"{"rate": \#(fixture.money(16000)), "rateEffectiveFrom": "\#(from)"}"#)
            // check
            #expect(change.json["rates"].array.count == 2, "the earlier rate is kept")
            #expect(
                try await fixture.api.get("/api/v1/sessions/\(early.json["id"].string ?? "")").json["fee"]["amount"].int
                    == 15000)
            #expect(
                try await fixture.api.get("/api/v1/sessions/\(late.json["id"].string ?? "")").json["fee"]["amount"].int
                    == 16000)
        }
    }
}
