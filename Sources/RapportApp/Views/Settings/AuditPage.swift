/// The audit log for owners: filter by user, client and date.
struct AuditPage {
    let entries: [AuditTrail.Entry]
    let users: [(String, String)]
    let clients: [(String, String)]
    let form: FormState
    let format: (AuditTrail.Entry) -> String
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
                FormField.select("User", name: "user", form: form, options: [("", "Everyone")] + users)
                FormField.select("Client", name: "client", form: form, options: [("", "All records")] + clients)
                FormField.input("From", name: "from", form: form, type: "date")
                FormField.input("To", name: "to", form: form, type: "date")
                FormField.submit("Show", class: "button")
            }
            Markup.element("table", class: "list audit") {
                Markup.element("thead") {
                    Markup.element("tr") {
                        for title in ["#", "When", "Who", "What", "Record", "Details"] {
                            Markup.element("th") { Markup.text(title) }
                        }
                    }
                }
                Markup.element("tbody") {
                    for entry in entries {
                        Markup.element("tr") {
                            Markup.element("td") { Markup.text(String(entry.sequence)) }
                            Markup.element("td") { Markup.text(format(entry)) }
                            Markup.element("td") { Markup.text(entry.actorName) }
                            Markup.element("td") { Markup.text(entry.action) }
                            Markup.element("td") { Markup.text(entry.entityType) }
                            Markup.element("td", class: "details") {
                                Markup.text(String((entry.after ?? entry.before ?? "").prefix(160)))
                            }
                        }
                    }
                }
            }
        }
    }
}
