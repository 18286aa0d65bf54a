import Foundation
import RapportCore

/// The payer form's fields, read into the use case's input.
enum PayerForms {
    static let filingIndicators: [(value: String, title: String)] = [
        ("CI", "CI — Commercial"), ("BL", "BL — Blue Cross/Blue Shield"), ("HM", "HM — HMO"), ("12", "12 — PPO"),
        ("13", "13 — POS"), ("14", "14 — EPO"), ("MB", "MB — Medicare Part B"), ("MC", "MC — Medicaid"),
        ("CH", "CH — TRICARE"), ("VA", "VA — Veterans Affairs"), ("WC", "WC — Workers' compensation"),
        ("11", "11 — Other non-federal"), ("ZZ", "ZZ — Mutually defined"),
    ]

    static let newPayer = FormState(values: ["filingIndicator": "CI", "telehealthModifier": "false"])

    static func input(from values: [String: String]) -> PayerInput {
        PayerInput(
            name: values["name"], payerId: values["payerId"], filingIndicator: values["filingIndicator"],
            address: AddressFields.input("address", from: values).map { .set($0) } ?? .clear,
            telehealthModifier: values["telehealthModifier"].map { $0 == "true" },
            active: values["active"].map { $0 == "true" })
    }

    static func fields(_ form: FormState, editing: Bool) -> Component {
        ComponentGroup {
            Markup.element("div", class: "form-grid") {
                FormField.input("Name", name: "name", form: form)
                FormField.input("Payer ID", name: "payerId", form: form, hint: "As your clearinghouse lists it")
                FormField.select("Kind of plan", name: "filingIndicator", form: form, options: filingIndicators)
                FormField.select(
                    "Telehealth lines", name: "telehealthModifier", form: form,
                    options: [("false", "No modifier"), ("true", "Add modifier 95")])
                if editing {
                    FormField.select(
                        "Status", name: "active", form: form, options: [("true", "Active"), ("false", "Inactive")])
                }
            }
            AddressFields.render("address", legend: "Claims address (optional)", form: form)
        }
    }
}

/// Settings → Payers: every payer, and a form to add one.
struct PayerListPage {
    let payers: [PayerDetails]
    let form: FormState
    let notice: String?
    let context: PageContext

    func render() -> String {
        Layout.render(title: "Payers", context: context) {
            Markup.link("← Settings", to: "/settings", class: "back")
            Markup.element("h1") { Markup.text("Payers") }
            if let notice { Markup.element("p", class: "notice", [("role", "status")]) { Markup.text(notice) } }
            if payers.isEmpty {
                Markup.element("p", class: "muted") { Markup.text("No payers yet: add the insurers you bill.") }
            } else {
                Markup.element("table", class: "list") {
                    Markup.element("thead") {
                        Markup.element("tr") {
                            for title in ["Name", "Payer ID", "Plan", "Telehealth", "Status"] {
                                Markup.element("th") { Markup.text(title) }
                            }
                        }
                    }
                    Markup.element("tbody") {
                        for payer in payers {
                            Markup.element("tr") {
                                Markup.element("td") { Markup.link(payer.name, to: "/settings/payers/\(payer.id)") }
                                Markup.element("td") { Markup.text(payer.payerId) }
                                Markup.element("td") { Markup.text(payer.filingIndicator.rawValue) }
                                Markup.element("td") { Markup.text(payer.telehealthModifier ? "Modifier 95" : "—") }
                                Markup.element("td") { Markup.text(payer.active ? "Active" : "Inactive") }
                            }
                        }
                    }
                }
            }
            Markup.element("h2") { Markup.text("Add a payer") }
            Markup.form(action: "/settings/payers", method: .post, class: "stack card") {
                FormField.csrf(context.csrf)
                PayerForms.fields(form, editing: false)
                FormField.submit("Add payer")
            }
        }
    }
}

/// One payer: its details, and what it allows per service from each date.
struct PayerPage {
    let payer: PayerDetails
    let services: [ServiceDetails]
    let payerForm: FormState?
    let rateForm: FormState?
    let notice: String?
    let context: PageContext

    var form: FormState {
        payerForm
            ?? FormState(
                values: [
                    "name": payer.name, "payerId": payer.payerId, "filingIndicator": payer.filingIndicator.rawValue,
                    "telehealthModifier": payer.telehealthModifier ? "true" : "false",
                    "active": payer.active ? "true" : "false",
                ].merging(AddressFields.values("address", payer.address)) { first, _ in first })
    }

    func render() -> String {
        let format = DisplayFormat()
        let rates = rateForm ?? FormState(values: [:], idPrefix: "rate-")
        return Layout.render(title: payer.name, context: context) {
            Markup.link("← Payers", to: "/settings/payers", class: "back")
            Markup.element("h1") { Markup.text(payer.name) }
            if let notice { Markup.element("p", class: "notice", [("role", "status")]) { Markup.text(notice) } }
            Markup.form(action: "/settings/payers/\(payer.id)", method: .post, class: "stack card") {
                FormField.csrf(context.csrf)
                PayerForms.fields(form, editing: true)
                FormField.submit("Save")
            }
            Markup.element("section", class: "card", [("aria-labelledby", "rates-heading")]) {
                Markup.element("h2", [("id", "rates-heading")]) { Markup.text("Contracted rates") }
                if payer.rates.isEmpty {
                    Markup.element("p", class: "muted") { Markup.text("None yet: what this payer allows per service.") }
                } else {
                    Markup.element("table", class: "list") {
                        Markup.element("thead") {
                            Markup.element("tr") {
                                for title in ["Service", "Allows", "From"] {
                                    Markup.element("th") { Markup.text(title) }
                                }
                            }
                        }
                        Markup.element("tbody") {
                            for rate in payer.rates {
                                Markup.element("tr") {
                                    Markup.element("td") { Markup.text(rate.serviceCode) }
                                    Markup.element("td") { Markup.text(rate.amount.shown) }
                                    Markup.element("td") {
                                        Markup.text(rate.effectiveFrom.map { format.date($0) } ?? "the start")
                                    }
                                }
                            }
                        }
                    }
                }
                Markup.form(action: "/settings/payers/\(payer.id)/rates", method: .post, class: "inline-form") {
                    FormField.csrf(context.csrf)
                    FormField.select(
                        "Service", name: "serviceId", form: rates,
                        options: services.map { ($0.id.uuidString, "\($0.code) · \($0.description)") })
                    FormField.input("Allows", name: "amount", form: rates)
                    FormField.input(
                        "From", name: "effectiveFrom", form: rates, type: "date", hint: "Empty: from the start")
                    FormField.submit("Save rate", class: "button")
                }
            }
        }
    }
}
