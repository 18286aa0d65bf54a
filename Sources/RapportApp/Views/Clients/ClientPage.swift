/// A client's overview: contact, money, warnings, sessions and invoices.
struct ClientPage {
    struct SessionRow {
        let id: String
        let when: String
        let code: String
        let fee: String
        let feeSource: String
        let attendance: String
        let invoice: (id: String, number: Int)?
        let canInvoice: Bool
    }

    struct InvoiceRow {
        let id: String
        let number: Int
        let date: String
        let total: String
        let balance: String
        let status: String
    }

    let id: String
    let name: String
    let facts: [(String, String)]
    let balance: String
    let credit: String
    let unbilled: String
    /// Past sessions that bill an insurer, not yet claimed; nil when there are none.
    let unclaimed: String?
    /// What insurers owe on claims awaiting payment; nil when nothing.
    let insurersOwe: String?
    /// Patient responsibility posted and not yet invoiced, and whether it adds up to something to
    /// invoice (a payer's take-back can leave it below nothing); nil when none.
    let patientResponsibility: (shown: String, invoiceable: Bool)?
    let warnings: [String]
    let upcoming: [SessionRow]
    let past: [SessionRow]
    /// Whether there are more upcoming (or past) sessions than the overview shows.
    let moreUpcoming: Bool
    let morePast: Bool
    let invoices: [InvoiceRow]
    let notice: String?
    let formError: String?
    let context: PageContext

    func render() -> String {
        Layout.render(title: name, context: context) {
            Markup.element("div", class: "page-head") {
                Markup.element("h1") { Markup.text(name) }
                Markup.element("div", class: "actions") {
                    Markup.link("Edit client info", to: "/clients/\(id)/edit", class: "button")
                    Markup.link("New session", to: "/sessions/new?client=\(id)", class: "button")
                    Markup.link("Record payment", to: "/payments/new?client=\(id)", class: "button")
                    Markup.link("Statement", to: "/clients/\(id)/statement", class: "button")
                    Markup.link("Superbill", to: "/clients/\(id)/superbill", class: "button")
                    Markup.link("Good Faith Estimate", to: "/clients/\(id)/good-faith-estimates", class: "button")
                }
            }
            if let notice { Markup.element("p", class: "notice", [("role", "status")]) { Markup.text(notice) } }
            if let formError {
                Markup.element("p", class: "form-error", [("role", "alert")]) { Markup.text(formError) }
            }
            Markup.element("div", class: "overview-top") {
                Markup.element("dl", class: "facts card") {
                    for (term, value) in facts {
                        Markup.element("dt") { Markup.text(term) }
                        Markup.element("dd") { Markup.text(value) }
                    }
                }
                Markup.element("div", class: "money-boxes") {
                    money("Balance", balance, id: "balance")
                    money("Credit", credit, id: "credit")
                    money("Unbilled", unbilled, id: "unbilled")
                    if let unclaimed {
                        money("To claim", unclaimed, id: "unclaimed")
                        Markup.form(action: "/clients/\(id)/claims", method: .post, class: "inline-form") {
                            FormField.csrf(context.csrf)
                            FormField.submit("Create claims", class: "button")
                        }
                    }
                    if let insurersOwe { money("Insurers owe", insurersOwe, id: "insurers-owe") }
                    if let patientResponsibility {
                        money("Patient responsibility", patientResponsibility.shown, id: "patient-responsibility")
                        if patientResponsibility.invoiceable {
                            Markup.form(action: "/clients/\(id)/invoices", method: .post, class: "inline-form") {
                                FormField.csrf(context.csrf)
                                FormField.hidden("patientResponsibility", "1")
                                FormField.submit("Invoice it now", class: "button")
                            }
                        }
                    }
                }
            }
            if !warnings.isEmpty {
                Markup.element("section", class: "warnings", [("aria-label", "Billing check")]) {
                    Markup.element("h2") { Markup.text("Billing check") }
                    Markup.element("ul") { for warning in warnings { Markup.element("li") { Markup.text(warning) } } }
                }
            }
            Markup.element("section", [("aria-labelledby", "upcoming-heading")]) {
                Markup.element("h2", [("id", "upcoming-heading")]) { Markup.text("Upcoming sessions") }
                Self.sessionTable(upcoming, selectable: false, clientID: id)
                if moreUpcoming {
                    Markup.link("All upcoming sessions", to: "/clients/\(id)/sessions?when=upcoming", class: "more")
                }
            }
            Markup.element("section", [("aria-labelledby", "past-heading")]) {
                Markup.element("h2", [("id", "past-heading")]) { Markup.text("Past sessions") }
                Markup.form(action: "/clients/\(id)/invoices", method: .post) {
                    FormField.csrf(context.csrf)
                    Self.sessionTable(past, selectable: true, clientID: id)
                    if past.contains(where: \.canInvoice) {
                        FormField.submit("Create invoice for selected sessions", class: "button")
                    }
                }
                if morePast {
                    Markup.link("All past sessions", to: "/clients/\(id)/sessions?when=past", class: "more")
                }
            }
            Markup.element("section", [("aria-labelledby", "invoices-heading")]) {
                Markup.element("h2", [("id", "invoices-heading")]) { Markup.text("Invoices") }
                InvoiceTable.render(invoices.map { ($0.id, $0.number, $0.date, name, $0.total, $0.balance, $0.status) })
            }
        }
    }

    private func money(_ title: String, _ value: String, id: String) -> Component {
        Markup.element("div", class: "money-box card") {
            Markup.element("span", class: "muted") { Markup.text(title) }
            Markup.element("strong", [("id", "money-\(id)")]) { Markup.text(value) }
        }
    }

    /// A table of the client's sessions, each opening its panel and coming back to `clientID`'s page;
    /// `selectable` adds a box to tick those that can be invoiced.
    static func sessionTable(_ rows: [SessionRow], selectable: Bool, clientID id: String) -> Component {
        guard !rows.isEmpty else { return Markup.element("p", class: "muted") { Markup.text("None.") } }
        return Markup.element("table", class: "list") {
            Markup.element("thead") {
                Markup.element("tr") {
                    if selectable {
                        Markup.element("th") {
                            Markup.element("span", class: "visually-hidden") { Markup.text("Invoice") }
                        }
                    }
                    for title in ["When", "Code", "Fee", "From", "Attendance", "Invoice"] {
                        Markup.element("th") { Markup.text(title) }
                    }
                }
            }
            Markup.element("tbody") {
                for row in rows {
                    Markup.element("tr", [("data-session-id", row.id)]) {
                        if selectable {
                            Markup.element("td") {
                                if row.canInvoice {
                                    Markup.void(
                                        "input",
                                        [
                                            ("type", "checkbox"), ("name", "session"), ("value", row.id),
                                            ("aria-label", "Invoice the session of \(row.when)"),
                                        ])
                                }
                            }
                        }
                        Markup.element("td") {
                            Markup.link(row.when, to: "/calendar/sessions/\(row.id)?return=/clients/\(id)")
                        }
                        Markup.element("td") { Markup.text(row.code) }
                        Markup.element("td", class: "money") { Markup.text(row.fee) }
                        Markup.element("td") { Markup.text(row.feeSource) }
                        Markup.element("td") { Markup.text(row.attendance) }
                        Markup.element("td") {
                            if let invoice = row.invoice {
                                Markup.link("#\(invoice.number)", to: "/invoices/\(invoice.id)")
                            } else {
                                Markup.text("—")
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The invoices table shared by the client page and the invoice list.
enum InvoiceTable {
    static func render(
        _ rows: [(
            id: String, number: Int, date: String, client: String, total: String, balance: String, status: String
        )]
    ) -> Component {
        guard !rows.isEmpty else { return Markup.element("p", class: "muted") { Markup.text("No invoices.") } }
        return Markup.element("table", class: "list") {
            Markup.element("thead") {
                Markup.element("tr") {
                    for title in ["Invoice", "Date", "Client", "Total", "Balance", "Status"] {
                        Markup.element("th", [("class", ["Total", "Balance"].contains(title) ? "money" : nil)]) {
                            Markup.text(title)
                        }
                    }
                }
            }
            Markup.element("tbody") {
                for row in rows {
                    Markup.element("tr") {
                        Markup.element("td") { Markup.link("#\(row.number)", to: "/invoices/\(row.id)") }
                        Markup.element("td") { Markup.text(row.date) }
                        Markup.element("td") { Markup.text(row.client) }
                        Markup.element("td", class: "money") { Markup.text(row.total) }
                        Markup.element("td", class: "money") { Markup.text(row.balance) }
                        Markup.element("td") {
                            Markup.element("span", class: "status \(row.status)") { Markup.text(row.status) }
                        }
                    }
                }
            }
        }
    }
}
