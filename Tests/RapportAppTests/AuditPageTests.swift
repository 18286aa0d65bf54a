import Foundation
import Testing
import Vapor

@testable import RapportApp

/// The audit log says who changed what from what to what, filters by person, client, kind and date,
/// and keeps the stored record behind Details.
struct AuditPageTests {
    @Test func aChangeReadsAsASentenceWithWhatChangedAndTheFiltersFindIt() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let avery = try await fixture.makeClient("Avery", "Nguyen")
            let blake = try await fixture.makeClient("Blake", "Garcia")
            let session = try await fixture.book(avery, daysFromToday: 2)
            _ = try await fixture.book(blake, daysFromToday: 3)
            let changed = try await fixture.api.patch(
                "/api/v1/sessions/\(session)", #"{"fee": {"amount": 12500, "currency": "USD"}, "attendance": "noShow"}"#)
            #expect(changed.status == .ok, "\(changed.text)")
            let browser = try await Browser.signIn(app, email: "owner@example.com", password: "correct horse battery")

            let all = try await browser.get("/audit").body.string
            #expect(all.contains("Maya Chen changed a session of Avery Nguyen"))
            #expect(all.contains("Fee: $150.00 → $125.00"))
            #expect(all.contains("Attendance: Scheduled → No show"))
            #expect(all.contains("Maya Chen added a client"))
            #expect(!all.contains("noShow</li>") && !all.contains("→ noShow"), "no stored names in the words")
            #expect(all.contains("<summary>Details</summary>"))

            let averys = try await browser.get("/audit?client=\(avery)").body.string
            #expect(averys.contains("changed a session of Avery Nguyen"), "a client's filter takes in their sessions")
            #expect(!averys.contains("Blake Garcia"))
            let sessions = try await browser.get("/audit?kind=session").body.string
            #expect(sessions.contains("a session of Blake Garcia") && !sessions.contains("added a client"))
            let unknownKind = try await browser.get("/audit?kind=%3Cscript%3E")
            #expect(unknownKind.status == .ok && unknownKind.body.string.contains("added a client"))
            let tomorrow = fixture.date(daysFromToday: 1)
            let none = try await browser.get("/audit?from=\(tomorrow)").body.string
            #expect(none.contains("No events match these filters."))
        }
    }
}
