import Foundation
import Testing
import Vapor

@testable import RapportApp

/// The client page shows the next sessions and leads to all of them, a page at a time.
struct ClientSessionsPageTests {
    @Test func everyUpcomingSessionIsReachedFiftyAPageNoneTwice() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let client = try await fixture.makeClient()
            let series = try await fixture.api.post(
                "/api/v1/series",
                #"{"clientId": "\#(client)", "clinicianId": "\#(fixture.clinicianID)", "start": "\#(fixture.localStart(daysFromToday: 1))", "rule": "FREQ=DAILY;COUNT=60"}"#
            )
            #expect(series.status == .created, "\(series.text)")
            let browser = try await Browser.signIn(app, email: "owner@example.com", password: "correct horse battery")
            let overview = try await browser.get("/clients/\(client)").body.string
            #expect(overview.contains(#"href="/clients/\#(client)/sessions?when=upcoming""#))

            func sessionIDs(_ page: String) -> [String] {
                page.matches(of: /<tr data-session-id="([0-9A-F-]+)"/).map { String($0.output.1) }
            }
            let first = try await browser.get("/clients/\(client)/sessions?when=upcoming").body.string
            let second = try await browser.get("/clients/\(client)/sessions?when=upcoming&page=2").body.string
            #expect(sessionIDs(first).count == 50)
            #expect(sessionIDs(second).count == 10)
            #expect(Set(sessionIDs(first) + sessionIDs(second)).count == 60, "every session once")
            #expect(first.contains("page=2") && !second.contains("page=3"))
            let beyond = try await browser.get("/clients/\(client)/sessions?when=upcoming&page=99999999999")
            #expect(beyond.status == .ok)
            let past = try await browser.get("/clients/\(client)/sessions?when=past").body.string
            #expect(sessionIDs(past).isEmpty && past.contains("None."))
        }
    }
}
