import Fluent
import Foundation
import RapportCore

/// Reads and sets the practice's billing provider: what every claim's 2010AA loop says.
struct BillingProviderSettings {
    let database: any Database
    let actor: Actor

    /// The billing provider, or nil while none is set (claims cannot be made until it is).
    func get() async throws -> BillingProviderDetails? {
        try await row(on: database).map(BillingProviderDetails.init)
    }

    /// Sets the whole billing provider. Every problem is named on its field and nothing is written
    /// until all are fixed.
    func set(_ input: BillingProviderInput) async throws -> BillingProviderDetails {
        try await database.writeTransaction(practice: actor.practiceID) { db in try await set(input, replacing: try await row(on: db), on: db) }
    }

    private func set(
        _ input: BillingProviderInput, replacing existing: BillingProviderRow?, on db: any Database
    ) async throws -> BillingProviderDetails {
        var errors = FieldErrors()
        let entity = input.entity.flatMap(BillingEntity.init(rawValue:))
        if entity == nil { errors.add("entity", "must be organization or person") }
        var organizationName: String?
        var lastName: String?
        var firstName: String?
        switch entity {
        case .organization:
            organizationName = TextInput.required(
                input.organizationName, field: "organizationName", limit: 60, errors: &errors)
        case .person:
            lastName = TextInput.required(input.lastName, field: "lastName", limit: 60, errors: &errors)
            firstName = TextInput.required(input.firstName, field: "firstName", limit: 35, errors: &errors)
        case nil: break
        }
        let npi = NPI(input.npi ?? "")
        if npi == nil { errors.add("npi", NPI.problem(input.npi ?? "") ?? "is required") }
        let kind = input.taxIdKind.flatMap(TaxID.Kind.init(rawValue:))
        if kind == nil { errors.add("taxIdKind", "must be ein or ssn") }
        if entity == .organization, kind == .ssn {
            errors.add("taxIdKind", "must be ein: an organisation bills under its EIN")
        }
        // Left out, the stored tax ID is kept: it is shown only by its last four digits.
        let taxIDText = input.taxId.flatMap { $0.isEmpty ? nil : $0 } ?? existing?.taxID ?? ""
        let taxID = kind.flatMap { TaxID(taxIDText, kind: $0) }
        if let problem = TaxID.problem(taxIDText) { errors.add("taxId", taxIDText.isEmpty ? "is required" : problem) }
        let taxonomy = TaxonomyCode(input.taxonomy ?? "")
        if taxonomy == nil { errors.add("taxonomy", TaxonomyCode.problem(input.taxonomy ?? "") ?? "is required") }
        var address: PostalAddress?
        if let given = input.address {
            address = given.address(at: "address", forBilling: true, errors: &errors)
        } else {
            errors.add("address", "is required: the practice's street address")
        }
        let payTo = input.payToAddress?.address(at: "payToAddress", forBilling: false, errors: &errors)
        let place = PlaceOfService(input.placeOfService ?? PlaceOfService.office.description)
        if place == nil { errors.add("placeOfService", PlaceOfService.problem(input.placeOfService ?? "") ?? "") }
        let phone = PhoneNumber.digits(input.phone, field: "phone", required: false, errors: &errors)
        try errors.throwIfAny()
        guard let entity, let npi, let taxID, let taxonomy, let address, let place else {
            throw UseCaseError.invalid(errors.fields)
        }
        let before = existing.map(BillingProviderDetails.init)
        let row = existing ?? BillingProviderRow()
        row.practiceID = actor.practiceID
        row.entity = entity
        (row.organizationName, row.lastName, row.firstName) = (organizationName, lastName, firstName)
        row.npi = npi
        (row.taxID, row.taxIDKind) = (taxID.digits, taxID.kind)
        row.taxonomy = taxonomy
        (row.addressLine1, row.addressLine2, row.addressCity, row.addressState, row.addressZIP) =
            (address.line1, address.line2, address.city, address.state, address.zip)
        (row.payToLine1, row.payToLine2, row.payToCity, row.payToState, row.payToZIP) =
            (payTo?.line1, payTo?.line2, payTo?.city, payTo?.state, payTo?.zip)
        (row.placeOfService, row.phone) = (place, phone)
        try await row.save(on: db)
        let after = BillingProviderDetails(row)
        try await AuditLog(database: db, actor: actor).record(
            existing == nil ? "create" : "update", "billingProvider", id: try row.requireID(), before: before,
            after: after)
        return after
    }

    private func row(on db: any Database) async throws -> BillingProviderRow? {
        try await BillingProviderRow.query(on: db).filter(\.$practiceID == actor.practiceID).first()
    }
}
