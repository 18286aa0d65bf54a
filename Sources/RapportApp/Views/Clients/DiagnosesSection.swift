import Foundation

/// The Billing and Insurance tab's Diagnoses: the codes in force today with their words, the lists
/// by date, and a form to set the list from a date (principal first).
struct DiagnosesSection {
    let clientID: UUID
    let diagnoses: ClientDiagnoses
    var form: FormState?
    let csrf: String

    /// The codes typed in one field, separated by commas or spaces.
    static func input(from values: [String: String]) -> DiagnosesInput {
        let codes = (values["codes"] ?? "").split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" }).map(
            String.init)
        return DiagnosesInput(codes: codes, effectiveFrom: nil)
    }

    private static func text(_ entry: DiagnosisEntry) -> String {
        entry.description.map { "\(entry.code) — \($0)" } ?? "\(entry.code)"
    }

    var body: Component {
        let format = DisplayFormat()
        let form =
            self.form
            ?? FormState(
                values: ["codes": diagnoses.current.map(\.code.description).joined(separator: ", ")], idPrefix: "dx-")
        return Markup.element("section", [("aria-labelledby", "diagnoses-heading")]) {
            Markup.element("h2", [("id", "diagnoses-heading")]) { Markup.text("Diagnoses") }
            if diagnoses.current.isEmpty {
                Markup.element("p", class: "muted") { Markup.text("None recorded: claims need at least one.") }
            } else {
                Markup.element("ol", class: "diagnoses") {
                    for entry in diagnoses.current { Markup.element("li") { Markup.text(Self.text(entry)) } }
                }
            }
            Markup.form(action: "/clients/\(clientID)/diagnoses", method: .post, class: "stack") {
                FormField.csrf(csrf)
                FormField.input(
                    "ICD-10-CM codes", name: "codes", form: form,
                    hint: "Principal first, separated by commas: F41.1, F33.0. At most 12.")
                FormField.input(
                    "Effective from", name: "effectiveFrom", form: form, type: "date",
                    hint: "Leave empty to replace the list for every date.")
                FormField.submit("Record diagnoses", class: "button")
            }
            if diagnoses.history.count > 1 {
                Markup.element("details", class: "history") {
                    Markup.element("summary") { Markup.text("Diagnosis history") }
                    Markup.element("ul") {
                        for version in diagnoses.history {
                            Markup.element("li") {
                                Markup.text(
                                    (version.effectiveFrom.map { "From \(format.date($0)): " } ?? "From the start: ")
                                        + version.codes.map(\.code.description).joined(separator: ", "))
                            }
                        }
                    }
                }
            }
        }
    }
}
