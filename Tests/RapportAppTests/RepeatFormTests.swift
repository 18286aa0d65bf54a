import Fluent
import Foundation
import RapportCore
import Testing
import Vapor
import VaporTesting

@testable import RapportApp

/// The New session form's repeat choices become a rule in Core; a bad choice is named on its field.
struct RepeatFormTests {
    @Test func repeatChoicesBookTheRuleTheyNameAndBadOnesStayBesideTheirField() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let client = try await practice.makeClient()
            let browser = try await Browser.signIn(app, email: "owner@example.com", password: "correct horse battery")
            let date = practice.date(daysFromToday: 3)
            let form = [
                "client": client, "clinician": practice.clinicianID, "date": date, "time": "10:00",
                "repeat": "everyNWeeks", "interval": "3", "ends": "after", "count": "4",
            ]
            let booked = try await browser.post("/sessions/new", form: form)
            #expect(booked.status == .seeOther, "\(booked.body.string.prefix(400))")
            let series = try #require(try await Series.query(on: app.db).first())
            #expect(series.rule.hasPrefix("FREQ=WEEKLY;INTERVAL=3;BYDAY="))
            #expect(series.rule.hasSuffix(";COUNT=4"))
            var zero = form
            zero["interval"] = "0"
            let refused = try await browser.post("/sessions/new", form: zero)
            #expect(refused.body.string.contains(#"id="error-interval""#), "beside the interval field")
            var backwards = form
            backwards["ends"] = "on"
            backwards["until"] = practice.date(daysFromToday: 1)
            let early = try await browser.post("/sessions/new", form: backwards)
            #expect(early.body.string.contains(#"id="error-until""#))
            #expect(try await Series.query(on: app.db).count() == 1, "nothing more was booked")
        }
    }
}

/// The bound on how far back a series may start applies to new and moved-earlier starts only.
struct OldSeriesTests {
    @Test func aSeriesThatBeganYearsAgoCanStillBeEditedWhole() async throws {
        try await withRapport { app in
            // setup: a weekly series whose start lies six years back (as a long-running one's would)
            let practice = try await PracticeFixture.make(app)
            let client = try await practice.makeClient()
            let series = try await practice.bookWeekly(client, startingDaysFromToday: 7, count: 4)
            let seriesID = try #require(UUID(uuidString: series["id"].string ?? ""))
            let stored = try #require(try await Series.find(seriesID, on: app.db))
            let start = stored.startLocal
            stored.startLocal = LocalDateTime(date: start.date.adding(days: -7 * 52 * 6), time: start.time)
            stored.rule = "FREQ=WEEKLY;BYDAY=\(start.date.weekday.rawValue)"
            try await stored.save(on: app.db)
            let session = series["occurrences"][0]["id"].string ?? ""
            // act
            let edit = try await practice.api.patch(
                "/api/v1/sessions/\(session)?scope=all", #"{"fee": \#(practice.money(14000))}"#)
            // check
            #expect(edit.status == .ok, "\(edit.text)")
        }
    }
}
