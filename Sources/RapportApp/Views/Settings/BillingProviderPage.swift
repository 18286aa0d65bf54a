import Foundation
import RapportCore

/// Who the practice's claims say bills: the practice as an organisation or a solo clinician, its
/// NPI, tax ID, taxonomy, street address, where payers send payment, and the usual place of service.
struct BillingProviderPage {
    let form: FormState
    /// The stored tax ID's last four digits: the whole number is not shown again.
    let taxIDEnding: String?
    let notice: String?
    let context: PageContext

    static let places = [
        (PlaceOfService.office.description, "11 — Office"),
        (PlaceOfService.telehealthAtHome.description, "10 — Telehealth in the client's home"),
        (PlaceOfService.telehealth.description, "02 — Telehealth elsewhere"),
    ]

    /// Form field names are the API's paths (`address.zip`), so each message lands beside its field.
    static var formFields: [FieldPath: String] {
        AddressFields.fields("address").merging(AddressFields.fields("payToAddress")) { first, _ in first }
    }

    static func input(from values: [String: String]) -> BillingProviderInput {
        return BillingProviderInput(
            entity: values["entity"], organizationName: values["organizationName"], lastName: values["lastName"],
            firstName: values["firstName"], npi: values["npi"], taxId: values["taxId"], taxIdKind: values["taxIdKind"],
            taxonomy: values["taxonomy"], address: AddressFields.input("address", from: values),
            payToAddress: AddressFields.input("payToAddress", from: values),
            placeOfService: values["placeOfService"], phone: values["phone"])
    }

    init(form: FormState, taxIDEnding: String?, notice: String? = nil, context: PageContext) {
        self.form = form
        self.taxIDEnding = taxIDEnding
        self.notice = notice
        self.context = context
    }

    func render() -> String {
        Layout.render(title: "Billing provider", context: context) {
            Markup.link("← Settings", to: "/settings", class: "back")
            Markup.element("h1") { Markup.text("Billing provider") }
            Markup.element("p", class: "muted") {
                Markup.text("What every insurance claim says about who bills. Claims can be made once this is set.")
            }
            if let notice { Markup.element("p", class: "notice", [("role", "status")]) { Markup.text(notice) } }
            if let problem = form.errors["_form"] {
                Markup.element("p", class: "form-error", [("role", "alert")]) { Markup.text(problem) }
            }
            Markup.form(action: "/settings/billing-provider", method: .post, class: "stack card") {
                FormField.csrf(context.csrf)
                Markup.element("div", class: "form-grid") {
                    FormField.select(
                        "Bills as", name: "entity", form: form,
                        options: [
                            ("organization", "The practice (organisation, NPI type 2)"),
                            ("person", "A solo clinician (individual, NPI type 1)"),
                        ])
                    FormField.input("Practice name", name: "organizationName", form: form, hint: "For an organisation")
                    FormField.input("Last name", name: "lastName", form: form, hint: "For a solo clinician")
                    FormField.input("First name", name: "firstName", form: form)
                    FormField.input("NPI", name: "npi", form: form, extra: [("inputmode", "numeric")])
                    FormField.input(
                        "Tax ID", name: "taxId", form: form,
                        hint: taxIDEnding.map { "On file: ends in \($0). Leave empty to keep it." } ?? "12-3456789",
                        extra: [("autocomplete", "off")])
                    FormField.select(
                        "Tax ID kind", name: "taxIdKind", form: form,
                        options: [("ein", "EIN (employer identification number)"), ("ssn", "SSN")])
                    FormField.input("Taxonomy code", name: "taxonomy", form: form, hint: "Such as 101YP2500X")
                    FormField.select("Usual place of service", name: "placeOfService", form: form, options: Self.places)
                    FormField.input(
                        "Phone", name: "phone", form: form, type: "tel", hint: "(217) 555-0100; superbills carry it")
                }
                AddressFields.render("address", legend: "Street address (no PO Box; ZIP with all 9 digits)", form: form)
                AddressFields.render(
                    "payToAddress", legend: "Pay-to address (optional; a PO Box may go here)", form: form)
                FormField.submit("Save billing provider")
            }
        }
    }
}

extension BillingProviderPage {
    /// The page for the stored provider (or an empty form while none is set).
    init(_ provider: BillingProviderDetails?, notice: String?, context: PageContext) {
        var values = [
            "entity": "organization", "taxIdKind": "ein", "placeOfService": PlaceOfService.office.description,
        ]
        if let provider {
            values["entity"] = provider.entity.rawValue
            values["organizationName"] = provider.organizationName
            values["lastName"] = provider.lastName
            values["firstName"] = provider.firstName
            values["npi"] = provider.npi.description
            values["taxIdKind"] = provider.taxIdKind.rawValue
            values["taxonomy"] = provider.taxonomy.description
            values["placeOfService"] = provider.placeOfService.description
            values["phone"] = provider.phone
            values.merge(AddressFields.values("address", provider.address)) { first, _ in first }
            values.merge(AddressFields.values("payToAddress", provider.payToAddress)) { first, _ in first }
        }
        self.init(form: FormState(values: values), taxIDEnding: provider?.taxIdEnding, notice: notice, context: context)
    }
}
