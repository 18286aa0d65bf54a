import Foundation
import Testing
import Vapor

@testable import RapportApp

/// The practice's billing provider: what every claim says about who bills.
struct BillingProviderTests {
    static let valid = #"""
        {"entity": "organization", "organizationName": "Calm Waters Counseling", "npi": "1245319599",
         "taxId": "12-3456789", "taxIdKind": "ein", "taxonomy": "101YP2500X",
         "address": {"line1": "1 Main St", "line2": "Suite 200", "city": "Springfield", "state": "IL", "zip": "62701-1234"},
         "payToAddress": {"line1": "PO Box 77", "city": "Springfield", "state": "IL", "zip": "62705"},
         "placeOfService": "11"}
        """#

    @Test func aBillingProviderIsSetReadAndAudited() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            #expect(try await practice.api.get("/api/v1/practice/billing-provider").status == .notFound)
            let set = try await practice.api.send(.PUT, "/api/v1/practice/billing-provider", Self.valid)
            #expect(set.status == .ok, "\(set.text)")
            let read = try await practice.api.get("/api/v1/practice/billing-provider")
            #expect(read.json["npi"].string == "1245319599")
            #expect(read.json["taxIdEnding"].string == "6789")
            #expect(read.json["address"]["zip"].string == "62701-1234")
            #expect(read.json["payToAddress"]["line1"].string == "PO Box 77")
            #expect(!read.text.contains("123456789"), "the whole tax ID is not shown")
            let audit = try await practice.api.get("/api/v1/audit-events?limit=5")
            #expect(audit.json.array.contains { $0["entityType"].string == "billingProvider" })
        }
    }

    @Test(arguments: [
        (#""npi": "1245319599""#, #""npi": "1245319590""#, "npi", "check digit"),
        (#""zip": "62701-1234""#, #""zip": "62701""#, "address.zip", "9 digits"),
        (#""line1": "1 Main St""#, #""line1": "P.O. Box 12""#, "address.line1", "PO Box"),
        (#""taxIdKind": "ein""#, #""taxIdKind": "ssn""#, "taxIdKind", "EIN"),
        (#""taxId": "12-3456789""#, #""taxId": "12-34567""#, "taxId", "9 digits"),
        (#""taxonomy": "101YP2500X""#, #""taxonomy": "101YP""#, "taxonomy", "taxonomy code"),
        (
            #""state": "IL", "zip": "62701-1234""#, #""state": "Illinois", "zip": "62701-1234""#, "address.state",
            "two-letter"
        ),
        (#""placeOfService": "11""#, #""placeOfService": "office""#, "placeOfService", "two-digit"),
        (#""entity": "organization""#, #""entity": "company""#, "entity", "organization or person"),
        (#""organizationName": "Calm Waters Counseling""#, #""organizationName": " ""#, "organizationName", "required"),
    ])
    func badInputIsNamedOnItsFieldAndNothingIsWritten(
        from: String, to: String, field: String, words: String
    ) async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let body = Self.valid.replacingOccurrences(of: from, with: to)
            #expect(body != Self.valid)
            let set = try await practice.api.send(.PUT, "/api/v1/practice/billing-provider", body)
            #expect(set.status == .unprocessableEntity, "\(set.text)")
            #expect(set.json["error"]["fields"][field].string?.contains(words) == true, "\(set.text)")
            #expect(try await practice.api.get("/api/v1/practice/billing-provider").status == .notFound)
        }
    }

    @Test func aSoloClinicianBillsUnderTheirOwnNameAndMayUseAnSSN() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let body = Self.valid
                .replacingOccurrences(
                    of: #""entity": "organization", "organizationName": "Calm Waters Counseling""#,
                    with: #""entity": "person", "lastName": "Rivera", "firstName": "Dana""#
                )
                .replacingOccurrences(
                    of: #""taxId": "12-3456789", "taxIdKind": "ein""#,
                    with: #""taxId": "123-45-6789", "taxIdKind": "ssn""#)
            let set = try await practice.api.send(.PUT, "/api/v1/practice/billing-provider", body)
            #expect(set.status == .ok, "\(set.text)")
            #expect(set.json["entity"].string == "person")
            #expect(set.json["lastName"].string == "Rivera")
            #expect(set.json["organizationName"].isNull)
            // A person's SSN is for claims only: the client's statement does not print it.
            let client = try await practice.makeClient()
            let statement = try await practice.api.get(
                "/api/v1/clients/\(client)/statement?from=\(practice.date(daysFromToday: -30))&to=\(practice.today)")
            #expect(statement.json["practiceContact"]["taxId"].isNull, "\(statement.text)")
            #expect(!statement.text.contains("6789"))
        }
    }

    @Test func settingsSavesTheBillingProviderAndPutsEachProblemBesideItsField() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let browser = try await Browser.signIn(app, email: "owner@example.com", password: "correct horse battery")
            #expect(try await browser.get("/settings").body.string.contains("/settings/billing-provider"))
            var form = [
                "entity": "organization", "organizationName": "Calm Waters", "npi": "1245319599", "taxId": "12-3456789",
                "taxIdKind": "ein", "taxonomy": "101YP2500X", "placeOfService": "10", "address.line1": "1 Main St",
                "address.city": "Springfield", "address.state": "IL", "address.zip": "62701",
            ]
            let refused = try await browser.post("/settings/billing-provider", form: form)
            #expect(refused.status == .ok)
            let page = refused.body.string
            #expect(page.contains("must have all 9 digits"))
            #expect(page.contains(#"id="error-address.zip""#), "the message sits beside the ZIP field")
            #expect(!page.contains(#"value="12-3456789""#), "the tax ID is not written back into the page")
            #expect(try await practice.api.get("/api/v1/practice/billing-provider").status == .notFound)
            form["address.zip"] = "62701-1234"
            let saved = try await browser.post("/settings/billing-provider", form: form)
            #expect(saved.status == .seeOther, "\(saved.body.string)")
            let read = try await practice.api.get("/api/v1/practice/billing-provider")
            #expect(read.json["placeOfService"].string == "10")
            form["taxId"] = ""
            form["npi"] = "1234567893"
            #expect(try await browser.post("/settings/billing-provider", form: form).status == .seeOther)
            let kept = try await practice.api.get("/api/v1/practice/billing-provider")
            #expect(kept.json["taxIdEnding"].string == "6789", "an empty tax ID keeps the one on file")
            #expect(kept.json["npi"].string == "1234567893")
            let shown = try await browser.get("/settings/billing-provider").body.string
            #expect(shown.contains("ends in 6789") && shown.contains("1234567893"))
        }
    }
}
