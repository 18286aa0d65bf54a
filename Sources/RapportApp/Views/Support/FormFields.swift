/// What a form holds: the values typed (kept when it is shown again) and a message per bad field.
struct FormState: Sendable {
    var values: [String: String] = [:]
    var errors: [String: String] = [:]
    /// Sessions the sent booking or move would overlap: the form shows them with "anyway".
    var conflicts: [ScheduleConflictDetail] = []
    /// Sessions the sent booking or move would put outside the clinician's working hours.
    var outsideHours: [OutsideHoursDetail] = []
    /// Whether the form came back asking "anyway": an overlap or time outside working hours.
    var asksAnyway: Bool { !conflicts.isEmpty || !outsideHours.isEmpty }
    /// Keeps element ids unique when a page shows several forms with the same fields.
    var idPrefix = ""

    func id(_ name: String) -> String { "field-\(idPrefix)\(name)" }
    func errorID(_ name: String) -> String { "error-\(idPrefix)\(name)" }

    subscript(_ name: String) -> String { values[name] ?? "" }

    /// Puts a use case's field messages beside the form's fields: a field named in `map` (or a path
    /// under one, `fees[0].amount` under `fees`) goes where the map says, a plain name to the field of
    /// that name, and a path no form field shows (`reissue[0]`) to `fallback` with its name, so no
    /// message is ever lost.
    mutating func absorb(_ error: UseCaseError, fields map: [FieldPath: String] = [:], fallback: String) {
        if !error.conflicts.isEmpty || !error.outsideHours.isEmpty {
            conflicts = error.conflicts
            outsideHours = error.outsideHours
            return
        }
        if error.fields.isEmpty { errors[fallback] = error.message }
        for (field, message) in error.fields.sorted(by: { $0.key < $1.key }) {
            let mapped = map[field] ?? map.first { field.isWithin($0.key) }?.value
            if let name = mapped ?? (field.isPlainKey ? field.description : nil) {
                if errors[name] == nil { errors[name] = message }
            } else {
                let line = "\(field) \(message)"
                errors[fallback] = errors[fallback].map { "\($0); \(line)" } ?? line
            }
        }
    }
}

/// Labelled form controls that show their error beside them and keep what the user typed.
enum FormField {
    static func input(
        _ label: String, name: String, form: FormState, type: String = "text", hint: String? = nil,
        extra: [(String, String?)] = []
    ) -> Component {
        row(label, name: name, form: form, hint: hint) {
            Markup.void(
                "input",
                [
                    ("id", form.id(name)), ("name", name), ("type", type), ("value", form[name]),
                    ("aria-invalid", form.errors[name] == nil ? nil : "true"),
                    ("aria-describedby", form.errors[name] == nil ? nil : form.errorID(name)),
                ] + extra)
        }
    }

    static func select(
        _ label: String, name: String, form: FormState, options: [(value: String, title: String)], hint: String? = nil,
        extra: [(String, String?)] = []
    ) -> Component {
        row(label, name: name, form: form, hint: hint, choosing: true) {
            Markup.element(
                "select",
                [
                    ("id", form.id(name)), ("name", name),
                    ("aria-invalid", form.errors[name] == nil ? nil : "true"),
                    ("aria-describedby", form.errors[name] == nil ? nil : form.errorID(name)),
                ] + extra
            ) {
                for option in options {
                    Markup.element(
                        "option", [("value", option.value), ("selected", option.value == form[name] ? "" : nil)]
                    ) {
                        Markup.text(option.title)
                    }
                }
            }
        }
    }

    static func row(
        _ label: String, name: String, form: FormState, hint: String?, choosing: Bool = false,
        @ComponentBuilder control: @escaping () -> ComponentGroup
    ) -> Component {
        Markup.element("div", class: form.errors[name] == nil ? "field" : "field has-error") {
            Markup.element("label", [("for", form.id(name))]) { Markup.text(label) }
            control()
            if let hint { Markup.element("p", class: "hint") { Markup.text(hint) } }
            if let error = form.errors[name] {
                Markup.element("p", class: "field-error", [("id", form.errorID(name)), ("role", "alert")]) {
                    Markup.text(FieldMessage.sentence(error, label: label, choosing: choosing))
                }
            }
        }
    }

    /// The hidden CSRF field every signed-in form carries.
    static func csrf(_ token: String) -> Component {
        Markup.void("input", [("type", "hidden"), ("name", "_csrf"), ("value", token)])
    }

    static func hidden(_ name: String, _ value: String) -> Component {
        Markup.void("input", [("type", "hidden"), ("name", name), ("value", value)])
    }

    static func submit(
        _ title: String, class className: String = "button primary", name: String? = nil, value: String? = nil
    ) -> Component {
        Markup.element("button", [("type", "submit"), ("class", className), ("name", name), ("value", value)]) {
            Markup.text(title)
        }
    }
}

/// A use case's message about a field, which the API states as a fragment after the field's name
/// ("is required", "must be at least 12 characters"), as a sentence beside the field in the words
/// of its label: "Enter the password.", "Password must be at least 12 characters." A message that
/// is already a sentence (a capital first) is left as it is.
enum FieldMessage {
    static func sentence(_ message: String, label: String, choosing: Bool) -> String {
        guard let first = message.first, first.isLowercase else { return message }
        let stop = message.hasSuffix(".") ? "" : "."
        if message.hasPrefix("is required") {
            let reason = message.dropFirst("is required".count)
            return (choosing ? "Choose the " : "Enter the ") + lowercased(label) + reason + stop
        }
        return label + " " + message + stop
    }

    /// "First name" → "first name"; "NPI" and "ICD-10 codes" keep their capitals.
    private static func lowercased(_ label: String) -> String {
        let letters = Array(label.prefix(2))
        guard letters.count == 2, letters[1].isLowercase else { return label }
        return label.prefix(1).lowercased() + label.dropFirst()
    }
}
