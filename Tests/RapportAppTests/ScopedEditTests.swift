import Fluent
import Foundation
import Testing
import Vapor

@testable import RapportApp

/// "This session only / This and all future sessions / All sessions in the series".
struct ScopedEditTests {
    struct Booked {
        let fixture: PracticeFixture
        let seriesID: String
        let sessions: [JSON]
    }

    /// A weekly series of 12 sessions starting tomorrow at 09:00.
    func book(_ app: Application) async throws -> Booked {
        let fixture = try await PracticeFixture.make(app)
        let client = try await fixture.makeClient()
        let series = try await fixture.bookWeekly(client, startingDaysFromToday: 1)
        return Booked(fixture: fixture, seriesID: series["id"].string ?? "", sessions: series["occurrences"].array)
    }

    func localTimes(_ booked: Booked, series: String) async throws -> [String] {
        let read = try await booked.fixture.api.get("/api/v1/series/\(series)")
        return read.json["occurrences"].array.compactMap { $0["start"].string }.compactMap(RFC3339.parse)
            .map { booked.fixture.zone.local($0).description.suffix(8).description }
    }

    @Test func thisSessionOnlyMovesOneAndLaterSeriesEditsLeaveItAlone() async throws {
        try await withRapport { app in
            let booked = try await book(app)
            let third = booked.sessions[2]["id"].string ?? ""
            let moved = try await booked.fixture.api.patch(
                "/api/v1/sessions/\(third)?scope=this",
                #"{"start": "\#(booked.fixture.instant(daysFromToday: 15, at: "14:00"))"}"#)
            #expect(moved.json["changed"][0]["editedIndividually"].bool == true)
            let all = try await booked.fixture.api.patch(
                "/api/v1/sessions/\(booked.sessions[0]["id"].string ?? "")?scope=all", #"{"durationMinutes": 60}"#)
            #expect(all.json["kept"].array.map { $0["reason"].string } == ["editedIndividually"])
            #expect(all.json["changed"].array.count == 11)
            #expect(try await booked.fixture.api.get("/api/v1/sessions/\(third)").json["durationMinutes"].int == 45)
        }
    }

    @Test func thisAndFollowingSplitsTheSeries() async throws {
        try await withRapport { app in
            let booked = try await book(app)
            let fifth = booked.sessions[4]["id"].string ?? ""
            let reply = try await booked.fixture.api.patch(
                "/api/v1/sessions/\(fifth)?scope=following",
                """
                {"start": "\(booked.fixture.instant(daysFromToday: 29, at: "10:30"))", "fee": \(booked.fixture.money(14000))}
                """)
            #expect(reply.status == .ok, "\(reply.text)")
            let newSeries = reply.json["seriesId"].string ?? ""
            #expect(newSeries != booked.seriesID)
            #expect(reply.json["changed"].array.count == 8)
            #expect(reply.json["changed"].array.allSatisfy { $0["fee"]["amount"].int == 14000 })
            #expect(try await localTimes(booked, series: booked.seriesID) == Array(repeating: "09:00:00", count: 4))
            #expect(try await localTimes(booked, series: newSeries) == Array(repeating: "10:30:00", count: 8))
            let old = try await booked.fixture.api.get("/api/v1/series/\(booked.seriesID)")
            #expect(old.json["rule"].string == "FREQ=WEEKLY;COUNT=4")
        }
    }

    @Test func allSessionsKeepAttendedOnesAndSayWhy() async throws {
        try await withRapport { app in
            let booked = try await book(app)
            let first = booked.sessions[0]["id"].string ?? ""
            _ = try await booked.fixture.api.patch("/api/v1/sessions/\(first)", #"{"attendance": "show"}"#)
            let reply = try await booked.fixture.api.patch(
                "/api/v1/sessions/\(booked.sessions[3]["id"].string ?? "")?scope=all",
                """
                {"serviceId": "\(booked.fixture.therapy60)"}
                """)
            #expect(reply.json["kept"].array.map { $0["reason"].string } == ["attended"])
            #expect(reply.json["changed"].array.count == 11)
            #expect(
                reply.json["changed"].array.allSatisfy {
                    $0["service"]["code"].string == "90837" && $0["fee"]["amount"].int == 18000
                })
            #expect(
                try await booked.fixture.api.get("/api/v1/sessions/\(first)").json["service"]["code"].string == "90834")
            let ids = Set(booked.sessions.dropFirst().compactMap { $0["id"].string })
            #expect(
                Set(reply.json["changed"].array.compactMap { $0["id"].string }) == ids,
                "sessions are updated in place, ids kept")
        }
    }

    @Test func deletingThisAndFollowingFromTheTenthLeavesOneToNine() async throws {
        try await withRapport { app in
            let booked = try await book(app)
            let tenth = booked.sessions[9]["id"].string ?? ""
            let reply = try await booked.fixture.api.delete("/api/v1/sessions/\(tenth)?scope=following")
            #expect(reply.json["deleted"].array.count == 3)
            let left = try await booked.fixture.api.get("/api/v1/series/\(booked.seriesID)")
            #expect(
                left.json["occurrences"].array.compactMap { $0["id"].string }
                    == booked.sessions.prefix(9).compactMap { $0["id"].string })
            #expect(left.json["rule"].string == "FREQ=WEEKLY;COUNT=9")
        }
    }

    @Test func deletingOneOccurrenceIsRememberedWhenTheSeriesIsRegenerated() async throws {
        try await withRapport { app in
            let booked = try await book(app)
            let second = booked.sessions[1]["id"].string ?? ""
            _ = try await booked.fixture.api.delete("/api/v1/sessions/\(second)?scope=this")
            let all = try await booked.fixture.api.patch(
                "/api/v1/sessions/\(booked.sessions[0]["id"].string ?? "")?scope=all", #"{"durationMinutes": 50}"#)
            #expect(all.json["changed"].array.count == 11, "the deleted occurrence does not come back")
        }
    }

    @Test func deletingAllKeepsAttendedSessionsAndEndsTheSeries() async throws {
        try await withRapport { app in
            let booked = try await book(app)
            _ = try await booked.fixture.api.patch(
                "/api/v1/sessions/\(booked.sessions[0]["id"].string ?? "")", #"{"attendance": "noShow"}"#)
            let reply = try await booked.fixture.api.delete(
                "/api/v1/sessions/\(booked.sessions[5]["id"].string ?? "")?scope=all")
            #expect(reply.json["deleted"].array.count == 11)
            #expect(reply.json["kept"][0]["reason"].string == "attended")
            let series = try await booked.fixture.api.get("/api/v1/series/\(booked.seriesID)")
            #expect(series.json["ended"].bool == true)
            #expect(series.json["occurrences"].array.count == 1)
        }
    }

    @Test func refusesSeriesEditsThatMakeNoSense() async throws {
        try await withRapport { app in
            let booked = try await book(app)
            let id = booked.sessions[2]["id"].string ?? ""
            let attendance = try await booked.fixture.api.patch(
                "/api/v1/sessions/\(id)?scope=all", #"{"attendance": "show"}"#)
            #expect(attendance.json["error"]["fields"]["attendance"].string != nil)
            let badScope = try await booked.fixture.api.delete("/api/v1/sessions/\(id)?scope=everything")
            #expect(badScope.json["error"]["fields"]["scope"].string == "must be this, following or all")
            let badRule = try await booked.fixture.api.patch(
                "/api/v1/sessions/\(id)?scope=following", #"{"rule": "FREQ=SOMETIMES"}"#)
            #expect(badRule.json["error"]["fields"]["rule"].string != nil)
            let ruleOnOne = try await booked.fixture.api.patch(
                "/api/v1/sessions/\(id)?scope=this", #"{"rule": "FREQ=DAILY"}"#)
            #expect(ruleOnOne.json["error"]["fields"]["rule"].string != nil)
            #expect(try await Session.query(on: app.db).count() == 12)
        }
    }

    @Test func aScopeTheCalendarPanelDoesNotOfferIsRefusedNotTakenAsThisSessionOnly() async throws {
        try await withRapport { app in
            let booked = try await book(app)
            let first = booked.sessions[0]["id"].string ?? ""
            let browser = try await Browser.signIn(app, email: "owner@example.com", password: "correct horse battery")
            let delete = try await browser.post("/calendar/sessions/\(first)/delete", form: ["scope": "everything"])
            #expect(delete.status == .ok)
            #expect(delete.body.string.contains("Choose this session only"))
            #expect(try await booked.fixture.api.get("/api/v1/sessions/\(first)").status == .ok, "nothing deleted")
            let edit = try await browser.post(
                "/calendar/sessions/\(first)/edit", form: ["scope": "everything", "duration": "30"])
            #expect(edit.status == .ok)
            #expect(edit.body.string.contains("Choose this session only"))
            let read = try await booked.fixture.api.get("/api/v1/sessions/\(first)")
            #expect(read.json["durationMinutes"].int != 30, "nothing changed")
        }
    }
}
