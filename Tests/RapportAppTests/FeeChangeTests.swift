import Fluent
import Foundation
import Testing
import Vapor

@testable import RapportApp

/// The help article's problem, solved: changing a client's code or fee needs no session edits.
struct FeeChangeTests {
    struct Booked {
        let fixture: PracticeFixture
        let client: String
        let past: [String]
        let future: [String]
    }

    /// Four attended weekly sessions in the past and eight upcoming ones, all at the practice default.
    func book(_ app: Application) async throws -> Booked {
        let fixture = try await PracticeFixture.make(app)
        let client = try await fixture.makeClient()
        let series = try await fixture.bookWeekly(client, startingDaysFromToday: -28)
        let sessions = series["occurrences"].array.compactMap { $0["id"].string }
        for id in sessions.prefix(4) {
            _ = try await fixture.api.patch("/api/v1/sessions/\(id)", #"{"attendance": "show"}"#)
        }
        return Booked(
            fixture: fixture, client: client, past: Array(sessions.prefix(4)), future: Array(sessions.dropFirst(4)))
    }

    func fee(_ booked: Booked, _ id: String) async throws -> (code: String?, amount: Int?) {
        let session = try await booked.fixture.api.get("/api/v1/sessions/\(id)").json
        return (session["service"]["code"].string, session["fee"]["amount"].int)
    }

    @Test func aNewCustomFeeFromTodayMovesEveryUpcomingSessionAndLeavesThePast() async throws {
        try await withRapport { app in
            // setup
            let booked = try await book(app)
            let today = booked.fixture.zone.localDate(Date())
            // act
            let change = try await booked.fixture.api.patch(
                "/api/v1/clients/\(booked.client)/billing",
                """
                {"defaultServiceId": "\(booked.fixture.therapy60)", "fees": [{"serviceId": "\(booked.fixture.therapy60)", "amount": \(booked.fixture.money(13000))}],
                 "effectiveFrom": "\(today)"}
                """)
            // check
            #expect(change.status == .ok, "\(change.text)")
            #expect(change.json["sessionsRepriced"].int == 8)
            for id in booked.future { #expect(try await fee(booked, id) == ("90837", 13000)) }
            for id in booked.past { #expect(try await fee(booked, id) == ("90834", 15000)) }
            #expect(change.json["billing"]["defaultServiceId"].string == booked.fixture.therapy60)
            #expect(change.json["billing"]["fees"][0]["amount"]["amount"].int == 13000)
        }
    }

    @Test func aChangeFromTheBeginningFixesUnbilledPastSessionsButNeverBilledOnes() async throws {
        try await withRapport { app in
            // setup: the first past session is on an invoice
            let booked = try await book(app)
            _ = try await booked.fixture.invoice(booked.client, [booked.past[0]])
            // act: the client's fee is set with no effective date — every unbilled session follows
            let change = try await booked.fixture.api.patch(
                "/api/v1/clients/\(booked.client)/billing",
                """
                {"fees": [{"serviceId": "\(booked.fixture.therapy45)", "amount": \(booked.fixture.money(13000))}]}
                """)
            // check
            #expect(change.json["sessionsRepriced"].int == 11)
            #expect(try await fee(booked, booked.past[0]) == ("90834", 15000), "billed history stays frozen")
            for id in booked.past.dropFirst() + booked.future { #expect(try await fee(booked, id).amount == 13000) }
            let edit = try await booked.fixture.api.patch(
                "/api/v1/sessions/\(booked.past[0])", #"{"fee": \#(booked.fixture.money(1))}"#)
            #expect(edit.status == .conflict)
            #expect(edit.json["error"]["code"].string == "session_billed")
        }
    }

    @Test func overridesAreKeptThroughAFeeChange() async throws {
        try await withRapport { app in
            let booked = try await book(app)
            let special = booked.future[2]
            _ = try await booked.fixture.api.patch(
                "/api/v1/sessions/\(special)", #"{"fee": \#(booked.fixture.money(5000))}"#)
            _ = try await booked.fixture.api.patch(
                "/api/v1/clients/\(booked.client)/billing",
                """
                {"fees": [{"serviceId": "\(booked.fixture.therapy45)", "amount": \(booked.fixture.money(13000))}]}
                """)
            #expect(try await fee(booked, special).amount == 5000)
        }
    }

    @Test func endingACustomFeeReturnsSessionsToTheServiceRate() async throws {
        try await withRapport { app in
            let booked = try await book(app)
            let api = booked.fixture.api
            _ = try await api.patch(
                "/api/v1/clients/\(booked.client)/billing",
                #"{"fees": [{"serviceId": "\#(booked.fixture.therapy45)", "amount": \#(booked.fixture.money(13000))}]}"#
            )
            let undo = try await api.patch(
                "/api/v1/clients/\(booked.client)/billing",
                #"{"fees": [{"serviceId": "\#(booked.fixture.therapy45)", "amount": null}]}"#)
            #expect(undo.json["sessionsRepriced"].int == 12)
            #expect(try await fee(booked, booked.future[0]).amount == 15000)
            #expect(undo.json["billing"]["fees"].array.isEmpty)
        }
    }

    @Test func billingChangesAreAuditedWithBeforeAndAfter() async throws {
        try await withRapport { app in
            let booked = try await book(app)
            _ = try await booked.fixture.api.patch(
                "/api/v1/clients/\(booked.client)/billing", #"{"defaultServiceId": "\#(booked.fixture.therapy60)"}"#)
            let events = try await AuditEvent.query(on: app.db).filter(\.$entityType == "clientBilling").all()
            #expect(events.count == 1)
            #expect(events.first?.actorName == "Maya Chen")
            #expect(events.first?.before?.contains(booked.fixture.therapy60) == false)
            #expect(events.first?.after?.contains(booked.fixture.therapy60) == true)
        }
    }

    @Test func refusesBadBillingChanges() async throws {
        try await withRapport { app in
            let booked = try await book(app)
            let api = booked.fixture.api
            let path = "/api/v1/clients/\(booked.client)/billing"
            let negative = try await api.patch(
                path,
                #"{"fees": [{"serviceId": "\#(booked.fixture.therapy45)", "amount": {"amount": -5, "currency": "USD"}}]}"#
            )
            #expect(negative.json["error"]["fields"]["fees[0].amount.amount"].string == "must not be negative")
            let notADate = try await api.patch(
                path, #"{"defaultServiceId": "\#(booked.fixture.therapy60)", "effectiveFrom": "next month"}"#)
            #expect(notADate.status == .badRequest)
            #expect(notADate.json["error"]["fields"]["effectiveFrom"].string != nil)
            let unknownService = try await api.patch(path, #"{"defaultServiceId": "\#(UUID())"}"#)
            #expect(unknownService.json["error"]["fields"]["defaultServiceId"].string != nil)
            let empty = try await api.patch(path, "{}")
            #expect(empty.status == .unprocessableEntity)
            #expect(try await fee(booked, booked.future[0]) == ("90834", 15000), "nothing was written")
            #expect(try await ClientFee.query(on: app.db).count() == 0)
        }
    }

    @Test func aNewPracticeDefaultMovesSessionsThatFollowIt() async throws {
        try await withRapport { app in
            let booked = try await book(app)
            let reply = try await booked.fixture.api.patch(
                "/api/v1/practice", #"{"defaultServiceId": "\#(booked.fixture.therapy60)"}"#)
            #expect(reply.json["defaultServiceId"].string == booked.fixture.therapy60)
            #expect(try await fee(booked, booked.future[0]) == ("90837", 18000))
        }
    }
}
