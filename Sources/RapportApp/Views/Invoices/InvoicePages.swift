import RapportCore

/// The invoices list.
struct InvoiceListPage {
    let rows: [(id: String, number: Int, date: String, client: String, total: String, balance: String, status: String)]
    /// The status filter as the address gave it, with a sentence beside it when it is no status.
    let filters: FormState
    let context: PageContext

    func render() -> String {
        Layout.render(title: "Invoices", context: context) {
            Markup.element("div", class: "page-head") {
                Markup.element("h1") { Markup.text("Invoices") }
                Markup.element("div", class: "actions") {
                    Markup.link("Payments", to: "/payments", class: "button")
                    Markup.link("Claims", to: "/billing/claims", class: "button")
                    Markup.link("Outstanding balances", to: "/billing/outstanding", class: "button")
                    Markup.link("Estimates due", to: "/billing/good-faith-estimates", class: "button")
                    Markup.link("Billing check", to: "/billing/check", class: "button")
                    if context.showsExport { Markup.link("Export", to: "/export", class: "button") }
                }
            }
            Markup.form(action: "/invoices", method: .get, class: "inline-form filters") {
                FormField.select(
                    "Status", name: "status", form: filters,
                    options: [("", "All")] + InvoiceStatus.allCases.map { ($0.rawValue, $0.rawValue.capitalized) })
                FormField.submit("Show", class: "button")
            }
            if filters.errors.isEmpty { InvoiceTable.render(rows) }
        }
    }
}

/// One invoice: lines, payments, and the red Delete button.
struct InvoicePage {
    let invoice: InvoiceDetails
    let clientName: String
    let formError: String?
    let notice: String?
    let context: PageContext
    private let format = DisplayFormat()

    func render() -> String {
        Layout.render(title: "Invoice #\(invoice.number)", context: context) {
            Markup.element("div", class: "card") {
                Markup.link("← \(clientName)", to: "/clients/\(invoice.clientId)", class: "back no-print")
                Markup.element("div", class: "page-head") {
                    Markup.element("h1") { Markup.text("Invoice #\(invoice.number)") }
                    Markup.element("span", class: "status \(invoice.status.rawValue)") {
                        Markup.text(invoice.status.rawValue)
                    }
                }
                if let formError {
                    Markup.element("p", class: "form-error", [("role", "alert")]) { Markup.text(formError) }
                }
                if let notice {
                    Markup.element("p", class: "notice", [("role", "status")]) { Markup.text(notice) }
                }
                if let deleted = invoice.deleted {
                    Markup.element("p", class: "form-error") {
                        Markup.text(
                            "Deleted by \(deleted.by)" + (deleted.reason.map { ": \($0)" } ?? "")
                                + ". Its sessions are unbilled again.")
                        if let replacement = invoice.replacedByInvoiceId {
                            Markup.text(" Replaced by ");
                            Markup.link("the re-issued invoice", to: "/invoices/\(replacement)")
                        }
                    }
                }
                Markup.element("dl", class: "facts") {
                    Markup.element("dt") { Markup.text("Client") }
                    Markup.element("dd") { Markup.text(clientName) }
                    Markup.element("dt") { Markup.text("Date") }
                    Markup.element("dd") { Markup.text(format.date(invoice.issueDate)) }
                }
                Markup.element("table", class: "list") {
                    Markup.element("thead") {
                        Markup.element("tr") {
                            for title in [
                                "Date of service", "Code", "Description", "Clinician", "Attendance", "Amount",
                            ] {
                                Markup.element("th", class: title == "Amount" ? "money" : nil) {
                                    Markup.text(title)
                                }
                            }
                        }
                    }
                    Markup.element("tbody") {
                        for line in invoice.lines ?? [] {
                            Markup.element("tr") {
                                Markup.element("td") { Markup.text(format.date(line.dateOfService)) }
                                Markup.element("td") { Markup.text(line.serviceCode) }
                                Markup.element("td") { Markup.text(line.description) }
                                Markup.element("td") { Markup.text(line.clinician) }
                                Markup.element("td") { Markup.text(SourceText.attendance(line.attendance)) }
                                Markup.element("td", class: "money") { Markup.text(line.amount.shown) }
                            }
                        }
                        if invoice.broughtForward.amount != 0 {
                            Markup.element("tr", class: "brought-forward") {
                                Markup.element("td") { Markup.text(format.date(invoice.issueDate)) }
                                Markup.element("td") { Markup.text("") }
                                Markup.element("td", [("colspan", "3")]) {
                                    Markup.text("Balance brought forward from the practice's previous records")
                                }
                                Markup.element("td", class: "money") { Markup.text(invoice.broughtForward.shown) }
                            }
                        }
                        // What an insurer left the client to pay: after the sessions, each naming its claim.
                        for owed in invoice.patientResponsibility ?? [] {
                            Markup.element("tr", class: "patient-responsibility") {
                                Markup.element("td") { Markup.text(format.date(owed.dateFrom)) }
                                Markup.element("td") { Markup.text("") }
                                Markup.element("td", [("colspan", "3")]) {
                                    Markup.link(owed.description, to: "/billing/claims/\(owed.claimId)")
                                }
                                Markup.element("td", class: "money") { Markup.text(owed.amount.shown) }
                            }
                        }
                    }
                }
                Markup.element("dl", class: "totals") {
                    Markup.element("dt") { Markup.text("Total") }
                    Markup.element("dd", [("id", "invoice-total")]) { Markup.text(invoice.total.shown) }
                    Markup.element("dt") { Markup.text("Paid") }
                    Markup.element("dd") { Markup.text(invoice.paid.shown) }
                    Markup.element("dt") { Markup.text("Balance") }
                    Markup.element("dd", [("id", "invoice-balance")]) { Markup.text(invoice.balance.shown) }
                }
                if let payments = invoice.payments, !payments.isEmpty { paymentsSection(payments) }
                if invoice.deleted == nil { actions }
            }
        }
    }

    /// The payments applied to this invoice; Unapply turns one back into the client's credit, which
    /// is what a paid invoice needs before it can be deleted or re-issued.
    private func paymentsSection(_ payments: [PaymentApplied]) -> Component {
        Markup.element("section", [("aria-labelledby", "payments-heading"), ("id", "payments")]) {
            Markup.element("h2", [("id", "payments-heading")]) { Markup.text("Payments applied") }
            Markup.element("table", class: "list") {
                Markup.element("thead") {
                    Markup.element("tr") {
                        for title in ["Received", "Method", "Amount", ""] {
                            Markup.element("th", class: title == "Amount" ? "money" : nil) { Markup.text(title) }
                        }
                    }
                }
                Markup.element("tbody") {
                    for payment in payments {
                        Markup.element("tr") {
                            Markup.element("td") {
                                Markup.link(format.date(payment.receivedOn), to: "/payments/\(payment.paymentId)")
                            }
                            Markup.element("td") { Markup.text(payment.method.capitalized) }
                            Markup.element("td", class: "money") { Markup.text(payment.amount.shown) }
                            Markup.element("td", class: "no-print") {
                                if invoice.deleted == nil {
                                    Markup.form(
                                        action:
                                            "/payments/\(payment.paymentId)/applications/\(payment.applicationId)/unapply",
                                        method: .post
                                    ) {
                                        FormField.csrf(context.csrf)
                                        FormField.submit("Unapply \(payment.amount.shown)", class: "button")
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private var actions: Component {
        Markup.element("div", class: "actions no-print") {
            Markup.element("details", class: "delete-invoice") {
                Markup.element("summary", class: "button danger") { Markup.text("Delete") }
                Markup.form(action: "/invoices/\(invoice.id)/delete", method: .post, class: "stack") {
                    FormField.csrf(context.csrf)
                    Markup.element("p") {
                        Markup.text(
                            invoice.origin == .openingBalance
                                ? "Delete invoice #\(invoice.number)? The balance brought forward is no longer owed. The invoice stays in the history as deleted."
                                : "Delete invoice #\(invoice.number)? Its sessions become unbilled and follow the client's current fees. The invoice stays in the history as deleted."
                        )
                    }
                    FormField.input("Reason", name: "reason", form: FormState(), hint: "Kept with the deleted invoice.")
                    FormField.submit("Delete invoice", class: "button danger")
                }
            }
            if invoice.paid.amount == 0, invoice.origin != .openingBalance {
                Markup.form(action: "/invoices/\(invoice.id)/reissue", method: .post) {
                    FormField.csrf(context.csrf)
                    FormField.submit("Re-issue at current fees", class: "button")
                }
            }
            Markup.link("Record payment", to: "/payments/new?client=\(invoice.clientId)", class: "button")
        }
    }
}
