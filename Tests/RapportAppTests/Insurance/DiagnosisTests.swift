import Foundation
import Testing
import Vapor

@testable import RapportApp

/// A client's diagnoses: ICD-10-CM codes in order, effective-dated like fees.
struct DiagnosisTests {
    @Test func aListIsSetFromADateAndTheEarlierOneStaysInHistory() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let client = try await practice.makeClient()
            let path = "/api/v1/clients/\(client)/diagnoses"
            let first = try await practice.api.send(.PUT, path, #"{"codes": ["f411", "F33.0"]}"#)
            #expect(first.status == .ok, "\(first.text)")
            #expect(first.json["current"].array.map { $0["code"].string } == ["F41.1", "F33.0"])
            #expect(first.json["current"][0]["description"].string == "Generalized anxiety disorder")
            let tomorrow = practice.zone.localDate(Date()).adding(days: 1)
            let later = try await practice.api.send(
                .PUT, path, #"{"codes": ["F43.10", "F99"], "effectiveFrom": "\#(tomorrow)"}"#)
            #expect(later.json["current"][0]["code"].string == "F41.1", "tomorrow's list is not yet in force")
            #expect(later.json["history"].array.count == 2)
            #expect(later.json["history"][1]["codes"][1]["code"].string == "F99")
            #expect(later.json["history"][1]["codes"][1]["description"].isNull, "a code not on the list has no words")
            let search = try await practice.api.get("/api/v1/diagnosis-codes?search=adjustment%20anxiety")
            #expect(search.json.array.compactMap { $0["code"].string } == ["F43.22", "F43.23"])
            let cleared = try await practice.api.send(.PUT, path, #"{"codes": []}"#)
            #expect(cleared.json["history"].array.isEmpty)
        }
    }

    @Test(arguments: [
        (#"{"codes": ["F41.1", "F4.11"]}"#, "codes[1]", "ICD-10-CM"),
        (#"{"codes": ["F41.1", "F411"]}"#, "codes[1]", "repeats"),
        (
            #"{"codes": ["F41.0", "F41.1", "F41.9", "F32.0", "F32.1", "F32.2", "F32.9", "F33.0", "F33.1", "F33.2", "F33.9", "F34.1", "F43.10"]}"#,
            "codes", "at most 12"
        ),
        (#"{"codes": [], "effectiveFrom": "2026-01-05"}"#, "codes", "at least the principal"),
    ])
    func aBadListIsNamedAndNothingChanges(body: String, field: String, words: String) async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let client = try await practice.makeClient()
            let path = "/api/v1/clients/\(client)/diagnoses"
            let refused = try await practice.api.send(.PUT, path, body)
            #expect(refused.status == .unprocessableEntity, "\(refused.text)")
            #expect(refused.json["error"]["fields"][field].string?.contains(words) == true, "\(refused.text)")
            #expect(try await practice.api.get(path).json["history"].array.isEmpty)
        }
    }

    @Test func theBillingAndInsuranceTabSetsDiagnosesAndSaysWhichCodeIsWrong() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let client = try await practice.makeClient()
            let browser = try await Browser.signIn(app, email: "owner@example.com", password: "correct horse battery")
            let refused = try await browser.post(
                "/clients/\(client)/diagnoses", form: ["codes": "F41.1, F4.11", "effectiveFrom": ""])
            #expect(refused.status == .ok)
            let page = refused.body.string
            #expect(page.contains(#"id="error-dx-codes""#) && page.contains("F4.11 must be an ICD-10-CM code"))
            #expect(page.contains(#"value="F41.1, F4.11""#), "what was typed is kept")
            let saved = try await browser.post(
                "/clients/\(client)/diagnoses", form: ["codes": "f411 F33.0", "effectiveFrom": ""])
            #expect(saved.status == .seeOther)
            let tab = try await browser.get("/clients/\(client)/edit?tab=billing").body.string
            #expect(tab.contains("F41.1 — Generalized anxiety disorder"))
            #expect(tab.contains("F33.0 — Major depressive disorder, recurrent, mild"))
        }
    }

    @Test func aSessionCarriesItsOwnDiagnosesOneSessionAtATime() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let client = try await practice.makeClient()
            let session = try await practice.book(client, daysFromToday: 2)
            let path = "/api/v1/sessions/\(session)"
            let own = try await practice.api.patch(path, #"{"diagnoses": ["f4323", "F41.1"]}"#)
            #expect(own.json["changed"][0]["diagnoses"].array.map { $0["code"].string } == ["F43.23", "F41.1"], "\(own.text)")
            for (body, field) in [
                (#"{"diagnoses": ["F43.23", "F4.11"]}"#, "diagnoses[1]"), (#"{"diagnoses": []}"#, "diagnoses"),
                (#"{"diagnoses": ["F41.1", "F411"]}"#, "diagnoses[1]"),
            ] {
                let refused = try await practice.api.patch(path, body)
                #expect(refused.status == .unprocessableEntity, "\(body)")
                #expect(refused.json["error"]["fields"][field].string != nil, "\(refused.text)")
            }
            #expect(try await practice.api.get(path).json["diagnoses"].array.count == 2, "nothing changed")
            let cleared = try await practice.api.patch(path, #"{"diagnoses": null}"#)
            #expect(cleared.json["changed"][0]["diagnoses"].isNull)
            let series = try await practice.bookWeekly(client, startingDaysFromToday: 3, count: 2)
            let first = series["occurrences"][0]["id"].string ?? ""
            let wide = try await practice.api.patch("/api/v1/sessions/\(first)?scope=all", #"{"diagnoses": ["F41.1"]}"#)
            #expect(wide.json["error"]["fields"]["diagnoses"].string?.contains("per session") == true)
            let browser = try await Browser.signIn(app, email: "owner@example.com", password: "correct horse battery")
            let bad = try await browser.post(
                "/calendar/sessions/\(session)/edit",
                form: ["serviceId": "", "fee": "", "placeOfService": "", "selfPay": "", "diagnoses": "F4.11", "return": "/calendar"])
            #expect(bad.body.string.contains(#"id="error-diagnoses""#))
            let good = try await browser.post(
                "/calendar/sessions/\(session)/edit",
                form: ["serviceId": "", "fee": "", "placeOfService": "", "selfPay": "", "diagnoses": "F43.23", "return": "/calendar"])
            #expect(good.status == .seeOther)
            #expect(try await practice.api.get(path).json["diagnoses"][0]["code"].string == "F43.23")
        }
    }
}
