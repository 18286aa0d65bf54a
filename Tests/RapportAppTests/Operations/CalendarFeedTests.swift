import Foundation
import Testing
import Vapor
import VaporTesting

@testable import RapportApp

/// A clinician's private calendar feed (scripts/feed-test expands it with PyPI's
/// recurring-ical-events and compares it with the API).
struct CalendarFeedAppTests {
    /// Makes the caller's link and returns its path.
    func link(_ fixture: PracticeFixture) async throws -> String {
        let made = try await fixture.api.post("/api/v1/me/calendar-feed", "")
        #expect(made.status == .created, "\(made.text)")
        #expect(made.json["url"].string?.hasSuffix(made.json["path"].string ?? "-") == true)
        return made.json["path"].string ?? ""
    }

    func feed(_ app: Application, _ path: String) async throws -> (status: HTTPStatus, text: String) {
        let reply = try await app.testing().sendRequest(.GET, path)
        if reply.status == .ok {
            #expect(reply.headers.first(name: .contentType) == "text/calendar; charset=utf-8")
        }
        return (reply.status, reply.body.string)
    }

    @Test func aSeriesIsOneRepeatingEventWithItsDeletedAndChangedOccurrences() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let client = try await fixture.makeClient()
            let series = try await fixture.bookWeekly(client, startingDaysFromToday: 2, count: 6)
            let occurrences = series["occurrences"].array
            let path = try await link(fixture)
            var text = try await feed(app, path).text
            let uid = "UID:series-\((series["id"].string ?? "").lowercased())@rapport"
            #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
            #expect(text.contains("BEGIN:VTIMEZONE\r\nTZID:America/New_York"))
            #expect(text.contains(uid))
            #expect(text.contains("RRULE:FREQ=WEEKLY;COUNT=6"))
            #expect(text.contains("SUMMARY:A. N.\r\n"), "clients by initials unless the practice chooses")
            #expect(!text.contains("Nguyen"))
            #expect(text.contains("SEQUENCE:0"))
            #expect(!text.contains("EXDATE") && !text.contains("RECURRENCE-ID"))

            let deleted = occurrences[1]
            _ = try await fixture.api.delete("/api/v1/sessions/\(deleted["id"].string ?? "")?scope=this")
            let moved = occurrences[3]
            let move = try await fixture.api.patch(
                "/api/v1/sessions/\(moved["id"].string ?? "")?scope=this",
                #"{"start": "\#(fixture.instant(daysFromToday: 24, at: "14:30"))"}"#)
            #expect(move.status == .ok, "\(move.text)")
            text = try await feed(app, path).text
            let original = { (occurrence: JSON) in
                (occurrence["originalStart"].string ?? "").replacingOccurrences(of: "-", with: "")
                    .replacingOccurrences(of: ":", with: "").prefix(15)
            }
            #expect(text.contains("EXDATE;TZID=America/New_York:\(original(deleted))"), "\(text)")
            #expect(text.contains("RECURRENCE-ID;TZID=America/New_York:\(original(moved))"))
            #expect(text.contains("T143000\r\n"), "the moved session at its new time")
            #expect(text.components(separatedBy: uid).count - 1 == 2, "the series and its one changed occurrence")
            #expect(text.contains("SEQUENCE:1"), "both moved on: one occurrence left out, one session changed")
            #expect(!text.contains("SEQUENCE:0"))
        }
    }

    @Test func aSingleSessionCancelledShowsAsCancelled() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let client = try await fixture.makeClient()
            let session = try await fixture.book(client, daysFromToday: 3)
            let path = try await link(fixture)
            #expect(try await feed(app, path).text.contains("UID:session-\(session.lowercased())@rapport"))
            _ = try await fixture.api.patch("/api/v1/sessions/\(session)", #"{"attendance": "cancelled"}"#)
            let text = try await feed(app, path).text
            #expect(text.contains("STATUS:CANCELLED"))
            #expect(text.contains("SEQUENCE:1"))
        }
    }

    @Test func aRevokedOrReplacedOrUnknownLinkAnswers404() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let first = try await link(fixture)
            #expect(try await feed(app, first).status == .ok)
            let second = try await link(fixture)
            #expect(try await feed(app, first).status == .notFound, "a new link stops the old one")
            #expect(try await fixture.api.get("/api/v1/me/calendar-feed").json["active"].bool == true)
            #expect(try await fixture.api.delete("/api/v1/me/calendar-feed").status == .noContent)
            #expect(try await feed(app, second).status == .notFound)
            #expect(try await fixture.api.get("/api/v1/me/calendar-feed").json["active"].bool == false)
            for unknown in ["/calendar-feeds/rpt_nothing.ics", "/calendar-feeds/x", "/calendar-feeds/.ics"] {
                #expect(try await feed(app, unknown).status == .notFound, "\(unknown)")
            }
            #expect(try await feed(app, "/calendar-feeds/%00.ics").status == .badRequest)
        }
    }

    @Test func onlyAClinicianHasAFeedAndThePracticeChoosesHowClientsAreNamed() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let biller = try await PracticeFixture.staff(app, addedBy: fixture.api, role: "biller", email: "bea@example.com")
            let refused = try await biller.post("/api/v1/me/calendar-feed", "")
            #expect(refused.status == .conflict, "a biller has no sessions of their own: \(refused.text)")
            let client = try await fixture.makeClient()
            _ = try await fixture.book(client, daysFromToday: 1)
            #expect(try await fixture.api.patch("/api/v1/practice", #"{"feedClientNames": "everyone"}"#).status == .unprocessableEntity)
            #expect(try await fixture.api.patch("/api/v1/practice", #"{"feedClientNames": "fullName"}"#).status == .ok)
            let text = try await feed(app, try await link(fixture)).text
            #expect(text.contains("SUMMARY:Avery Nguyen"))
        }
    }

    @Test func yourAccountShowsANewLinkOnceAndRevokesIt() async throws {
        try await withRapport { app in
            _ = try await PracticeFixture.make(app)
            let owner = try await Browser.signIn(app, email: "owner@example.com", password: "correct horse battery")
            #expect(try await owner.get("/account").body.string.contains("Make a link"))
            let made = try await owner.post("/account/calendar-feed", form: [:])
            let url = try #require(made.body.string.firstMatch(of: /value="(http:\/\/[^"]+\.ics)"/)?.output.1)
            let path = String(url.drop(while: { $0 != "/" }).dropFirst(2).drop(while: { $0 != "/" }))
            #expect(try await feed(app, path).status == .ok)
            let again = try await owner.get("/account").body.string
            #expect(!again.contains(String(url)) && again.contains("A link is live"), "the link is shown once")
            _ = try await owner.post("/account/calendar-feed/revoke", form: [:])
            #expect(try await feed(app, path).status == .notFound)
        }
    }
}
