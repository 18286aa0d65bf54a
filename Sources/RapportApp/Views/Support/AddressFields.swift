import Foundation

/// An address on a form: its fields are named by the API's paths (`address.zip`), so a use case's
/// message about a part lands beside that field.
enum AddressFields {
    static let parts = ["line1", "line2", "city", "state", "zip"]

    /// What was typed under `prefix`, or nil when every part is empty (no address).
    static func input(_ prefix: String, from values: [String: String]) -> AddressInput? {
        let typed = parts.map { (values["\(prefix).\($0)"] ?? "").trimmingCharacters(in: .whitespaces) }
        guard typed.contains(where: { !$0.isEmpty }) else { return nil }
        return AddressInput(
            line1: typed[0], line2: typed[1].isEmpty ? nil : typed[1], city: typed[2], state: typed[3], zip: typed[4])
    }

    /// The form values of a stored address.
    static func values(_ prefix: String, _ address: AddressDetails?) -> [String: String] {
        guard let address else { return [:] }
        return [
            "\(prefix).line1": address.line1, "\(prefix).line2": address.line2 ?? "", "\(prefix).city": address.city,
            "\(prefix).state": address.state, "\(prefix).zip": address.zip,
        ]
    }

    /// Where the use case's messages about the address under `prefix` go.
    static func fields(_ prefix: String) -> [FieldPath: String] {
        var fields: [FieldPath: String] = [FieldPath(key: prefix): "\(prefix).line1"]
        for part in parts { fields[FieldPath(key: prefix).appending(part)] = "\(prefix).\(part)" }
        return fields
    }

    static func render(
        _ prefix: String, legend: String, form: FormState, secondLine: String = "Suite or floor"
    )
        -> Component
    {
        Markup.element("fieldset", class: "form-grid") {
            Markup.element("legend") { Markup.text(legend) }
            FormField.input("Street", name: "\(prefix).line1", form: form)
            FormField.input(secondLine, name: "\(prefix).line2", form: form)
            FormField.input("City", name: "\(prefix).city", form: form)
            FormField.input("State", name: "\(prefix).state", form: form, hint: "Two letters, such as IL")
            FormField.input("ZIP", name: "\(prefix).zip", form: form)
        }
    }
}
