import Foundation
import Testing
import Vapor

@testable import RapportApp

/// Payers and what each allows per service.
struct PayerTests {
    static let aetna = #"{"name": "Aetna", "payerId": "60054", "filingIndicator": "CI", "telehealthModifier": true}"#

    @Test func aPayerIsAddedChangedAndGivenRatesByDate() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let made = try await practice.api.post("/api/v1/payers", Self.aetna)
            #expect(made.status == .created, "\(made.text)")
            let id = made.json["id"].string ?? ""
            let path = "/api/v1/payers/\(id)"
            let changed = try await practice.api.patch(
                path, #"{"address": {"line1": "PO Box 981106", "city": "El Paso", "state": "TX", "zip": "79998"}}"#)
            #expect(changed.json["address"]["city"].string == "El Paso")
            #expect(changed.json["telehealthModifier"].bool == true)
            let old = try await practice.api.post(
                "\(path)/rates",
                #"{"serviceId": "\#(practice.therapy45)", "amount": {"amount": 9800, "currency": "USD"}}"#)
            #expect(old.status == .ok, "\(old.text)")
            let today = practice.zone.localDate(Date())
            let later = try await practice.api.post(
                "\(path)/rates",
                #"{"serviceId": "\#(practice.therapy45)", "amount": {"amount": 10400, "currency": "USD"}, "effectiveFrom": "\#(today.adding(days: 30))"}"#
            )
            #expect(later.json["rates"].array.count == 2)
            #expect(later.json["currentRates"][0]["amount"]["amount"].int == 9800, "the later rate is not yet in force")
            let list = try await practice.api.get("/api/v1/payers")
            #expect(list.json.array.map { $0["name"].string } == ["Aetna"])
        }
    }

    @Test(arguments: [
        (
            #"{"name": "Aetna", "payerId": "60054", "filingIndicator": "commercial"}"#, "filingIndicator",
            "claim filing indicator"
        ),
        (#"{"name": "Aetna", "payerId": "600 54", "filingIndicator": "CI"}"#, "payerId", "letters and digits"),
        (#"{"name": " ", "payerId": "60054", "filingIndicator": "CI"}"#, "name", "required"),
        (#"{"name": "Aetna", "filingIndicator": "CI"}"#, "payerId", "required"),
    ])
    func aBadPayerIsNamedOnItsField(body: String, field: String, words: String) async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let refused = try await practice.api.post("/api/v1/payers", body)
            #expect(refused.status == .unprocessableEntity, "\(refused.text)")
            #expect(refused.json["error"]["fields"][field].string?.contains(words) == true, "\(refused.text)")
            #expect(try await practice.api.get("/api/v1/payers").json.array.isEmpty)
        }
    }

    @Test func aPayerIDIsOncePerPracticeAndARateNeedsOneOfItsServices() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let id = try await practice.api.post("/api/v1/payers", Self.aetna).json["id"].string ?? ""
            let twice = try await practice.api.post("/api/v1/payers", Self.aetna)
            #expect(twice.json["error"]["fields"]["payerId"].string == "is already another payer's")
            let stranger = try await practice.api.post(
                "/api/v1/payers/\(id)/rates",
                #"{"serviceId": "\#(UUID())", "amount": {"amount": 9800, "currency": "USD"}}"#)
            #expect(stranger.status == .unprocessableEntity)
            #expect(stranger.json["error"]["fields"]["serviceId"].string != nil)
            let negative = try await practice.api.post(
                "/api/v1/payers/\(id)/rates",
                #"{"serviceId": "\#(practice.therapy45)", "amount": {"amount": -1, "currency": "USD"}}"#)
            #expect(negative.status == .unprocessableEntity)
            #expect(try await practice.api.get("/api/v1/payers/\(id)").json["rates"].array.isEmpty)
        }
    }

    @Test func settingsAddsAPayerAndItsRateAndSaysWhatIsWrong() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let browser = try await Browser.signIn(app, email: "owner@example.com", password: "correct horse battery")
            #expect(try await browser.get("/settings").body.string.contains("/settings/payers"))
            let refused = try await browser.post(
                "/settings/payers",
                form: ["name": "Aetna", "payerId": "", "filingIndicator": "CI", "telehealthModifier": "false"])
            #expect(refused.status == .ok)
            #expect(refused.body.string.contains(#"id="error-payerId""#))
            let added = try await browser.post(
                "/settings/payers",
                form: ["name": "Aetna", "payerId": "60054", "filingIndicator": "CI", "telehealthModifier": "true"])
            #expect(added.status == .seeOther)
            let page = try #require(added.headers.first(name: .location)).split(separator: "?")[0]
            let badRate = try await browser.post(
                "\(page)/rates", form: ["serviceId": practice.therapy45, "amount": "ninety"])
            #expect(badRate.status == .ok)
            #expect(badRate.body.string.contains(#"id="error-rate-amount""#))
            let preview = try await browser.post(
                "\(page)/rates", form: ["serviceId": practice.therapy45, "amount": "98.00"])
            #expect(preview.status == .ok && preview.body.string.contains("Review the change to Aetna’s rate for 90834"))
            #expect(!(try await browser.get(String(page)).body.string.contains("$98.00")), "a preview saves nothing")
            let rate = try await browser.post(
                "\(page)/rates/apply", form: ["serviceId": practice.therapy45, "amount": "98.00"])
            #expect(rate.status == .seeOther)
            let shown = try await browser.get(String(page)).body.string
            #expect(shown.contains("$98.00"))
        }
    }
}
