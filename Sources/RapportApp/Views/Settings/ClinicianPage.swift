import Foundation
import RapportCore

/// One clinician: their name and email, whether they are active, and the identifiers a claim
/// names them by when they treat (NPI type 1, taxonomy, credentials, licence).
struct ClinicianPage {
    let clinician: ClinicianDetails
    let form: FormState
    let notice: String?
    let context: PageContext

    init(_ clinician: ClinicianDetails, form: FormState?, notice: String?, context: PageContext) {
        self.clinician = clinician
        self.form =
            form
            ?? FormState(values: [
                "name": clinician.name, "email": clinician.email ?? "", "active": clinician.active ? "true" : "false",
                "npi": clinician.npi?.description ?? "", "taxonomy": clinician.taxonomy?.description ?? "",
                "credentials": clinician.credentials ?? "", "licenseNumber": clinician.licenseNumber ?? "",
                "licenseState": clinician.licenseState ?? "", "claimLastName": clinician.claimLastName ?? "",
                "claimFirstName": clinician.claimFirstName ?? "", "color": clinician.color.rawValue,
            ])
        self.notice = notice
        self.context = context
    }

    /// The form's fields as the use case's input; an empty identifier clears it.
    static func input(from values: [String: String]) -> ClinicianInput {
        ClinicianInput(
            name: values["name"], email: values["email"], active: values["active"].map { $0 == "true" },
            npi: values["npi"], taxonomy: values["taxonomy"], credentials: values["credentials"],
            licenseNumber: values["licenseNumber"], licenseState: values["licenseState"],
            claimLastName: values["claimLastName"], claimFirstName: values["claimFirstName"], color: values["color"])
    }

    func render() -> String {
        Layout.render(title: clinician.name, context: context) {
            Markup.link("← Settings", to: "/settings", class: "back")
            Markup.element("h1") { Markup.text(clinician.name) }
            if let notice { Markup.element("p", class: "notice", [("role", "status")]) { Markup.text(notice) } }
            Markup.form(action: "/settings/clinicians/\(clinician.id)", method: .post, class: "stack card") {
                FormField.csrf(context.csrf)
                Markup.element("div", class: "form-grid") {
                    FormField.input("Name", name: "name", form: form)
                    FormField.input("Email", name: "email", form: form, type: "email")
                    FormField.select(
                        "Status", name: "active", form: form, options: [("true", "Active"), ("false", "Inactive")])
                    FormField.select(
                        "Calendar colour", name: "color", form: form,
                        options: ClinicianColor.allCases.map { ($0.rawValue, $0.name) },
                        hint: "Their sessions' colour in the week view and its legend.")
                    FormField.input(
                        "NPI", name: "npi", form: form, hint: "Their own (type 1), for claims",
                        extra: [("inputmode", "numeric")])
                    FormField.input("Taxonomy code", name: "taxonomy", form: form, hint: "Such as 101YP2500X")
                    FormField.input("Credentials", name: "credentials", form: form, hint: "Such as LCSW or PsyD")
                    FormField.input("Licence number", name: "licenseNumber", form: form)
                    FormField.input("Licence state", name: "licenseState", form: form, hint: "Two letters, such as IL")
                    FormField.input("Last name on claims", name: "claimLastName", form: form)
                    FormField.input("First name on claims", name: "claimFirstName", form: form)
                }
                FormField.submit("Save")
            }
        }
    }
}
