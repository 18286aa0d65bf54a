import Foundation
import RapportCore

struct ClinicianDetails: Codable, Sendable {
    let id: UUID
    let name: String
    let email: String?
    let active: Bool
    let npi: NPI?
    let taxonomy: TaxonomyCode?
    let credentials: String?
    let licenseNumber: String?
    let licenseState: String?
    let claimLastName: String?
    let claimFirstName: String?

    init(_ clinician: Clinician) throws {
        id = try clinician.requireID()
        name = clinician.name
        email = clinician.email
        active = clinician.active
        npi = clinician.npi
        taxonomy = clinician.taxonomy
        credentials = clinician.credentials
        licenseNumber = clinician.licenseNumber
        licenseState = clinician.licenseState
        claimLastName = clinician.claimLastName
        claimFirstName = clinician.claimFirstName
    }
}

/// A clinician's details; for the identifiers, an empty text clears the stored one.
struct ClinicianInput: UseCaseInput {
    var name: String?
    var email: String?
    var active: Bool?
    /// The clinician's own NPI (type 1), checked by its check digit.
    var npi: String?
    var taxonomy: String?
    var credentials: String?
    var licenseNumber: String?
    var licenseState: String?
    /// The name as claims write it, last and first apart.
    var claimLastName: String?
    var claimFirstName: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, email, active, npi, taxonomy, credentials, licenseNumber, licenseState, claimLastName
        case claimFirstName
    }

    /// Applies the identifiers given to `clinician`, naming each problem.
    func applyIdentifiers(to clinician: Clinician, errors: inout FieldErrors) {
        if let npi {
            if npi.isEmpty {
                clinician.npi = nil
            } else if let value = NPI(npi) {
                clinician.npi = value
            } else {
                errors.add("npi", NPI.problem(npi) ?? "is not an NPI")
            }
        }
        if let taxonomy {
            if taxonomy.isEmpty {
                clinician.taxonomy = nil
            } else if let value = TaxonomyCode(taxonomy) {
                clinician.taxonomy = value
            } else {
                errors.add("taxonomy", TaxonomyCode.problem(taxonomy) ?? "is not a taxonomy code")
            }
        }
        if let credentials {
            clinician.credentials = TextInput.optional(credentials, field: "credentials", limit: 20, errors: &errors)
        }
        if let licenseNumber {
            clinician.licenseNumber = TextInput.optional(
                licenseNumber, field: "licenseNumber", limit: 30, errors: &errors)
        }
        if let claimLastName {
            clinician.claimLastName = TextInput.optional(
                claimLastName, field: "claimLastName", limit: 60, errors: &errors)
        }
        if let claimFirstName {
            clinician.claimFirstName = TextInput.optional(
                claimFirstName, field: "claimFirstName", limit: 35, errors: &errors)
        }
        if let licenseState {
            let state = licenseState.uppercased()
            if state.isEmpty {
                clinician.licenseState = nil
            } else if let problem = PostalAddress.stateProblem(state) {
                errors.add("licenseState", problem)
            } else {
                clinician.licenseState = state
            }
        }
    }
}

struct ClientDetails: Codable, Sendable {
    let id: UUID
    let firstName: String
    let lastName: String
    let email: String?
    let phone: String?
    let dateOfBirth: LocalDate?
    let sex: Sex?
    let address: AddressDetails?
    let status: String
    let primaryClinicianId: UUID?

    init(_ client: Client) throws {
        id = try client.requireID()
        firstName = client.firstName
        lastName = client.lastName
        email = client.email
        phone = client.phone
        dateOfBirth = client.dateOfBirth
        sex = client.sex
        address = client.address.map(AddressDetails.init)
        status = client.status
        primaryClinicianId = client.primaryClinicianID
    }
}

struct ClientInput: UseCaseInput {
    var firstName: String?
    var lastName: String?
    var email: Patch<String>?
    var phone: Patch<String>?
    var dateOfBirth: Patch<LocalDate>?
    /// `female`, `male` or `unknown`, as claims need it; null clears it.
    var sex: Patch<String>?
    /// The client's home address (a PO Box is fine here); null clears it.
    var address: Patch<AddressInput>?
    var status: String?
    var primaryClinicianId: Patch<UUID>?
    /// On create only: the client's default service from the beginning.
    var defaultServiceId: UUID?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case firstName, lastName, email, phone, dateOfBirth, sex, address, status, primaryClinicianId
        case defaultServiceId
    }
}
