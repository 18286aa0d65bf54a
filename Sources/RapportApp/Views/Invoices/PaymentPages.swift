import Foundation
import RapportCore

/// Billing → Payments: every payment, newest first, with what it was applied to and what is left
/// as the client's credit.
struct PaymentListPage {
    let payments: [PaymentDetails]
    let clientNames: [UUID: String]
    let invoiceNumbers: [UUID: Int]
    let context: PageContext
    private let format = DisplayFormat()

    func render() -> String {
        Layout.render(title: "Payments", context: context) {
            Markup.link("← Invoices", to: "/invoices", class: "back")
            Markup.element("h1") { Markup.text("Payments") }
            if payments.isEmpty {
                Markup.element("p", class: "empty") { Markup.text("No payments have been recorded yet.") }
            } else {
                Markup.element("table", class: "list payments") {
                    Markup.element("thead") {
                        Markup.element("tr") {
                            for title in ["Received", "Client", "Method", "Reference", "Applied to", "Amount", "Unapplied"] {
                                Markup.element("th", class: ["Amount", "Unapplied"].contains(title) ? "money" : nil) {
                                    Markup.text(title)
                                }
                            }
                        }
                    }
                    Markup.element("tbody") {
                        for payment in payments {
                            Markup.element("tr") {
                                Markup.element("td") {
                                    Markup.link(format.date(payment.receivedOn), to: "/payments/\(payment.id)")
                                }
                                Markup.element("td") { Markup.text(clientNames[payment.clientId] ?? "") }
                                Markup.element("td") { Markup.text(payment.method.capitalized) }
                                Markup.element("td") { Markup.text(payment.reference ?? "") }
                                Markup.element("td") { Markup.text(PaymentPage.appliedTo(payment, invoiceNumbers)) }
                                Markup.element("td", class: "money") { Markup.text(payment.amount.shown) }
                                Markup.element("td", class: "money") { Markup.text(payment.unapplied.shown) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// One payment: what it was applied to, each with Unapply (the money becomes the client's credit).
struct PaymentPage {
    let payment: PaymentDetails
    let clientName: String
    let invoiceNumbers: [UUID: Int]
    let notice: String?
    let context: PageContext
    private let format = DisplayFormat()

    /// "#12, #15", or "Nothing yet".
    static func appliedTo(_ payment: PaymentDetails, _ numbers: [UUID: Int]) -> String {
        let applied = payment.applications.compactMap { numbers[$0.invoiceId].map { "#\($0)" } }
        return applied.isEmpty ? "Nothing yet" : applied.joined(separator: ", ")
    }

    func render() -> String {
        Layout.render(title: "Payment", context: context) {
            Markup.link("← Payments", to: "/payments", class: "back")
            Markup.element("h1") {
                Markup.text("\(payment.method.capitalized) payment of \(payment.amount.shown)")
            }
            if let notice { Markup.element("p", class: "notice", [("role", "status")]) { Markup.text(notice) } }
            Markup.element("dl", class: "facts") {
                Markup.element("dt") { Markup.text("Client") }
                Markup.element("dd") { Markup.link(clientName, to: "/clients/\(payment.clientId)") }
                Markup.element("dt") { Markup.text("Received") }
                Markup.element("dd") { Markup.text(format.date(payment.receivedOn)) }
                Markup.element("dt") { Markup.text("Reference") }
                Markup.element("dd") { Markup.text(payment.reference ?? "None") }
                Markup.element("dt") { Markup.text("Applied") }
                Markup.element("dd") { Markup.text(payment.applied.shown) }
                Markup.element("dt") { Markup.text("Unapplied (the client's credit)") }
                Markup.element("dd", [("id", "payment-unapplied")]) { Markup.text(payment.unapplied.shown) }
            }
            Markup.element("section", [("aria-labelledby", "applied-heading")]) {
                Markup.element("h2", [("id", "applied-heading")]) { Markup.text("Applied to") }
                if payment.applications.isEmpty {
                    Markup.element("p", class: "empty") {
                        Markup.text("Nothing yet: all of it is the client's credit, applied to their next invoice.")
                    }
                } else {
                    Markup.element("table", class: "list") {
                        Markup.element("thead") {
                            Markup.element("tr") {
                                for title in ["Invoice", "Amount", ""] {
                                    Markup.element("th", class: title == "Amount" ? "money" : nil) { Markup.text(title) }
                                }
                            }
                        }
                        Markup.element("tbody") {
                            for application in payment.applications {
                                Markup.element("tr") {
                                    Markup.element("td") {
                                        Markup.link(
                                            invoiceNumbers[application.invoiceId].map { "Invoice #\($0)" } ?? "Invoice",
                                            to: "/invoices/\(application.invoiceId)")
                                    }
                                    Markup.element("td", class: "money") { Markup.text(application.amount.shown) }
                                    Markup.element("td", class: "no-print") {
                                        Markup.form(
                                            action: "/payments/\(payment.id)/applications/\(application.id)/unapply",
                                            method: .post
                                        ) {
                                            FormField.csrf(context.csrf)
                                            FormField.hidden("back", "payment")
                                            FormField.submit("Unapply \(application.amount.shown)", class: "button")
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Record a payment for a client.
struct RecordPaymentPage {
    let clientID: String
    let clientName: String
    let form: FormState
    let context: PageContext

    func render() -> String {
        Layout.render(title: "Record payment · \(clientName)", context: context) {
            Markup.element("div", class: "narrow card") {
                Markup.link("← \(clientName)", to: "/clients/\(clientID)", class: "back")
                Markup.element("h1") { Markup.text("Record payment") }
                Markup.form(action: "/payments/new?client=\(clientID)", method: .post, class: "stack") {
                    FormField.csrf(context.csrf)
                    FormField.input(
                        "Amount", name: "amount", form: form, extra: [("inputmode", "decimal"), ("required", "")])
                    FormField.select(
                        "Method", name: "method", form: form,
                        options: [("card", "Card"), ("cash", "Cash"), ("check", "Check"), ("other", "Other")])
                    FormField.input("Received on", name: "receivedOn", form: form, type: "date")
                    FormField.input("Reference", name: "reference", form: form, hint: "Check number, card receipt…")
                    Markup.element("p", class: "hint") {
                        Markup.text(
                            "The payment goes to the oldest open invoices first; anything left is the client's credit.")
                    }
                    FormField.submit("Record payment")
                }
            }
        }
    }
}
