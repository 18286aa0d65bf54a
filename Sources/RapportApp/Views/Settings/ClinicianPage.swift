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
            ?? FormState(
                values: [
                    "name": clinician.name, "email": clinician.email ?? "", "active": clinician.active ? "true" : "false",
                    "npi": clinician.npi?.description ?? "", "taxonomy": clinician.taxonomy?.description ?? "",
                    "credentials": clinician.credentials ?? "", "licenseNumber": clinician.licenseNumber ?? "",
                    "licenseState": clinician.licenseState ?? "", "claimLastName": clinician.claimLastName ?? "",
                    "claimFirstName": clinician.claimFirstName ?? "", "color": clinician.color.rawValue,
                ].merging(Self.hoursValues(clinician.workingHours)) { current, _ in current })
        self.notice = notice
        self.context = context
    }

    /// Up to this many spans a day in the form: the day, and a second part after a break. More (set
    /// through the API) ride along hidden, so saving here never drops them.
    static let spansShown = 2

    /// `hours-TU-1-start` = `09:00` and so on, from the stored spans.
    static func hoursValues(_ entries: [WorkingHoursEntry]) -> [String: String] {
        var values: [String: String] = [:]
        var counts: [String: Int] = [:]
        for entry in entries {
            let number = counts[entry.weekday, default: 0] + 1
            counts[entry.weekday] = number
            values["hours-\(entry.weekday)-\(number)-start"] = entry.start
            values["hours-\(entry.weekday)-\(number)-end"] = entry.end
        }
        return values
    }

    /// The working week typed in the form, each span with the name of its form field (for putting a
    /// problem beside it); a span with one time but not the other is a problem of its own.
    static func workingHours(
        from values: [String: String], problems: inout [String: String]
    ) -> [(entry: WorkingHoursEntry, field: String)] {
        var spans: [(WorkingHoursEntry, String)] = []
        for weekday in Weekday.allCases {
            for number in 1...(WorkingHoursEntry.maxSpans / 7) {
                let prefix = "hours-\(weekday.rawValue)-\(number)"
                let start = (values["\(prefix)-start"] ?? "").trimmingCharacters(in: .whitespaces)
                let end = (values["\(prefix)-end"] ?? "").trimmingCharacters(in: .whitespaces)
                if start.isEmpty, end.isEmpty { continue }
                if start.isEmpty || end.isEmpty {
                    problems["\(prefix)-\(start.isEmpty ? "start" : "end")"] = "Enter both times, or neither for a day off"
                    continue
                }
                spans.append((WorkingHoursEntry(weekday: weekday.rawValue, start: start, end: end), "\(prefix)-end"))
            }
        }
        return spans
    }

    private var hoursFieldset: Component {
        Markup.element("fieldset", class: "working-hours") {
            Markup.element("legend") { Markup.text("Working hours") }
            Markup.element("p", class: "hint") {
                Markup.text(
                    "The calendar shades the time outside them and asks before booking there. Leave a day empty for a day off, every day for no set hours."
                )
            }
            Markup.element("table", class: "list hours") {
                Markup.element("thead") {
                    Markup.element("tr") {
                        for title in ["Day", "From", "To", "Then from", "To"] { Markup.element("th") { Markup.text(title) } }
                    }
                }
                Markup.element("tbody") {
                    for weekday in Weekday.allCases {
                        let day = RuleText.weekdayNames[weekday.mondayIndex]
                        Markup.element("tr") {
                            Markup.element("th", [("scope", "row")]) { Markup.text(day) }
                            for number in 1...Self.spansShown {
                                for (part, label) in [("start", "from"), ("end", "to")] {
                                    let name = "hours-\(weekday.rawValue)-\(number)-\(part)"
                                    Markup.element("td") {
                                        FormField.input(
                                            "\(day) \(number == 1 ? "" : "second span ")\(label)", name: name, form: form,
                                            type: "time")
                                    }
                                }
                            }
                        }
                    }
                }
            }
            for weekday in Weekday.allCases {
                for number in (Self.spansShown + 1)...(WorkingHoursEntry.maxSpans / 7) {
                    for part in ["start", "end"] where !form["hours-\(weekday.rawValue)-\(number)-\(part)"].isEmpty {
                        FormField.hidden(
                            "hours-\(weekday.rawValue)-\(number)-\(part)", form["hours-\(weekday.rawValue)-\(number)-\(part)"])
                    }
                }
            }
        }
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
                hoursFieldset
                FormField.submit("Save")
            }
        }
    }
}
