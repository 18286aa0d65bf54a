import Foundation
import RapportCore

/// Practice settings: details and billing rules, services and rates, clinicians.
struct SettingsPage {
    struct ServiceRow {
        let id: String
        let code: String
        let description: String
        let duration: Int
        let rate: String
        let active: Bool
        let isDefault: Bool
    }

    let practiceForm: FormState
    let serviceForm: FormState
    let rateForms: [String: FormState]
    let clinicianForm: FormState
    let services: [ServiceRow]
    let clinicians: [(id: UUID, name: String, email: String, active: Bool)]
    let notice: String?
    let context: PageContext

    func render() -> String {
        Layout.render(title: "Settings", context: context) {
            Markup.element("div", class: "page-head") {
                Markup.element("h1") { Markup.text("Settings") }
                Markup.element("div", class: "actions") {
                    Markup.link("Staff", to: "/settings/staff", class: "button")
                    Markup.link("Billing provider", to: "/settings/billing-provider", class: "button")
                    Markup.link("Payers", to: "/settings/payers", class: "button")
                    Markup.link("Clearinghouse", to: "/settings/clearinghouse", class: "button")
                    Markup.link("API tokens", to: "/account/tokens", class: "button")
                    Markup.link("Audit log", to: "/audit", class: "button")
                    Markup.link("Import", to: "/settings/import", class: "button")
                    Markup.link("Export data", to: "/export", class: "button")
                }
            }
            if let notice { Markup.element("p", class: "notice", [("role", "status")]) { Markup.text(notice) } }
            Markup.element("div", class: "stack") {
                practiceSection
                servicesSection
                cliniciansSection
            }
        }
    }

    private var practiceSection: Component {
        Markup.element("section", class: "card", [("aria-labelledby", "practice-heading")]) {
            Markup.element("h2", [("id", "practice-heading")]) { Markup.text("Practice") }
            Markup.form(action: "/settings/practice", method: .post, class: "stack") {
                FormField.csrf(context.csrf)
                Markup.element("div", class: "form-grid") {
                    FormField.input("Practice name", name: "name", form: practiceForm)
                    FormField.select(
                        "Time zone", name: "timeZone", form: practiceForm,
                        options: TimeZones.common.map { ($0, $0.replacingOccurrences(of: "_", with: " ")) })
                    FormField.select(
                        "Currency", name: "currency", form: practiceForm,
                        options: Currencies.common.contains { $0.0 == practiceForm["currency"] }
                            ? Currencies.common : [(practiceForm["currency"], practiceForm["currency"])] + Currencies.common,
                        hint: "Can be changed until the practice has services with rates.")
                    FormField.select(
                        "Money, dates and times", name: "locale", form: practiceForm,
                        options: [("", "As usual for the practice's currency")]
                            + Locales.options(currency: Currency(code: practiceForm["currency"]) ?? .usd))
                    FormField.select(
                        "Default service", name: "defaultServiceId", form: practiceForm,
                        options: [("", "None yet")]
                            + services.filter(\.active).map { ($0.id, "\($0.code) · \($0.description)") })
                    FormField.select(
                        "Invoices", name: "invoiceMode", form: practiceForm,
                        options: [
                            ("manual", "Made by hand"), ("daily", "Daily: one per client for the previous day"),
                            ("monthly", "Monthly: one per client per month"),
                        ])
                    FormField.select(
                        "Insurance claims", name: "claimMode", form: practiceForm,
                        options: [
                            ("manual", "Made by hand"), ("daily", "Daily: the previous day's sessions"),
                            ("monthly", "Monthly: once a month has ended"),
                        ])
                    FormField.select(
                        "A claim holds", name: "claimGrouping", form: practiceForm,
                        options: [
                            ("dateOfService", "One date of service"), ("month", "A month of sessions (up to 50 lines)"),
                        ])
                    FormField.input(
                        "Statements are due after (days)", name: "paymentDueDays", form: practiceForm,
                        hint: "The due date a client's statement gives; 0 for due on receipt.",
                        extra: [("inputmode", "numeric")])
                    FormField.input(
                        "Follow up on claims after (days)", name: "claimFollowUpDays", form: practiceForm,
                        hint: "A sent claim with no remittance after this many days is listed on Claims to follow up.")
                    FormField.select(
                        "Calendar feeds show clients as", name: "feedClientNames", form: practiceForm,
                        options: [
                            ("initials", "Initials (A. N.)"), ("fullName", "Full name"), ("hidden", "“Session” only"),
                        ],
                        hint: "Clinicians' calendar feeds are read on phones and by calendar services outside the practice.")
                    FormField.select(
                        "Late cancellation", name: "lateCancelKind", form: practiceForm, options: Self.chargeKinds)
                    FormField.input(
                        "Late cancellation value", name: "lateCancelValue", form: practiceForm,
                        hint: "Percent of the fee (e.g. 50), or an amount (e.g. 75.00).")
                    FormField.select("No-show", name: "noShowKind", form: practiceForm, options: Self.chargeKinds)
                    FormField.input(
                        "No-show value", name: "noShowValue", form: practiceForm,
                        hint: "Percent of the fee, or an amount.")
                }
                FormField.submit("Save practice settings")
            }
        }
    }

    static let chargeKinds = [
        (MissedChargeKind.notBilled, "Not billed"), (.percent, "A percentage of the fee"), (.fixed, "A fixed amount"),
    ].map { (value: $0.rawValue, title: $1) }

    private var servicesSection: Component {
        Markup.element("section", class: "card", [("aria-labelledby", "services-heading")]) {
            Markup.element("h2", [("id", "services-heading")]) { Markup.text("Services and rates") }
            Markup.element("table", class: "list") {
                Markup.element("thead") {
                    Markup.element("tr") {
                        for title in ["Code", "Description", "Minutes", "Rate", "Change rate", ""] {
                            Markup.element("th") { Markup.text(title) }
                        }
                    }
                }
                Markup.element("tbody") {
                    for service in services {
                        Markup.element("tr", [("data-code", service.code)]) {
                            Markup.element("td") {
                                Markup.text(service.code)
                                if service.isDefault {
                                    Markup.element("span", class: "status") { Markup.text(" default") }
                                }
                                if !service.active {
                                    Markup.element("span", class: "status deleted") { Markup.text(" inactive") }
                                }
                            }
                            Markup.element("td") { Markup.text(service.description) }
                            Markup.element("td") { Markup.text("\(service.duration)") }
                            Markup.element("td", class: "money") { Markup.text(service.rate) }
                            Markup.element("td") { rateForm(service) }
                            Markup.element("td") {
                                if !service.isDefault {
                                    Markup.form(action: "/settings/services/\(service.id)/active", method: .post) {
                                        FormField.csrf(context.csrf)
                                        FormField.hidden("active", service.active ? "false" : "true")
                                        FormField.submit(
                                            service.active ? "Deactivate" : "Reactivate", class: "button quiet")
                                    }
                                }
                            }
                        }
                    }
                }
            }
            Markup.element("h3") { Markup.text("Add a service") }
            Markup.form(action: "/settings/services", method: .post, class: "stack") {
                FormField.csrf(context.csrf)
                Markup.element("div", class: "form-grid") {
                    FormField.input("Code", name: "code", form: serviceForm, hint: "CPT/HCPCS, e.g. 90834")
                    FormField.input("Description", name: "description", form: serviceForm)
                    FormField.input(
                        "Minutes", name: "durationMinutes", form: serviceForm, type: "number",
                        extra: [("min", "1"), ("max", "1440")])
                    FormField.input("Rate", name: "rate", form: serviceForm, extra: [("inputmode", "decimal")])
                }
                FormField.submit("Add service")
            }
        }
    }

    private func rateForm(_ service: ServiceRow) -> Component {
        var form = rateForms[service.id] ?? FormState()
        form.idPrefix = "rate-\(service.id)-"
        return Markup.form(action: "/settings/services/\(service.id)/rate", method: .post, class: "inline-form compact")
        {
            FormField.csrf(context.csrf)
            FormField.input(
                "New rate", name: "rate", form: form,
                extra: [("inputmode", "decimal"), ("aria-label", "New rate for \(service.code)")])
            FormField.input(
                "Applies from", name: "effectiveFrom", form: form, type: "date",
                hint: "Sessions on or after this date; empty: every unbilled session.",
                extra: [("aria-label", "New \(service.code) rate applies from")])
            FormField.submit("Preview change", class: "button")
        }
    }

    private var newClinicianForm: FormState {
        var form = clinicianForm
        form.idPrefix = "clinician-"
        return form
    }

    private var cliniciansSection: Component {
        Markup.element("section", class: "card", [("aria-labelledby", "clinicians-heading")]) {
            Markup.element("h2", [("id", "clinicians-heading")]) { Markup.text("Clinicians") }
            Markup.element("ul", class: "plain-list") {
                for clinician in clinicians {
                    Markup.element("li") {
                        Markup.link(clinician.name, to: "/settings/clinicians/\(clinician.id)")
                        if !clinician.email.isEmpty {
                            Markup.element("span", class: "muted") { Markup.text(" · \(clinician.email)") }
                        }
                        if !clinician.active {
                            Markup.element("span", class: "status deleted") { Markup.text(" inactive") }
                        }
                    }
                }
            }
            Markup.form(action: "/settings/clinicians", method: .post, class: "inline-form") {
                FormField.csrf(context.csrf)
                // Its own ids: the practice's form above has a "name" field too.
                FormField.input("Name", name: "name", form: newClinicianForm)
                FormField.input("Email", name: "email", form: newClinicianForm, type: "email")
                FormField.submit("Add clinician", class: "button")
            }
        }
    }
}
