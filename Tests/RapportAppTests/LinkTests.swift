import Foundation
import Testing
import Vapor

@testable import RapportApp

/// Every link a page shows leads to a page that exists.
struct LinkTests {
    @Test func everyLinkTwoClicksFromTheCalendarLeadsSomewhere() async throws {
        try await withRapport { app in
            // setup: a client with a session and an invoice, so pages show their rows' links
            let fixture = try await PracticeFixture.make(app)
            let client = try await fixture.makeClient()
            let session = try await fixture.book(client, daysFromToday: -1, attendance: "show")
            _ = try await fixture.invoice(client, [session])
            let owner = try await Browser.signIn(app, email: "owner@example.com", password: "correct horse battery")

            // act: follow every same-site link, two clicks deep from the calendar
            var seen: Set<String> = ["/calendar"]
            var frontier = ["/calendar"]
            var broken: [String] = []
            for _ in 0..<2 {
                var next: [String] = []
                for page in frontier {
                    let html = try await owner.get(page).body.string
                    for match in html.matches(of: /href="(\/[^"#]*)"/) {
                        let link = String(match.output.1).replacingOccurrences(of: "&amp;", with: "&")
                        guard !link.hasPrefix("/css/"), !link.hasPrefix("/js/"), seen.insert(link).inserted else {
                            continue
                        }
                        let status = try await owner.get(link).status
                        if ![.ok, .seeOther, .found].contains(status) {
                            broken.append("\(link) on \(page): \(status.code)")
                        }
                        next.append(link)
                    }
                }
                frontier = next
            }
            // check
            #expect(broken.isEmpty, "\(broken)")
            #expect(seen.contains("/account/tokens"), "the walk reached Settings' links")
        }
    }
}
