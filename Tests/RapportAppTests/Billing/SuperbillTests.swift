import Foundation
import Testing
import Vapor

@testable import RapportApp

/// A superbill carries what an insurer needs to reimburse out of network, and is refused — each
/// missing piece named with where to add it — until it does.
struct SuperbillTests {
    @Test func anIncompleteSuperbillIsRefusedNamingWhatIsMissingThenPrintsOnceFixed() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let client = try await practice.clientPartlyPaid()
            let path = "/api/v1/clients/\(client)/superbill?from=\(practice.date(daysFromToday: -30))&to=\(practice.today)"
            let refused = try await practice.api.get(path)
            #expect(refused.status == .unprocessableEntity, "\(refused.text)")
            let fields = refused.json["error"]["fields"]
            #expect(fields["practice.billingProvider"].string?.contains("Settings → Billing provider") == true)
            #expect(fields["clinicians[0].npi"].string?.hasPrefix("Maya Chen: NPI is missing") == true, "\(fields)")
            #expect(fields["clinicians[0].licenseNumber"].string != nil && fields["clinicians[0].credentials"].string != nil)
            #expect(fields["clinicians[0].licenseState"].string?.hasPrefix("Maya Chen: licence state is missing") == true)
            #expect(fields["client.dateOfBirth"].string?.contains("edit the client") == true)
            #expect(fields["diagnoses"].string != nil)

            try await practice.completeForSuperbills(client)
            let superbill = try await practice.api.get(path)
            #expect(superbill.status == .ok, "\(superbill.text)")
            let json = superbill.json
            #expect(json["practice"]["name"].string == "Riverside Counseling" && json["practice"]["groupNpi"].string == "1245319599")
            #expect(json["practice"]["phone"].string == "(217) 555-0100" && json["practice"]["taxId"].string == "123456789")
            let clinician = json["clinicians"][0]
            #expect(clinician["credentials"].string == "LCSW" && clinician["npi"].string == "1234567893")
            #expect(clinician["licenseNumber"].string == "149.012345" && clinician["licenseState"].string == "IL")
            #expect(json["client"]["dateOfBirth"].string == "1990-05-17" && json["client"]["address"]["zip"].string == "62704")
            #expect(json["diagnoses"].array.map { $0["code"].string ?? "" } == ["F41.1", "F33.0"])
            let lines = json["lines"].array
            #expect(lines.map { $0["serviceCode"].string } == ["90834", "90834"])
            #expect(lines.allSatisfy { $0["placeOfService"].string == "11" && $0["units"].int == 1 })
            #expect(lines.allSatisfy { $0["diagnoses"].array.map(\.string) == ["A", "B"] })
            #expect(lines.map { $0["paid"]["amount"].int } == [15000, 5000])
            #expect(lines.map { $0["paidInFull"].bool } == [true, false])
            #expect(json["totalPaid"]["amount"].int == 20000 && json["signature"].string == "Signature on file")
        }
    }
}
