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
    let color: ClinicianColor
    /// When they work, span by span; empty when not set (then no time is outside their hours).
    let workingHours: [WorkingHoursEntry]

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
        color = clinician.color ?? .blue
        workingHours = try clinician.workingHours.entries
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
    /// The calendar colour: blue, teal, green, olive, amber, orange, red, pink, purple, indigo,
    /// brown or slate. A new clinician gets the first one no one has.
    var color: String?
    /// Their working week, span by span (replaces the whole week; `[]` clears it). A booking
    /// outside these hours is asked about like an overlap.
    var workingHours: [WorkingHoursEntry]?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, email, active, npi, taxonomy, credentials, licenseNumber, licenseState, claimLastName
        case claimFirstName, color, workingHours
    }

    /// The working hours given, checked onto `clinician`; problems named at `workingHours[i]…`.
    func applyWorkingHours(to clinician: Clinician, errors: inout FieldErrors) {
        guard let workingHours else { return }
        if let hours = WorkingHoursEntry.hours(workingHours, field: "workingHours", errors: &errors) {
            clinician.workingHoursJSON = hours.stored
        }
    }

    /// The colour named, or nil (with the problem noted) when there is none or it is not one of the palette's.
    func checkedColor(errors: inout FieldErrors) -> ClinicianColor? {
        guard let color else { return nil }
        guard let known = ClinicianColor(rawValue: color) else {
            errors.add(
                "color", "must be one of " + ClinicianColor.allCases.map(\.rawValue).joined(separator: ", "))
            return nil
        }
        return known
    }

    /// A checked identifier as typed: empty clears it, one that does not check is named on its field
    /// (and `current` kept).
    private static func identifier<Value>(
        _ text: String, _ field: FieldPath, _ make: (String) -> Value?, _ problem: (String) -> String?,
        _ current: Value?, _ errors: inout FieldErrors
    ) -> Value? {
        guard !text.isEmpty else { return nil }
        guard let value = make(text) else {
            errors.add(field, problem(text) ?? "is not valid")
            return current
        }
        return value
    }

    /// Applies the identifiers given to `clinician`, naming each problem.
    func applyIdentifiers(to clinician: Clinician, errors: inout FieldErrors) {
        if let npi { clinician.npi = Self.identifier(npi, "npi", NPI.init, NPI.problem, clinician.npi, &errors) }
        if let taxonomy {
            clinician.taxonomy = Self.identifier(
                taxonomy, "taxonomy", TaxonomyCode.init, TaxonomyCode.problem, clinician.taxonomy, &errors)
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
            clinician.licenseState = Self.identifier(
                licenseState.uppercased(), "licenseState", { PostalAddress.stateProblem($0) == nil ? $0 : nil },
                PostalAddress.stateProblem, clinician.licenseState, &errors)
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
    /// The client pays for their sessions themselves, even when a policy covers them.
    let selfPay: Bool

    /// A stored client's answer, as its ``ClientRecord``'s.
    init(_ client: Client) throws { self.init(try client.record()) }

    init(_ client: ClientRecord) {
        id = client.id
        firstName = client.firstName
        lastName = client.lastName
        email = client.email
        phone = client.phone
        dateOfBirth = client.dateOfBirth
        sex = client.sex
        address = client.address.map(AddressDetails.init)
        status = client.status
        primaryClinicianId = client.primaryClinicianID
        selfPay = client.selfPay
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
