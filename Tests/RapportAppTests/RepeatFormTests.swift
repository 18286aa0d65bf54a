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

/// The series in words, as the New session form shows it before Save.
struct SeriesSummaryTests {
    let zone = TimeZone(identifier: "America/New_York") ?? .current

    @Test func aSeriesIsSummedUpWithItsTimeCountAndLastDate() throws {
        let start = try #require(LocalDateTime("2027-01-05T10:00"))  // a Tuesday
        func summary(_ choice: RepeatChoice, weeks: Int? = nil, _ end: RepeatEnd) throws -> String {
            RuleText.summary(
                try RecurrenceRule(repeating: choice, everyWeeks: weeks, from: start.date, ending: end), start: start,
                timeZone: zone, formatter: DisplayFormat(MoneyFormat.default(for: .usd)))
        }
        #expect(try summary(.weekly, .after(sessions: 20)) == "Weekly on Tuesdays at 10:00 AM, 20 sessions, until May 18, 2027")
        #expect(
            try summary(.biweekly, .on(try #require(LocalDate("2027-03-01"))))
                == "Every other week on Tuesdays at 10:00 AM, 4 sessions, until Feb 16, 2027")
        #expect(try summary(.everyNWeeks, weeks: 3, .never) == "Every 3 weeks on Tuesdays at 10:00 AM, with no end date")
        #expect(
            try summary(.monthlyWeekday, .after(sessions: 3)) == "Monthly on the 1st Tuesday at 10:00 AM, 3 sessions, until Mar 2, 2027")
        #expect(try summary(.monthlyDate, .after(sessions: 1)) == "Monthly on the 5th at 10:00 AM, 1 session on Jan 5, 2027")
        #expect(
            try summary(.weekly, .on(try #require(LocalDate("9999-12-31"))))
                == "Weekly on Tuesdays at 10:00 AM, more than 10000 sessions", "counted no further than a series may run")
    }

    @Test func theFormAsksForTheSummaryAndHearsWhatIsWrong() async throws {
        try await withRapport { app in
            _ = try await PracticeFixture.make(app)
            let browser = try await Browser.signIn(app, email: "owner@example.com", password: "correct horse battery")
            let weekly = try await browser.get(
                "/sessions/new/series?date=2027-01-05&time=10:00&repeat=weekly&ends=after&count=20")
            #expect(weekly.body.string.contains("Weekly on Tuesdays at 10:00 AM, 20 sessions, until May 18, 2027"))
            let missing = try await browser.get("/sessions/new/series?date=2027-01-05&time=10:00&repeat=weekly&ends=after")
            #expect(missing.body.string.contains("Enter how many sessions"))
            let never = try await browser.get("/sessions/new/series?date=2027-01-05&time=10:00&repeat=never")
            #expect(never.body.string == #"{"text":""}"#)
        }
    }

    @Test func clientsOfOneNameAreToldApartWhereTheyAreChosen() throws {
        func client(_ first: String, _ last: String, born: String? = nil, email: String? = nil) throws -> ClientDetails {
            let row = Client(practiceID: UUID(), firstName: first, lastName: last)
            row.id = UUID()
            row.dateOfBirth = born.flatMap { LocalDate($0) }
            row.email = email
            row.status = "active"
            return try ClientDetails(row)
        }
        let clients = [
            try client("Avery", "Nguyen", born: "1990-05-17"), try client("avery", "NGUYEN", email: "a2@example.com"),
            try client("Blake", "Garcia"),
        ]
        let titles = ClientChoices.options(clients, formatter: DisplayFormat(MoneyFormat.default(for: .usd))).map(\.1)
        #expect(titles == ["Nguyen, Avery · born May 17, 1990", "NGUYEN, avery · a2@example.com", "Garcia, Blake"])
    }
}
