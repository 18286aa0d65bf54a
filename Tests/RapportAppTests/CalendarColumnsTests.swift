import Foundation
import Testing
import Vapor

@testable import RapportApp

/// The day view of a group practice: a column for each clinician chosen, however many the practice
/// has, each session in its clinician's column and colour.
struct CalendarColumnsTests {
    @Test func fiftyCliniciansFilteredToFiveGiveFiveNamedColumns() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            var clinicians: [String] = []
            for number in 1...49 {
                let made = try await fixture.api.post("/api/v1/clinicians", #"{"name": "Clinician \#(number)"}"#)
                clinicians.append(made.json["id"].string ?? "")
            }
            let client = try await fixture.makeClient()
            let chosen = Array(clinicians.prefix(5))
            let booked = try await fixture.api.post(
                "/api/v1/sessions",
                #"{"clientId": "\#(client)", "clinicianId": "\#(chosen[2])", "start": "\#(fixture.instant(daysFromToday: 1, at: "10:00"))"}"#
            )
            #expect(booked.status == .created, "\(booked.text)")
            let browser = try await Browser.signIn(app, email: "owner@example.com", password: "correct horse battery")
            let day = fixture.date(daysFromToday: 1)
            let page = try await browser.get(
                "/calendar?view=day&date=\(day)&clinician=\(chosen.joined(separator: ","))").body.string
            let heads = page.matches(of: /<div class="day-head clinician-head">/).count
            #expect(heads == 5, "one column per chosen clinician")
            #expect(page.contains(#"class="week-grid cols-5""#))
            let columnStart = try #require(page.range(of: #"data-clinician="\#(chosen[2])">"#))
            let column = page[columnStart.upperBound...]
            let columnEnd = try #require(column.range(of: "</div>"))
            #expect(column[..<columnEnd.lowerBound].contains("Avery Nguyen"), "the session sits in its clinician's column")
            // Unfiltered, a practice this large shows only those with sessions that day.
            let all = try await browser.get("/calendar?view=day&date=\(day)").body.string
            #expect(all.matches(of: /clinician-head/).count <= 1)
        }
    }
}
