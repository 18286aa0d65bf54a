import Foundation
import RapportCore
import Testing
import Vapor

@testable import RapportApp

/// Good Faith Estimates for clients who pay for themselves: made from their series and fees, kept
/// as versions, flagged when a fee changes, and listed while due.
struct GoodFaithEstimateAppTests {
    /// A self-pay client with ten weekly sessions from three days on, and all an estimate names:
    /// the clinician's NPI, the practice's tax ID and office, the client's birth date.
    private func weekly(_ practice: PracticeFixture) async throws -> String {
        let client = try await practice.makeClient()
        let series = try await practice.api.post(
            "/api/v1/series",
            #"{"clientId": "\#(client)", "clinicianId": "\#(practice.clinicianID)", "start": "\#(practice.localStart(daysFromToday: 3))", "rule": "FREQ=WEEKLY;COUNT=10"}"#)
        #expect(series.status == .created, "\(series.text)")
        try await practice.completeForSuperbills(client)
        return client
    }

    @Test func anEstimateIsMadeFromTheClientsSeriesAndFeesAndListedWhileDue() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let client = try await weekly(practice)
            let today = practice.zone.localDate(Date())
            let due = try await practice.api.get("/api/v1/good-faith-estimates/due").json
            #expect(due.array.count == 1 && due[0]["clientId"].string == client && due[0]["reason"].string == "no estimate yet")
            let expected = GoodFaithEstimateRules.due(.scheduled(on: today, service: today.adding(days: 3)))
            #expect(due[0]["dueOn"].string == expected?.description, "\(due)")

            let made = try await practice.api.post("/api/v1/clients/\(client)/good-faith-estimates", #"{"periodMonths": 12}"#)
            #expect(made.status == .created, "\(made.text)")
            let estimate = made.json["estimate"]
            let item = estimate["providers"][0]["items"][0]
            #expect(item["serviceCode"].string == "90834" && item["sessions"].int == 10, "\(item)")
            #expect(item["charge"]["amount"].int == 15000 && item["total"]["amount"].int == 150000)
            #expect(item["frequency"].string == "Weekly, 10 sessions")
            #expect(item["diagnosisCodes"].array.map(\.string) == ["F41.1", "F33.0"])
            let provider = estimate["providers"][0]
            #expect(provider["name"].string == "Maya Chen, LCSW" && provider["npi"].string == "1234567893")
            #expect(provider["taxID"].string == "123456789" && provider["location"]["city"].string == "Springfield")
            #expect(estimate["clientDateOfBirth"].string == "1990-05-17")
            #expect(estimate["total"]["amount"].int == 150000 && estimate["primaryServiceDate"].string == today.adding(days: 3).description)
            #expect(estimate["periodEnd"].string == GoodFaithEstimateRules.periodEnd(start: today, months: 12).description)
            #expect(made.json["disclaimers"].array.count == 4 && made.json["changes"].array.isEmpty)
            #expect(try await practice.api.get("/api/v1/good-faith-estimates/due").json.array.isEmpty)

            // A fee change makes it out of date: said in words, a new one due the day before the next session.
            _ = try await practice.api.patch(
                "/api/v1/clients/\(client)/billing",
                #"{"fees": [{"serviceId": "\#(practice.therapy45)", "amount": \#(practice.money(16000))}]}"#)
            let stale = try await practice.api.get("/api/v1/good-faith-estimates/\(made.json["id"].string ?? "")").json
            #expect(stale["changes"].array.map(\.string) == ["90834 with Maya Chen, LCSW is now $160.00 a session (was $150.00)"], "\(stale)")
            #expect(stale["revisionDue"].string == GoodFaithEstimateRules.revisionDue(service: today.adding(days: 3)).description)
            let listed = try await practice.api.get("/api/v1/good-faith-estimates/due").json
            #expect(listed[0]["reason"].string?.hasPrefix("the estimate no longer matches") == true)
            let second = try await practice.api.post("/api/v1/clients/\(client)/good-faith-estimates", "{}")
            #expect(second.json["version"].int == 2 && second.json["estimate"]["total"]["amount"].int == 160000)
            let versions = try await practice.api.get("/api/v1/clients/\(client)/good-faith-estimates").json.array
            #expect(versions.map { $0["version"].int } == [2, 1] && versions.map { $0["current"].bool } == [true, false])
        }
    }

    /// Charges $400 or more above a provider's estimate are said on the client's page, the estimate
    /// and the report, before the invoice goes out.
    /// Two clients of the same name due on the same day are listed in one order every time (by
    /// name, then record), not in whatever order the server happened to gather them.
    @Test func sameNamedClientsDueTheSameDayKeepOneOrder() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            var clients: [String] = []
            for _ in 0..<4 {
                let client = try await practice.makeClient("Indy", "Davis")
                let series = try await practice.api.post(
                    "/api/v1/series",
                    #"{"clientId": "\#(client)", "clinicianId": "\#(practice.clinicianID)", "start": "\#(practice.localStart(daysFromToday: 3))", "rule": "FREQ=WEEKLY;COUNT=4", "allowConflicts": true}"#)
                #expect(series.status == .created, "\(series.text)")
                clients.append(client)
            }
            let due = try await practice.api.get("/api/v1/good-faith-estimates/due").json.array
            #expect(due.compactMap { $0["clientId"].string } == clients.sorted(), "\(due)")
        }
    }

    @Test func chargesFourHundredDollarsOverTheEstimateAreFlagged() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let client = try await weekly(practice)
            let made = try await practice.api.post(
                "/api/v1/clients/\(client)/good-faith-estimates", #"{"periodMonths": 1}"#)
            let id = try #require(UUID(uuidString: made.json["id"].string ?? ""))
            // Time passes: the estimate was given a month ago, and 60-minute sessions ($180) were held since.
            let row = try #require(try await GoodFaithEstimateRow.find(id, on: app.db))
            var given = try row.decoded()
            given.periodStart = given.periodStart.adding(days: -30)
            (row.periodStart, row.estimate) = (given.periodStart, String(decoding: try JSONEncoder().encode(given), as: UTF8.self))
            try await row.save(on: app.db)
            let estimated = made.json["estimate"]["providers"][0]["total"]["amount"].int ?? 0
            let needed = (estimated + 40_000 + 17_999) / 18_000
            for k in 0..<needed - 1 {
                _ = try await practice.book(
                    client, daysFromToday: -1 - 3 * k, attendance: "show", extra: #", "serviceId": "\#(practice.therapy60)""#)
            }
            let under = try await practice.api.get("/api/v1/good-faith-estimates/\(id)").json["charges"][0]
            #expect(under["charged"]["amount"].int == (needed - 1) * 18_000 && under["disputable"].bool == false, "\(under)")
            let before = try await practice.api.get("/api/v1/good-faith-estimates/due").json.array
            #expect(!before.contains { $0["kind"].string == "overEstimate" }, "\(before)")
            _ = try await practice.book(
                client, daysFromToday: -2, attendance: "show", extra: #", "serviceId": "\#(practice.therapy60)""#)
            let over = try await practice.api.get("/api/v1/good-faith-estimates/\(id)").json["charges"][0]
            #expect(over["charged"]["amount"].int == needed * 18_000 && over["disputable"].bool == true, "\(over)")
            let report = try await practice.api.get("/api/v1/good-faith-estimates/due").json.array
            let flagged = report.first { $0["kind"].string == "overEstimate" }
            #expect(flagged?["reason"].string?.contains("may dispute the bill within 120 days") == true, "\(report)")
            #expect(flagged?["dueOn"].isNull == true)
            // The client's page says so too, before anyone invoices them again.
            let owner = try await Browser.signIn(app, email: "owner@example.com", password: "correct horse battery")
            let page = try await owner.get("/clients/\(client)").body.string
            #expect(page.contains("may dispute the bill within 120 days"), "the client page warns")
        }
    }

    /// A fee change's preview lists the estimates it makes out of date; Confirm with `reestimate`
    /// gives each client a new one in the same transaction.
    @Test func aFeeChangeOffersNewEstimatesThroughItsPreview() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let client = try await weekly(practice)
            let first = try await practice.api.post("/api/v1/clients/\(client)/good-faith-estimates", "{}")
            let change = #"{"clientId": "\#(client)", "fees": [{"serviceId": "\#(practice.therapy45)", "amount": \#(practice.money(16000))}]}"#
            let preview = try await practice.api.post("/api/v1/billing-changes/preview", change)
            let listed = preview.json["estimatesChanged"]
            #expect(listed.array.count == 1 && listed[0]["estimateId"].string == first.json["id"].string, "\(preview.text)")
            #expect(listed[0]["changes"][0].string?.contains("is now $160.00 a session") == true)
            #expect(listed[0]["newEstimateId"].isNull && listed[0]["clientName"].string == "Avery Nguyen")
            #expect(try await GoodFaithEstimateRow.query(on: app.db).count() == 1, "a preview gives nothing")

            let body = #"{"clientId": "\#(client)", "fees": [{"serviceId": "\#(practice.therapy45)", "amount": \#(practice.money(16000))}], "reestimate": true}"#
            let applied = try await practice.api.post("/api/v1/billing-changes", body)
            let renewed = applied.json["estimatesChanged"][0]["newEstimateId"].string
            #expect(renewed != nil, "\(applied.text)")
            let versions = try await practice.api.get("/api/v1/clients/\(client)/good-faith-estimates").json.array
            #expect(versions.map { $0["id"].string } == [renewed, first.json["id"].string])
            #expect(versions.first?["estimate"]["total"]["amount"].int == 160000 && versions.first?["changes"].array.isEmpty == true)
        }
    }

    @Test func badRequestsAreRefusedOnTheirField() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let client = try await weekly(practice)
            let path = "/api/v1/clients/\(client)/good-faith-estimates"
            let long = try await practice.api.post(path, #"{"periodMonths": 13}"#)
            #expect(long.status == .unprocessableEntity && long.json["error"]["fields"]["periodMonths"].string != nil)
            let past = try await practice.api.post(path, #"{"start": "2020-01-01"}"#)
            #expect(past.status == .unprocessableEntity && past.json["error"]["fields"]["start"].string != nil)
            let typo = try await practice.api.post(path, #"{"months": 3}"#)
            #expect(typo.status == .unprocessableEntity || typo.status == .badRequest)
            let nobody = try await practice.makeClient("Sam", "Rivera")
            let empty = try await practice.api.post("/api/v1/clients/\(nobody)/good-faith-estimates", "{}")
            #expect(empty.status == .unprocessableEntity && empty.json["error"]["fields"]["clientId"].string != nil)
            // What the rule requires on it is refused when missing, each named with where to add it.
            _ = try await practice.api.patch("/api/v1/clinicians/\(practice.clinicianID)", #"{"npi": ""}"#)
            let incomplete = try await practice.api.post(path, "{}")
            #expect(incomplete.status == .unprocessableEntity, "\(incomplete.text)")
            #expect(incomplete.json["error"]["fields"]["providers[0].npi"].string?.contains("Settings → Clinicians") == true)
            #expect(try await GoodFaithEstimateRow.query(on: app.db).count() == 0, "nothing written")
        }
    }
}
