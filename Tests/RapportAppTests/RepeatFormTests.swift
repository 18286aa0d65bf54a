import Fluent
import Foundation
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
