import Foundation
import Testing

@testable import RapportApp

extension PracticeFixture {
    /// Everything a superbill needs that a practice set up for self-pay does not have yet: the
    /// billing provider with its phone, the clinician's NPI, credentials and licence, the client's
    /// date of birth and address, and a diagnosis.
    func completeForSuperbills(_ client: String) async throws {
        let provider = try await api.send(
            .PUT, "/api/v1/practice/billing-provider",
            #"""
            {"entity": "organization", "organizationName": "Riverside Counseling", "npi": "1245319599",
             "taxId": "12-3456789", "taxIdKind": "ein", "taxonomy": "101YP2500X", "phone": "(217) 555-0100",
             "address": {"line1": "1 Main St", "city": "Springfield", "state": "IL", "zip": "62701-1234"}}
            """#)
        #expect(provider.status == .ok, "\(provider.text)")
        let clinician = try await api.patch(
            "/api/v1/clinicians/\(clinicianID)",
            #"{"npi": "1234567893", "credentials": "LCSW", "licenseNumber": "149.012345", "licenseState": "IL"}"#)
        #expect(clinician.status == .ok, "\(clinician.text)")
        let person = try await api.patch(
            "/api/v1/clients/\(client)",
            #"{"dateOfBirth": "1990-05-17", "address": {"line1": "12 Oak Ave", "city": "Springfield", "state": "IL", "zip": "62704"}}"#)
        #expect(person.status == .ok, "\(person.text)")
        let diagnoses = try await api.send(.PUT, "/api/v1/clients/\(client)/diagnoses", #"{"codes": ["F41.1", "F33.0"]}"#)
        #expect(diagnoses.status == .ok, "\(diagnoses.text)")
    }
}
