/// Outstanding balances by client with aging buckets.
struct OutstandingPage {
    static let pageSize = 100

    let report: OutstandingReport
    let offset: Int
    let context: PageContext

    func render() -> String {
        let buckets = ["0-30", "31-60", "61-90", "90+"]
        return Layout.render(title: "Outstanding balances", context: context) {
            Markup.element("h1") { Markup.text("Outstanding balances") }
            Markup.element("p", class: "hint") {
                Markup.text(
                    "As of \(report.asOf). What clients owe by age in days: open invoices since they were issued, patient responsibility not yet invoiced since it was posted."
                )
            }
            if report.clientCount > report.clients.count {
                Markup.element("p", class: "pager") {
                    Markup.text(
                        report.clients.isEmpty
                            ? "No clients on this page; \(report.clientCount) in all. "
                            : "Clients \(offset + 1)–\(offset + report.clients.count) of \(report.clientCount), largest balance first. "
                    )
                    if offset > 0 {
                        Markup.link(
                            "← Previous \(Self.pageSize)",
                            to: "/billing/outstanding?offset=\(max(0, offset - Self.pageSize))")
                    }
                    if offset + report.clients.count < report.clientCount {
                        Markup.text(" ")
                        Markup.link(
                            "Next \(Self.pageSize) →", to: "/billing/outstanding?offset=\(offset + Self.pageSize)")
                    }
                }
            }
            Markup.element("table", class: "list") {
                Markup.element("thead") {
                    Markup.element("tr") {
                        Markup.element("th") { Markup.text("Client") }
                        for title in buckets + ["Credit", "Balance"] {
                            Markup.element("th", class: "money") { Markup.text(title) }
                        }
                    }
                }
                Markup.element("tbody") {
                    for row in report.clients {
                        Markup.element("tr") {
                            Markup.element("td") { Markup.link(row.clientName, to: "/clients/\(row.clientId)") }
                            for bucket in buckets {
                                Markup.element("td", class: "money") {
                                    Markup.text(row.aging[bucket]?.shown ?? "")
                                }
                            }
                            Markup.element("td", class: "money") { Markup.text(row.credit.shown) }
                            Markup.element("td", class: "money") { Markup.text(row.balance.shown) }
                        }
                    }
                    Markup.element("tr", class: "total-row") {
                        Markup.element("th") { Markup.text("Total open, all clients") }
                        for bucket in buckets {
                            Markup.element("th", class: "money") {
                                Markup.text(report.aging[bucket]?.shown ?? "")
                            }
                        }
                        Markup.element("th") {}
                        Markup.element("th", class: "money") { Markup.text(report.totalOpen.shown) }
                    }
                }
            }
            if !report.payers.isEmpty { payers(buckets) }
        }
    }

    /// What insurers owe: each payer's claims awaiting payment by days since they were sent.
    private func payers(_ buckets: [String]) -> Component {
        Markup.element("section", [("aria-labelledby", "payers-heading")]) {
            Markup.element("h2", [("id", "payers-heading")]) { Markup.text("Insurers") }
            Markup.element("p", class: "hint") {
                Markup.text("Claims sent and awaiting payment, by days since they were sent.")
            }
            Markup.element("table", class: "list", [("id", "payer-aging")]) {
                Markup.element("thead") {
                    Markup.element("tr") {
                        Markup.element("th") { Markup.text("Payer") }
                        Markup.element("th", class: "money") { Markup.text("Claims") }
                        for title in buckets + ["Owed", "Unapplied"] {
                            Markup.element("th", class: "money") { Markup.text(title) }
                        }
                    }
                }
                Markup.element("tbody") {
                    for row in report.payers {
                        Markup.element("tr") {
                            Markup.element("td") { Markup.text(row.payerName) }
                            Markup.element("td", class: "money") { Markup.text("\(row.claims)") }
                            for bucket in buckets {
                                Markup.element("td", class: "money") { Markup.text(row.aging[bucket]?.shown ?? "") }
                            }
                            Markup.element("td", class: "money") { Markup.text(row.owed.shown) }
                            Markup.element("td", class: "money") {
                                Markup.text(row.unapplied.amount == 0 ? "" : row.unapplied.shown)
                            }
                        }
                    }
                    Markup.element("tr", class: "total-row") {
                        Markup.element("th") { Markup.text("Total, all insurers") }
                        Markup.element("th") {}
                        for bucket in buckets {
                            Markup.element("th", class: "money") { Markup.text(report.payerAging[bucket]?.shown ?? "") }
                        }
                        Markup.element("th", class: "money") { Markup.text(report.insurersOwe.shown) }
                        Markup.element("th") {}
                    }
                }
            }
        }
    }
}

/// Every session whose code or fee differs from the client's current rules, with re-issue.
struct BillingCheckPage {
    let report: BillingCheckReport
    let clientNames: [String: String]
    let context: PageContext

    func render() -> String {
        let format = DisplayFormat()
        let byInvoice = Dictionary(grouping: report.billedDifferently, by: \.invoiceId).sorted {
            ($0.value.first?.invoiceNumber ?? 0) < ($1.value.first?.invoiceNumber ?? 0)
        }
        return Layout.render(title: "Billing check", context: context) {
            Markup.element("h1") { Markup.text("Billing check") }
            Markup.element("p", class: "hint") {
                Markup.text("Sessions whose code or fee differs from what the client's current rules give.")
            }
            Markup.element("h2") { Markup.text("Billed differently") }
            if byInvoice.isEmpty {
                Markup.element("p", class: "muted") { Markup.text("Every invoice matches the current rules.") }
            }
            for (invoiceID, rows) in byInvoice {
                Markup.element("div", class: "card check-item") {
                    Markup.element("p") {
                        Markup.link("Invoice #\(rows[0].invoiceNumber)", to: "/invoices/\(invoiceID)")
                        Markup.text(" · \(clientNames[rows[0].clientId.uuidString] ?? "")")
                    }
                    Markup.element("ul") {
                        for row in rows {
                            Markup.element("li") {
                                Markup.text(
                                    "\(format.date(row.dateOfService)): " + SourceText.difference(row, subject: "the rules")
                                )
                            }
                        }
                    }
                    if rows[0].canReissue {
                        Markup.form(action: "/invoices/\(invoiceID)/reissue", method: .post) {
                            FormField.csrf(context.csrf)
                            FormField.submit("Re-issue at current fees", class: "button")
                        }
                    } else {
                        Markup.element("p", class: "hint") {
                            Markup.text("Has payments applied: unapply them to re-issue.")
                        }
                    }
                }
            }
            Markup.element("h2") { Markup.text("Claimed differently") }
            if report.claimedDifferently.isEmpty {
                Markup.element("p", class: "muted") { Markup.text("Every claim line matches the current rules.") }
            }
            Markup.element("ul") {
                for row in report.claimedDifferently {
                    Markup.element("li") {
                        Markup.link("Claim #\(row.claimNumber)", to: "/billing/claims/\(row.claimId)")
                        Markup.text(
                            " · \(clientNames[row.clientId.uuidString] ?? "") · \(format.date(row.dateOfService)): "
                                + SourceText.difference(row))
                    }
                }
            }
            Markup.element("h2") { Markup.text("Unbilled with a fee or code set by hand") }
            if report.unbilledWithOverride.isEmpty { Markup.element("p", class: "muted") { Markup.text("None.") } }
            Markup.element("ul") {
                for row in report.unbilledWithOverride {
                    Markup.element("li") {
                        Markup.link(
                            clientNames[row.clientId.uuidString] ?? "",
                            to: "/calendar/sessions/\(row.sessionId)?return=/billing/check")
                        Markup.text(
                            ": bills \(row.billsAt.serviceCode) \(row.billsAt.amount.shown); rules give \(row.rulesGive.serviceCode) \(row.rulesGive.amount.shown)"
                        )
                    }
                }
            }
        }
    }
}

/// Printable statement or superbill for a date range.
struct ClientDocumentPage {
    let title: String
    let clientID: String
    let kind: String
    let from: String
    let to: String
    let header: [(String, String)]
    let columns: [String]
    let rows: [[String]]
    let footer: [(String, String)]
    let context: PageContext
    /// Further tables after the totals, each with its heading.
    var tables: [(title: String, columns: [String], rows: [[String]])] = []

    private static func table(_ columns: [String], _ rows: [[String]]) -> Component {
        Markup.element("table", class: "list") {
            Markup.element("thead") {
                Markup.element("tr") { for column in columns { Markup.element("th") { Markup.text(column) } } }
            }
            Markup.element("tbody") {
                for row in rows {
                    Markup.element("tr") { for cell in row { Markup.element("td") { Markup.text(cell) } } }
                }
            }
        }
    }

    /// The period above a document: its two dates, with any sentence beside them, and Print when
    /// there is a document to print.
    static func periodForm(clientID: String, kind: String, form: FormState, printable: Bool) -> Component {
        Markup.form(action: "/clients/\(clientID)/\(kind)", method: .get, class: "inline-form filters no-print") {
            FormField.input("From", name: "from", form: form, type: "date")
            FormField.input("To", name: "to", form: form, type: "date")
            FormField.submit("Show", class: "button")
            if printable {
                Markup.element("button", [("type", "button"), ("class", "button"), ("data-print", "")]) {
                    Markup.text("Print")
                }
            }
        }
    }

    func render() -> String {
        Layout.render(title: title, context: context) {
            Self.periodForm(
                clientID: clientID, kind: kind, form: FormState(values: ["from": from, "to": to]), printable: true)
            Markup.element("div", class: "card printable") {
                Markup.element("h1") { Markup.text(title) }
                Markup.element("dl", class: "facts") {
                    for (term, value) in header {
                        Markup.element("dt") { Markup.text(term) }
                        Markup.element("dd") { Markup.text(value) }
                    }
                }
                Self.table(columns, rows)
                Markup.element("dl", class: "totals") {
                    for (term, value) in footer {
                        Markup.element("dt") { Markup.text(term) }
                        Markup.element("dd") { Markup.text(value) }
                    }
                }
                for table in tables {
                    Markup.element("h2") { Markup.text(table.title) }
                    Self.table(table.columns, table.rows)
                }
            }
        }
    }
}
