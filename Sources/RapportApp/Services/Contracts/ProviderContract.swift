import Foundation
import RapportCore

/// A street address as a form or the API sends it; checked by ``AddressInput/address(at:forBilling:errors:)``.
struct AddressInput: Codable, Sendable, Equatable {
    var line1: String?
    var line2: String?
    var city: String?
    var state: String?
    var zip: String?

    enum CodingKeys: String, CodingKey, CaseIterable { case line1, line2, city, state, zip }

    /// The address, or nil with each problem added under `field`. A billing provider's must be a
    /// street (no PO Box) with all nine ZIP digits; a pay-to address may be a box.
    func address(at field: FieldPath, forBilling: Bool, errors: inout FieldErrors) -> PostalAddress? {
        let line1 = TextInput.required(line1, field: field.appending("line1"), limit: 55, errors: &errors)
        let line2 = line2.flatMap {
            TextInput.optional($0, field: field.appending("line2"), limit: 55, errors: &errors)
        }
        let city = TextInput.required(city, field: field.appending("city"), limit: 30, errors: &errors)
        let state = (state ?? "").uppercased()
        if let problem = PostalAddress.stateProblem(state) { errors.add(field.appending("state"), problem) }
        let zip = ZIPCode(zip ?? "")
        if zip == nil {
            errors.add(field.appending("zip"), ZIPCode.problem(self.zip ?? "") ?? "is required")
        } else if forBilling, zip?.hasPlusFour == false {
            errors.add(field.appending("zip"), "must have all 9 digits (62701-1234) for the billing provider")
        }
        guard let line1, let city, let zip, PostalAddress.stateProblem(state) == nil else { return nil }
        let address = PostalAddress(line1: line1, line2: line2, city: city, state: state, zip: zip)
        if forBilling, address.isPostOfficeBox {
            errors.add(
                field.appending("line1"),
                "must be a street address, not a PO Box: put a PO Box in the pay-to address")
            return nil
        }
        return address
    }
}

/// The practice's billing provider as the API and the Settings form send it (the whole of it).
struct BillingProviderInput: UseCaseInput {
    /// `organization` (the practice, NPI type 2) or `person` (a solo clinician, NPI type 1).
    var entity: String?
    var organizationName: String?
    var lastName: String?
    var firstName: String?
    var npi: String?
    /// Left out (or empty) once set: the stored one is kept.
    var taxId: String?
    /// `ein` or `ssn`.
    var taxIdKind: String?
    var taxonomy: String?
    var address: AddressInput?
    /// Where payers send payment, when not to the street address (a PO Box may go here).
    var payToAddress: AddressInput?
    /// The practice's default place of service (`11` office, `02` or `10` telehealth).
    var placeOfService: String?
    /// The practice's phone, (217) 555-0100: superbills need it.
    var phone: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case entity, organizationName, lastName, firstName, npi, taxId, taxIdKind, taxonomy, address, payToAddress
        case placeOfService, phone
    }
}

struct AddressDetails: Codable, Sendable, Equatable {
    let line1: String
    let line2: String?
    let city: String
    let state: String
    let zip: String

    init(_ address: PostalAddress) {
        line1 = address.line1
        line2 = address.line2
        city = address.city
        state = address.state
        zip = address.zip.description
    }
}

struct BillingProviderDetails: Codable, Sendable {
    let entity: BillingEntity
    let organizationName: String?
    let lastName: String?
    let firstName: String?
    let npi: NPI
    /// Shown with its last four digits only: the whole number is for claims.
    let taxIdEnding: String
    let taxIdKind: TaxID.Kind
    let taxonomy: TaxonomyCode
    let address: AddressDetails
    let payToAddress: AddressDetails?
    let placeOfService: PlaceOfService
    /// As people write it: (217) 555-0100.
    let phone: String?

    init(_ row: BillingProviderRow) {
        entity = row.entity
        organizationName = row.organizationName
        lastName = row.lastName
        firstName = row.firstName
        npi = row.npi
        taxIdEnding = String(row.taxID.suffix(4))
        taxIdKind = row.taxIDKind
        taxonomy = row.taxonomy
        phone = row.phone.map(PhoneNumber.shown)
        address = AddressDetails(
            PostalAddress(
                line1: row.addressLine1, line2: row.addressLine2, city: row.addressCity, state: row.addressState,
                zip: row.addressZIP))
        payToAddress = row.payToLine1.flatMap { line1 in
            row.payToZIP.map { zip in
                AddressDetails(
                    PostalAddress(
                        line1: line1, line2: row.payToLine2, city: row.payToCity ?? "", state: row.payToState ?? "",
                        zip: zip))
            }
        }
        placeOfService = row.placeOfService
    }
}
