import Foundation

/// Book a session, single or repeating.
struct NewSessionPage {
    let form: FormState
    let clients: [(String, String)]
    let clinicians: [(String, String)]
    let services: [(String, String)]
    let timeZone: TimeZone
    /// The series in words ("Weekly on Tuesdays at 10:00 AM, 20 sessions, until Apr 13, 2027") when
    /// the form repeats; the script keeps it current as the fields change.
    let seriesSummary: String?
    let context: PageContext

    func render() -> String {
        Layout.render(title: "New session", context: context) {
            Markup.element("div", class: "card") {
                Markup.element("h1") { Markup.text("New session") }
                if let problem = form.errors["_form"] {
                    Markup.element("p", class: "form-error", [("role", "alert")]) { Markup.text(problem) }
                }
                Markup.form(action: "/sessions/new", method: .post, class: "stack") {
                    FormField.csrf(context.csrf)
                    Markup.element("div", class: "form-grid") {
                        FormField.select(
                            "Client", name: "client", form: form, options: [("", "Choose a client")] + clients,
                            extra: [("data-first-focus", "")])
                        FormField.select("Clinician", name: "clinician", form: form, options: clinicians)
                        FormField.input("Date", name: "date", form: form, type: "date", extra: [("required", "")])
                        // Arrow keys move the minutes by a quarter hour; any minute can still be typed.
                        FormField.input(
                            "Time", name: "time", form: form, type: "time", extra: [("required", ""), ("step", "900")])
                        FormField.input(
                            "Minutes", name: "duration", form: form, type: "number",
                            hint: "Empty: the service's length.", extra: [("min", "1"), ("max", "1440")])
                        FormField.select(
                            "Service code", name: "service", form: form,
                            options: [("", "The client's default")] + services)
                        Markup.element(
                            "p", class: "price-preview", [("id", "price-preview"), ("aria-live", "polite")])
                        FormField.input(
                            "Fee", name: "fee", form: form, hint: "Empty: the client's fee or the service rate.",
                            extra: [("inputmode", "decimal")])
                        FormField.input("Location", name: "location", form: form)
                        FormField.select(
                            "Place of service", name: "placeOfService", form: form,
                            options: [("", "The practice's usual place")] + BillingProviderPage.places)
                    }
                    Markup.element("fieldset", class: "repeat") {
                        Markup.element("legend") { Markup.text("Repeat") }
                        Markup.element("div", class: "form-grid") {
                            FormField.select(
                                "Repeats", name: "repeat", form: form,
                                options: [
                                    ("never", "Does not repeat"), ("weekly", "Every week"),
                                    ("biweekly", "Every other week"),
                                    ("everyNWeeks", "Every N weeks"), ("monthlyWeekday", "Monthly on the same weekday"),
                                    ("monthlyDate", "Monthly on the same date"),
                                ])
                            // The script shows each of these only when the choices above call for it.
                            Markup.element("div", class: "repeat-field", [("data-when-repeat", "everyNWeeks")]) {
                                FormField.input(
                                    "Every N weeks", name: "interval", form: form, type: "number",
                                    extra: [("min", "1"), ("max", "52")])
                            }
                            Markup.element("div", class: "repeat-field", [("data-when-repeat", "any")]) {
                                FormField.select(
                                    "Ends", name: "ends", form: form,
                                    options: [
                                        ("never", "Never"), ("after", "After a number of sessions"), ("on", "On a date"),
                                    ])
                            }
                            Markup.element("div", class: "repeat-field", [("data-when-ends", "after")]) {
                                FormField.input(
                                    "Number of sessions", name: "count", form: form, type: "number",
                                    extra: [("min", "1")])
                            }
                            Markup.element("div", class: "repeat-field", [("data-when-ends", "on")]) {
                                FormField.input("Last date", name: "until", form: form, type: "date")
                            }
                        }
                        Markup.element(
                            "p", class: "series-summary", [("id", "series-summary"), ("aria-live", "polite")]
                        ) { Markup.text(seriesSummary ?? "") }
                    }
                    if form.asksAnyway {
                        ConflictWarning.render(form, timeZone: timeZone, formatter: DisplayFormat(), anyway: "Book anyway")
                    }
                    FormField.submit("Book session")
                }
            }
        }
    }
}
