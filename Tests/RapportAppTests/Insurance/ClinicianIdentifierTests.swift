import Foundation
import Testing
import Vapor

@testable import RapportApp

/// What claims say of the clinician who treats: NPI type 1, taxonomy, credentials, licence.
struct ClinicianIdentifierTests {
    @Test func aClinicianCarriesTheirIdentifiersAndAnEmptyOneClearsIt() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let path = "/api/v1/clinicians/\(practice.clinicianID)"
            let set = try await practice.api.patch(
                path,
                #"{"npi": "1234567893", "taxonomy": "101yp2500x", "credentials": "LCSW", "licenseNumber": "149.012345", "licenseState": "il", "claimLastName": "Chen", "claimFirstName": "Maya"}"#
            )
            #expect(set.status == .ok, "\(set.text)")
            #expect(set.json["npi"].string == "1234567893")
            #expect(set.json["taxonomy"].string == "101YP2500X")
            #expect(set.json["licenseState"].string == "IL")
            #expect(set.json["claimLastName"].string == "Chen" && set.json["claimFirstName"].string == "Maya")
            let cleared = try await practice.api.patch(path, #"{"taxonomy": ""}"#)
            #expect(cleared.json["taxonomy"].isNull)
            #expect(cleared.json["npi"].string == "1234567893", "what was not sent stays")
        }
    }

    @Test(arguments: [
        (#"{"npi": "1234567890"}"#, "npi", "check digit"), (#"{"npi": "12345"}"#, "npi", "10 digits"),
        (#"{"taxonomy": "101Y"}"#, "taxonomy", "taxonomy code"),
        (#"{"licenseState": "Illinois"}"#, "licenseState", "two-letter"),
    ])
    func aBadIdentifierIsNamedAndNothingChanges(body: String, field: String, words: String) async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let path = "/api/v1/clinicians/\(practice.clinicianID)"
            let refused = try await practice.api.patch(
                path, body.replacingOccurrences(of: "{", with: #"{"name": "Renamed", "#))
            #expect(refused.status == .unprocessableEntity, "\(refused.text)")
            #expect(refused.json["error"]["fields"][field].string?.contains(words) == true, "\(refused.text)")
            #expect(try await practice.api.get(path).json["name"].string != "Renamed", "no partial write")
        }
    }

    @Test func theClinicianPageInSettingsSavesThemAndSaysWhatIsWrongBesideTheField() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let browser = try await Browser.signIn(app, email: "owner@example.com", password: "correct horse battery")
            let path = "/settings/clinicians/\(practice.clinicianID)"
            #expect(try await browser.get("/settings").body.string.contains(path))
            let form = [
                "name": "Maya Chen", "email": "", "active": "true", "npi": "1234567890", "taxonomy": "",
                "credentials": "LCSW", "licenseNumber": "", "licenseState": "",
            ]
            let refused = try await browser.post(path, form: form)
            #expect(refused.status == .ok)
            #expect(refused.body.string.contains(#"id="error-npi""#))
            var fixed = form
            fixed["npi"] = "1234567893"
            #expect(try await browser.post(path, form: fixed).status == .seeOther)
            let read = try await practice.api.get("/api/v1/clinicians/\(practice.clinicianID)")
            #expect(read.json["npi"].string == "1234567893")
            #expect(read.json["credentials"].string == "LCSW")
        }
    }
}
