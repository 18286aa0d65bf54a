import Foundation
import Testing
import Vapor

@testable import RapportApp

/// What routing reads (``BillingShelf``) is kept while the practice's billing inputs stand: each
/// change to one of them shows on the next calendar made afresh, and a booking, which changes none
/// of them, leaves it kept.
struct KeptCoverageTests {
    @Test func theCalendarFollowsEveryChangeToWhatRoutesItsSessions() async throws {
        try await withRapport { app in
            let setup = try await PolicyTests.Setup.make(app)
            let practice = setup.practice
            let api = practice.api
            let session = try await practice.book(setup.client, daysFromToday: 2)
            let week =
                "/api/v1/sessions?from=\(practice.instant(daysFromToday: 0))&to=\(practice.instant(daysFromToday: 7))"
                .replacingOccurrences(of: "+", with: "%2B")
            /// The session's billing on a calendar made afresh.
            func billing() async throws -> JSON {
                let reply = try await api.send(.GET, week, headers: ["Cache-Control": "no-cache"])
                #expect(reply.status == .ok, "\(reply.text)")
                return reply.json.array.first { $0["id"].string == session }?["billing"] ?? JSON(parsing: "null")
            }
            #expect(try await billing()["to"].string == "client")

            let policy = try await api.post(setup.path, setup.primary(from: setup.today))
            #expect(policy.status == .created, "\(policy.text)")
            var seen = try await billing()
            #expect(seen["to"].string == "insurance" && seen["payerName"].string == "Aetna", "\(seen)")
            #expect(seen["clientShare"]["amount"].int == 2000)

            // act: another client's booking changes no billing input
            let before = app.keptFound("coverage-clients")
            _ = try await practice.book(try await practice.makeClient("Jo", "Park"), daysFromToday: 3)
            seen = try await billing()
            #expect(app.keptFound("coverage-clients") > before, "the client's coverage was kept")
            #expect(seen["to"].string == "insurance" && seen["clientShare"]["amount"].int == 2000)

            // check: each input's change shows at once
            let id = policy.json["id"].string ?? ""
            _ = try await api.patch("\(setup.path)/\(id)", #"{"copay": {"amount": 3500, "currency": "USD"}}"#)
            #expect(try await billing()["clientShare"]["amount"].int == 3500, "the copay")
            _ = try await api.patch("/api/v1/payers/\(setup.aetna)", #"{"name": "Aetna Better Health"}"#)
            #expect(try await billing()["payerName"].string == "Aetna Better Health", "the payer's name")
            let rate = try await api.post(
                "/api/v1/payers/\(setup.aetna)/rates",
                #"{"serviceId": "\#(practice.therapy45)", "amount": {"amount": 9800, "currency": "USD"}}"#)
            #expect(rate.status == .ok, "\(rate.text)")
            seen = try await billing()
            #expect(seen["contracted"].bool == true && seen["allowed"]["amount"].int == 9800, "the rate: \(seen)")
            _ = try await api.send(.PUT, "/api/v1/clients/\(setup.client)/self-pay", #"{"selfPay": true}"#)
            #expect(try await billing()["to"].string == "client", "the client pays themselves")
            _ = try await api.send(.PUT, "/api/v1/clients/\(setup.client)/self-pay", #"{"selfPay": false}"#)
            #expect(try await billing()["to"].string == "insurance")
            _ = try await api.patch("\(setup.path)/\(id)", #"{"effectiveTo": "\#(setup.today.adding(days: 1))"}"#)
            #expect(try await billing()["to"].string == "client", "the policy ended before the session")
        }
    }

    /// A policy added between a request's sign-in and the read of its calendar's number: the
    /// calendar kept under the new number shows the policy, though the sign-in's billing number is
    /// the old one.
    @Test func aCalendarKeptUnderANewerNumberShowsCoverageAsNewAsIt() async throws {
        try await withRapport { app in
            let setup = try await PolicyTests.Setup.make(app)
            let practice = setup.practice
            let session = try await practice.book(setup.client, daysFromToday: 2)
            let now = Date()
            let week = SessionScheduling.Range(
                from: now, to: now.addingTimeInterval(7 * 86_400), clinicianIDs: [], limit: 2000)
            var later = week
            later.to.addTimeInterval(60)
            let sql = try app.db.sql()
            /// A request signed in now, as the authenticator gives it.
            let token = try #require(practice.api.token)
            let signIn = {
                try #require(
                    try await app.readCaches.tokens.value(for: TokenHasher.hash(token)) {
                        try await DataVersion.signIn(practiceID: $0, on: sql)
                    }
                ).actor
            }
            _ = try await practice.api.get("/api/v1/sessions")  // keeps the sign-in
            /// The session's billing on the week's calendar as `actor` is given it, kept or made.
            func billing(_ actor: Actor, _ week: SessionScheduling.Range) async throws -> JSON {
                let scheduling = SessionScheduling(
                    database: app.db, actor: actor, settings: app.settings, billingInputs: app.readCaches.billingInputs)
                let key = SessionListKey(practiceID: actor.practiceID, calendars: actor.calendars, range: week)
                let answer = try await scheduling.kept(key, in: app.readCaches.sessionLists) {
                    try JSONBytes.array(try await scheduling.list(week))
                }
                return JSON(parsing: String(buffer: answer)).array.first { $0["id"].string == session }?["billing"]
                    ?? JSON(parsing: "null")
            }
            #expect(try await billing(try await signIn(), week)["to"].string == "client", "the coverage is kept")
            let before = try await signIn()

            // act: the policy comes between that sign-in and the calendar's number
            #expect(try await practice.api.post(setup.path, setup.primary(from: setup.today)).status == .created)
            let shown = try await billing(before, later)  // a calendar not kept yet

            // check
            #expect(shown["to"].string == "insurance", "\(shown)")
            #expect(try await billing(try await signIn(), later)["to"].string == "insurance", "and so is the kept one")
        }
    }

    /// A booking and an attendance mark answer with their client's coverage from what is kept at
    /// the billing number their turn began at, and a change of coverage shows on the next one.
    @Test func aBookingAndAMarkAnswerWithTheCoverageAsItStandsInTheirTurn() async throws {
        try await withRapport { app in
            let setup = try await PolicyTests.Setup.make(app)
            let practice = setup.practice
            let api = practice.api
            let policy = try await api.post(setup.path, setup.primary(from: setup.today))
            #expect(policy.status == .created, "\(policy.text)")
            _ = try await api.get("/api/v1/clients/\(setup.client)/overview")  // keeps the client's coverage
            let before = app.keptFound("coverage-clients")

            // act
            let booked = try await api.post(
                "/api/v1/sessions",
                #"{"clientId": "\#(setup.client)", "start": "\#(practice.instant(daysFromToday: 2))", "allowConflicts": true}"#
            )

            // check
            #expect(booked.status == .created, "\(booked.text)")
            #expect(app.keptFound("coverage-clients") > before, "the kept coverage served the booking")
            #expect(booked.json["billing"]["to"].string == "insurance")
            #expect(booked.json["billing"]["clientShare"]["amount"].int == 2000)
            let id = policy.json["id"].string ?? ""
            _ = try await api.patch("\(setup.path)/\(id)", #"{"copay": {"amount": 3500, "currency": "USD"}}"#)
            let session = booked.json["id"].string ?? ""
            let marked = try await api.patch("/api/v1/sessions/\(session)", #"{"attendance": "show"}"#)
            #expect(marked.status == .ok, "\(marked.text)")
            #expect(marked.json["changed"][0]["billing"]["clientShare"]["amount"].int == 3500, "\(marked.text)")
            let again = try await api.post(
                "/api/v1/sessions",
                #"{"clientId": "\#(setup.client)", "start": "\#(practice.instant(daysFromToday: 3))", "allowConflicts": true}"#
            )
            #expect(again.json["billing"]["clientShare"]["amount"].int == 3500, "\(again.text)")
        }
    }
}
