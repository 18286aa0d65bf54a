/// Settings → Import: a client list, repeating appointments or opening balances from another
/// product (or a spreadsheet) as CSV. First a check of every row, nothing written; then Import,
/// all or nothing.
struct ImportPage {
    let form: FormState
    /// The check of the file in the form (nil before one is chosen).
    let report: ImportReport?
    let notice: String?
    let context: PageContext

    func render() -> String {
        Layout.render(title: "Import", context: context) {
            Markup.link("← Settings", to: "/settings", class: "back")
            Markup.element("h1") { Markup.text("Import clients, schedules and balances") }
            if let notice { Markup.element("p", class: "notice", [("role", "status")]) { Markup.text(notice) } }
            Markup.element("p", class: "hint") {
                Markup.text(
                    "A CSV file with a header line, one row each. Clients: first and last name (or one name column), and any of date of birth, sex, email, phone, address, city, state, ZIP, status, primary clinician, default service code, fee and an external id; a row whose external id is already in Rapport updates that client. Schedules (import the clients first): client (external id or name), clinician, weekday, time, frequency (weekly, every 2 weeks, monthly), start date and, if it ends, end date; each row becomes a repeating session. Opening balances (import the clients first): client (external id or name), balance and the date it stood on; what a client owed becomes an invoice, a credit (written -40.00 or (40.00)) an unapplied payment. Column names from common exports are understood."
                )
            }
            if let report { result(report) }
            Markup.form(action: "/settings/import/check", method: .post, class: "stack card") {
                FormField.csrf(context.csrf)
                Markup.element("h2") { Markup.text(report == nil ? "Choose the file" : "Check another file") }
                FormField.select(
                    "What the file holds", name: "what", form: form,
                    options: [
                        ("clients", "Clients"), ("schedules", "Schedules (repeating sessions)"),
                        ("balances", "Opening balances"),
                    ])
                FormField.row(
                    "CSV file", name: "csv", form: form,
                    hint: "Nothing is written until you have seen the check and chosen Import."
                ) {
                    Markup.void(
                        "input",
                        [
                            ("type", "file"), ("id", "csv-file"), ("accept", ".csv,.txt,text/csv"),
                            ("data-fills", form.id("csv")), ("aria-label", "Read the list from a file"),
                        ])
                    Markup.element(
                        "textarea",
                        [
                            ("id", form.id("csv")), ("name", "csv"), ("rows", "6"), ("spellcheck", "false"),
                            ("aria-invalid", form.errors["csv"] == nil ? nil : "true"),
                            ("aria-describedby", form.errors["csv"] == nil ? nil : form.errorID("csv")),
                        ]
                    ) { Markup.text(report == nil ? form["csv"] : "") }
                }
                Markup.element("div", class: "actions") { FormField.submit("Check the file") }
            }
        }
    }

    private func result(_ report: ImportReport) -> Component {
        Markup.element("section", class: "card", [("aria-labelledby", "check-heading")]) {
            Markup.element("h2", [("id", "check-heading")]) {
                Markup.text(
                    report.problems.isEmpty
                        ? "Ready: \(report.added) to add, \(report.updated) to update"
                        : "\(report.problems.count) problem\(report.problems.count == 1 ? "" : "s"): nothing can be imported yet"
                )
            }
            Markup.element("p") {
                Markup.text(
                    "\(report.rows) row\(report.rows == 1 ? "" : "s") read. Columns used: "
                        + report.columns.sorted { $0.key < $1.key }.map { "\($0.value) → \($0.key)" }
                        .joined(separator: ", ")
                        + (report.ignoredColumns.isEmpty ? "." : ". Not used: \(report.ignoredColumns.joined(separator: ", ")).")
                )
            }
            for note in report.notes { Markup.element("p", class: "hint") { Markup.text(note) } }
            if !report.problems.isEmpty {
                Markup.element("table", class: "list import-problems") {
                    Markup.element("thead") {
                        Markup.element("tr") {
                            for title in ["Row", "Column", "Problem"] { Markup.element("th") { Markup.text(title) } }
                        }
                    }
                    Markup.element("tbody") {
                        for problem in report.problems.prefix(500) {
                            Markup.element("tr") {
                                Markup.element("td") { Markup.text(String(problem.row)) }
                                Markup.element("td") { Markup.text(problem.column) }
                                Markup.element("td") { Markup.text(problem.message) }
                            }
                        }
                    }
                }
                Markup.element("p", class: "hint") {
                    Markup.text("Correct the file (or the practice's clinicians and services) and check it again.")
                }
            } else {
                Markup.form(action: "/settings/import", method: .post, class: "inline-form") {
                    FormField.csrf(context.csrf)
                    FormField.hidden("what", form["what"].isEmpty ? "clients" : form["what"])
                    Markup.element("textarea", [("name", "csv"), ("hidden", ""), ("aria-hidden", "true")]) {
                        Markup.text(form["csv"])
                    }
                    let count = report.added + report.updated
                    let noun =
                        switch ImportKind(rawValue: form["what"]) {
                        case .schedules: count == 1 ? "schedule" : "schedules"
                        case .balances: count == 1 ? "balance" : "balances"
                        default: count == 1 ? "client" : "clients"
                        }
                    FormField.submit("Import \(count) \(noun)")
                }
            }
        }
    }
}
