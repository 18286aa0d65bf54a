import Foundation
import Testing
import Vapor
import VaporTesting

@testable import RapportApp

/// A session's place of service: its own, its series', or (left out) the practice's usual place.
struct PlaceOfServiceTests {
    @Test func aSessionAndASeriesCarryTheirPlaceAndNullReturnsToThePracticesUsualPlace() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let client = try await practice.makeClient()
            let booked = try await practice.api.post(
                "/api/v1/sessions",
                #"{"clientId": "\#(client)", "start": "\#(practice.instant(daysFromToday: 1))", "placeOfService": "10"}"#
            )
            #expect(booked.status == .created, "\(booked.text)")
            #expect(booked.json["placeOfService"].string == "10")
            let id = booked.json["id"].string ?? ""
            let back = try await practice.api.patch("/api/v1/sessions/\(id)", #"{"placeOfService": null}"#)
            #expect(back.json["placeOfService"].isNull)
            let refused = try await practice.api.patch("/api/v1/sessions/\(id)", #"{"placeOfService": "office"}"#)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.json["error"]["fields"]["placeOfService"].string?.contains("two-digit") == true)
            let start = practice.zone.local(Date().addingTimeInterval(86_400 * 2)).description.prefix(11) + "09:00"
            let series = try await practice.api.post(
                "/api/v1/series",
                #"{"clientId": "\#(client)", "clinicianId": "\#(practice.clinicianID)", "start": "\#(start)", "rule": "FREQ=WEEKLY;COUNT=3", "placeOfService": "02"}"#
            )
            #expect(series.status == .created, "\(series.text)")
            #expect(series.json["placeOfService"].string == "02")
            #expect(series.json["occurrences"].array.allSatisfy { $0["placeOfService"].string == "02" })
            let first = series.json["occurrences"][0]["id"].string ?? ""
            let all = try await practice.api.patch("/api/v1/sessions/\(first)?scope=all", #"{"placeOfService": "11"}"#)
            #expect(all.status == .ok, "\(all.text)")
            let reread = try await practice.api.get("/api/v1/series/\(series.json["id"].string ?? "")")
            #expect(reread.json["occurrences"].array.allSatisfy { $0["placeOfService"].string == "11" })
        }
    }

    @Test func theNewSessionFormTakesAPlaceOfServiceAndRefusesOneItDoesNotOffer() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let client = try await practice.makeClient()
            let browser = try await Browser.signIn(app, email: "owner@example.com", password: "correct horse battery")
            let day = practice.zone.localDate(Date()).adding(days: 2).description
            var form = [
                "client": client, "clinician": practice.clinicianID, "date": day, "time": "10:00", "repeat": "never",
                "placeOfService": "1",
            ]
            let refused = try await browser.post("/sessions/new", form: form)
            #expect(refused.status == .ok)
            #expect(refused.body.string.contains(#"id="error-placeOfService""#))
            form["placeOfService"] = "10"
            let booked = try await browser.post("/sessions/new", form: form)
            #expect(booked.status == .seeOther, "\(booked.body.string)")
            let location = try #require(booked.headers.first(name: .location))
            let id = try #require(location.components(separatedBy: "open=").last)
            #expect(try await practice.api.get("/api/v1/sessions/\(id)").json["placeOfService"].string == "10")
        }
    }

    @Test func theCalendarPanelChangesThePlaceOfServiceForASeriesAndBack() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let client = try await practice.makeClient()
            let series = try await practice.bookWeekly(client, startingDaysFromToday: 2, count: 3)
            let first = series["occurrences"][0]["id"].string ?? ""
            let browser = try await Browser.signIn(app, email: "owner@example.com", password: "correct horse battery")
            let panel = try await browser.get("/calendar/sessions/\(first)").body.string
            #expect(panel.contains(#"name="placeOfService""#) && panel.contains("10 — Telehealth in the client"))
            func edit(_ place: String, scope: String) async throws -> TestingHTTPResponse {
                try await browser.post(
                    "/calendar/sessions/\(first)/edit",
                    form: ["serviceId": "", "fee": "", "placeOfService": place, "scope": scope, "return": "/calendar"])
            }
            let refused = try await edit("1", scope: "this")
            #expect(refused.body.string.contains(#"id="error-placeOfService""#), "a code it does not offer is named")
            #expect(try await edit("10", scope: "all").status == .seeOther)
            let reread = try await practice.api.get("/api/v1/series/\(series["id"].string ?? "")")
            #expect(reread.json["occurrences"].array.allSatisfy { $0["placeOfService"].string == "10" })
            #expect(try await edit("", scope: "this").status == .seeOther)
            let session = try await practice.api.get("/api/v1/sessions/\(first)")
            #expect(session.json["placeOfService"].isNull, "empty: the practice's usual place again")
        }
    }
}
