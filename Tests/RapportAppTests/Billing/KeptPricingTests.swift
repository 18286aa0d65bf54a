import Foundation
import Testing
import Vapor

@testable import RapportApp

/// What pricing reads (``BillingShelf``) is kept while the practice's billing inputs stand: a
/// booking and an attendance mark price their session from it, the client screen shows the client's
/// Billing settings from it, and each change to a rule shows on the next one.
struct KeptPricingTests {
    @Test func aBookingIsPricedByTheRulesAsTheyStandInItsTurn() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let api = practice.api
            let client = try await practice.makeClient()
            var day = 0
            /// The service code, fee and length of a session booked now.
            func booking() async throws -> (code: String?, fee: Int?, minutes: Int?) {
                day += 1
                let booked = try await api.post(
                    "/api/v1/sessions",
                    #"{"clientId": "\#(client)", "start": "\#(practice.instant(daysFromToday: day))", "allowConflicts": true}"#
                )
                #expect(booked.status == .created, "\(booked.text)")
                let json = booked.json
                return (json["service"]["code"].string, json["fee"]["amount"].int, json["durationMinutes"].int)
            }
            #expect(try await booking() == ("90834", 15000, 45))
            let before = app.keptFound("pricing-clients")
            #expect(try await booking() == ("90834", 15000, 45))
            #expect(app.keptFound("pricing-clients") > before, "the kept rules priced the second booking")

            // check: each rule's change prices the next booking
            let fee = try await api.patch(
                "/api/v1/clients/\(client)/billing",
                #"{"fees": [{"serviceId": "\#(practice.therapy45)", "amount": \#(practice.money(13000))}]}"#)
            #expect(fee.status == .ok, "\(fee.text)")
            #expect(try await booking() == ("90834", 13000, 45), "the client's own fee")
            _ = try await api.patch(
                "/api/v1/clients/\(client)/billing", #"{"defaultServiceId": "\#(practice.therapy60)"}"#)
            #expect(try await booking() == ("90837", 18000, 60), "the client's default service")
            let rate = try await api.patch(
                "/api/v1/services/\(practice.therapy60)", #"{"rate": \#(practice.money(19000))}"#)
            #expect(rate.status == .ok, "\(rate.text)")
            #expect(try await booking() == ("90837", 19000, 60), "the service's rate")
            _ = try await api.patch("/api/v1/services/\(practice.therapy60)", #"{"durationMinutes": 55}"#)
            #expect(try await booking() == ("90837", 19000, 55), "the service's length")
        }
    }

    @Test func anAttendanceMarkAnswersWithTheRulesAsTheyStand() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let api = practice.api
            let client = try await practice.makeClient()
            let session = try await practice.book(client, daysFromToday: -1)
            _ = try await practice.book(client, daysFromToday: -2)  // keeps the client's rules
            let before = app.keptFound("pricing-clients")

            // act
            let marked = try await api.patch("/api/v1/sessions/\(session)", #"{"attendance": "show"}"#)

            // check
            #expect(marked.status == .ok, "\(marked.text)")
            #expect(app.keptFound("pricing-clients") > before, "the kept rules served the mark")
            #expect(marked.json["changed"][0]["fee"]["amount"].int == 15000)
            _ = try await api.patch(
                "/api/v1/clients/\(client)/billing",
                #"{"fees": [{"serviceId": "\#(practice.therapy60)", "amount": \#(practice.money(16000))}]}"#)
            let again = try await api.patch(
                "/api/v1/sessions/\(session)", #"{"serviceId": "\#(practice.therapy60)"}"#)
            #expect(again.status == .ok, "\(again.text)")
            #expect(again.json["changed"][0]["fee"]["amount"].int == 16000, "the client's new fee for 90837")
        }
    }

    @Test func theClientScreenShowsTheBillingSettingsAsTheyStand() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let api = practice.api
            let client = try await practice.makeClient()
            /// The client's own fees on a screen made afresh.
            func fees() async throws -> [Int] {
                let screen = try await api.send(
                    .GET, "/api/v1/clients/\(client)/overview", headers: ["Cache-Control": "no-cache"])
                #expect(screen.status == .ok, "\(screen.text)")
                return screen.json["billing"]["fees"].array.compactMap { $0["amount"]["amount"].int }
            }
            #expect(try await fees() == [])
            _ = try await api.patch(
                "/api/v1/clients/\(client)/billing",
                #"{"fees": [{"serviceId": "\#(practice.therapy45)", "amount": \#(practice.money(13000))}]}"#)
            #expect(try await fees() == [13000])

            // act: a booking changes no billing input
            let before = app.keptFound("billing-settings")
            _ = try await practice.book(client, daysFromToday: 1)
            #expect(try await fees() == [13000])
            #expect(app.keptFound("billing-settings") > before, "the settings were kept")

            // check: a change shows at once, on the screen and on the settings' own read
            _ = try await api.patch(
                "/api/v1/clients/\(client)/billing",
                #"{"fees": [{"serviceId": "\#(practice.therapy45)", "amount": \#(practice.money(14000))}]}"#)
            #expect(try await fees() == [14000])
            let settings = try await api.get("/api/v1/clients/\(client)/billing")
            #expect(settings.json["fees"].array.compactMap { $0["amount"]["amount"].int } == [14000])
        }
    }
}
