import Foundation
import Testing
import Vapor

@testable import RapportApp

/// What claims need of a client: date of birth, sex and home address, validated where typed.
struct ClientDemographicsTests {
    @Test func aClientsSexAndAddressAreKeptAndNullClearsThem() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let client = try await practice.makeClient()
            let path = "/api/v1/clients/\(client)"
            let set = try await practice.api.patch(
                path,
                #"{"sex": "female", "address": {"line1": "PO Box 9", "city": "Springfield", "state": "il", "zip": "62702"}}"#
            )
            #expect(set.status == .ok, "\(set.text)")
            #expect(set.json["sex"].string == "female")
            #expect(set.json["address"]["state"].string == "IL")
            #expect(set.json["address"]["line1"].string == "PO Box 9", "a client may get mail at a box")
            let cleared = try await practice.api.patch(path, #"{"address": null}"#)
            #expect(cleared.json["address"].isNull)
            #expect(cleared.json["sex"].string == "female")
        }
    }

    @Test(arguments: [
        (#"{"sex": "f"}"#, "sex", "female, male or unknown"),
        (
            #"{"address": {"line1": "2 Oak Ave", "city": "Springfield", "state": "IL", "zip": "6270"}}"#, "address.zip",
            "ZIP"
        ),
        (
            #"{"address": {"line1": "2 Oak Ave", "city": "Springfield", "state": "Ill", "zip": "62702"}}"#,
            "address.state", "two-letter"
        ),
        (#"{"address": {"city": "Springfield", "state": "IL", "zip": "62702"}}"#, "address.line1", "required"),
    ])
    func aBadValueIsNamedAndNothingChanges(body: String, field: String, words: String) async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let client = try await practice.makeClient()
            let path = "/api/v1/clients/\(client)"
            let refused = try await practice.api.patch(
                path, body.replacingOccurrences(of: "{\"", with: #"{"phone": "555", ""#, options: .anchored))
            #expect(refused.status == .unprocessableEntity, "\(refused.text)")
            #expect(refused.json["error"]["fields"][field].string?.contains(words) == true, "\(refused.text)")
            #expect(try await practice.api.get(path).json["phone"].isNull, "no partial write")
        }
    }

    @Test func editClientInfoKeepsTheAddressAndPutsItsProblemsBesideTheFields() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let client = try await practice.makeClient()
            let browser = try await Browser.signIn(app, email: "owner@example.com", password: "correct horse battery")
            var form = [
                "firstName": "Avery", "lastName": "Nguyen", "status": "active", "sex": "female",
                "address.line1": "2 Oak Ave", "address.city": "Springfield", "address.state": "IL",
                "address.zip": "627",
            ]
            let refused = try await browser.post("/clients/\(client)/edit", form: form)
            #expect(refused.status == .ok)
            #expect(refused.body.string.contains(#"id="error-address.zip""#))
            form["address.zip"] = "62702-1234"
            #expect(try await browser.post("/clients/\(client)/edit", form: form).status == .seeOther)
            let read = try await practice.api.get("/api/v1/clients/\(client)")
            #expect(read.json["address"]["zip"].string == "62702-1234")
            #expect(read.json["sex"].string == "female")
            let page = try await browser.get("/clients/\(client)/edit").body.string
            #expect(page.contains(#"value="2 Oak Ave""#))
        }
    }
}
