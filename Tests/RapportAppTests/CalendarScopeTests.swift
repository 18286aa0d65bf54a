import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import RapportApp

/// A clinician account not linked to a calendar sees nothing — as a type, not a made-up id.
struct CalendarScopeTests {
    @Test func aClinicianWithoutACalendarSeesNoSessionsAndNoClients() async throws {
        try await withRapport { app in
            // setup: a practice with a client and a session, and a clinician account with no calendar
            let practice = try await PracticeFixture.make(app)
            let client = try await practice.makeClient()
            let session = try await practice.book(client, daysFromToday: 1)
            let owner = try #require(try await User.query(on: app.db).first())
            let unlinked = User(
                practiceID: owner.practiceID, name: "New Hire", email: "new@example.com", passwordHash: "x",
                role: .clinician, clinicianID: nil)
            try await unlinked.create(on: app.db)
            let (token, hash) = TokenHasher.newToken()
            try await APIToken(
                practiceID: owner.practiceID, userID: try unlinked.requireID(), name: "test", tokenHash: hash
            ).create(on: app.db)
            let api = APIClient(app: app, token: token)
            // act, check
            let from = practice.instant(daysFromToday: -7)
            let to = practice.instant(daysFromToday: 7)
            #expect(try await api.get("/api/v1/sessions?from=\(from)&to=\(to)").json.array.isEmpty)
            #expect(try await api.get("/api/v1/sessions/\(session)").status == .notFound)
            #expect(try await api.get("/api/v1/clients").json.array.isEmpty)
            #expect(try await api.get("/api/v1/clients/\(client)").status == .notFound)
            let booking = try await api.post(
                "/api/v1/sessions",
                #"{"clientId": "\#(client)", "clinicianId": "\#(practice.clinicianID)", "start": "\#(practice.instant(daysFromToday: 2))"}"#
            )
            #expect(booking.status == .notFound || booking.status == .forbidden || booking.status == .unprocessableEntity)
        }
    }
}
