/// Settings → Export: a practice's clients, sessions, invoices or payments as a CSV file.
struct ExportPage {
    let form: FormState
    /// The file chosen, ready to download: its link and name.
    let download: (link: String, name: String)?
    let context: PageContext

    func render() -> String {
        Layout.render(title: "Export", context: context) {
            Markup.link(
                context.showsSettings ? "← Settings" : "← Invoices", to: context.showsSettings ? "/settings" : "/invoices",
                class: "back")
            Markup.element("h1") { Markup.text("Export data") }
            Markup.element("p", class: "hint") {
                Markup.text(
                    "A CSV file (comma-separated, UTF-8, a header line first) that spreadsheets and other practice software open. Amounts are plain decimals in the practice's currency; times are the practice's local time. Each export is recorded in the audit log."
                )
            }
            if let download {
                Markup.element("p", class: "notice", [("role", "status")]) {
                    Markup.text("Ready: ")
                    Markup.element("a", [("href", download.link), ("download", download.name)]) {
                        Markup.text("Download \(download.name)")
                    }
                }
            }
            Markup.form(action: "/export", method: .get, class: "stack narrow") {
                FormField.select(
                    "What", name: "dataset", form: form,
                    options: ExportDataset.allCases.map { ($0.rawValue, Self.title($0)) },
                    hint: "Sessions, invoices and payments are chosen by date; clients are all exported.")
                FormField.input("From", name: "from", form: form, type: "date", hint: "Leave empty to start at the first.")
                FormField.input("To", name: "to", form: form, type: "date", hint: "Leave empty to go to the last.")
                FormField.submit("Export")
            }
        }
    }

    static func title(_ dataset: ExportDataset) -> String {
        switch dataset {
        case .clients: "Clients"
        case .sessions: "Sessions"
        case .invoices: "Invoices"
        case .payments: "Payments"
        }
    }
}
