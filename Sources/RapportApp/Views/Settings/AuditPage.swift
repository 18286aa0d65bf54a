/// The audit log for owners, in words: who did what to which record and what changed, from what to
/// what; filtered by person, client, kind of record and dates; the stored record behind "Details".
struct AuditPage {
    struct Row {
        let sequence: Int
        let when: String
        let sentence: String
        let changes: [String]
        let before: String?
        let after: String?
    }

    let rows: [Row]
    let users: [(String, String)]
    let clients: [(String, String)]
    let kinds: [(String, String)]
    let form: FormState
    let context: PageContext

    func render() -> String {
        Layout.render(title: "Audit log", context: context) {
            Markup.link("← Settings", to: "/settings", class: "back")
            Markup.element("h1") { Markup.text("Audit log") }
            Markup.element("p", class: "hint") {
                Markup.text(
                    "Every change, and every look at a client's record or billing. Events are chained by hash: `rapport audit verify` shows any that were changed or removed."
                )
            }
            Markup.form(action: "/audit", method: .get, class: "inline-form filters wide") {
                FormField.select("Person", name: "user", form: form, options: [("", "Everyone")] + users)
                FormField.select("Client", name: "client", form: form, options: [("", "All clients")] + clients)
                FormField.select("Kind", name: "kind", form: form, options: [("", "Every kind")] + kinds)
                FormField.input("From", name: "from", form: form, type: "date")
                FormField.input("To", name: "to", form: form, type: "date")
                FormField.submit("Show", class: "button")
            }
            if rows.isEmpty, form.errors.isEmpty {
                Markup.element("p", class: "muted") { Markup.text("No events match these filters.") }
            }
            Markup.element("ol", class: "audit-events") {
                for row in rows {
                    Markup.element("li", class: "audit-event") {
                        Markup.element("p", class: "audit-when muted") { Markup.text(row.when) }
                        Markup.element("p", class: "audit-sentence") { Markup.text(row.sentence) }
                        if !row.changes.isEmpty {
                            Markup.element("ul", class: "audit-changes") {
                                for change in row.changes { Markup.element("li") { Markup.text(change) } }
                            }
                        }
                        if row.before != nil || row.after != nil {
                            Markup.element("details", class: "audit-details") {
                                Markup.element("summary") { Markup.text("Details") }
                                Markup.element("p", class: "muted") { Markup.text("Event #\(row.sequence)") }
                                if let before = row.before {
                                    Markup.element("p") { Markup.text("Before") }
                                    Markup.element("pre") { Markup.text(before) }
                                }
                                if let after = row.after {
                                    Markup.element("p") { Markup.text("After") }
                                    Markup.element("pre") { Markup.text(after) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
