import Foundation
import RapportCore

/// The session flyout: who, when, attendance, code and fee with where they come from, invoice
/// status, and Delete — the same panel the help article's product has, minus the repair work.
struct SessionPanel {
    let session: SessionDetails
    let clientName: String
    let clinicianName: String
    let localStart: LocalDateTime
    let localEnd: LocalDateTime
    let invoiceNumber: Int?
    let services: [(id: String, title: String)]
    let repeatRule: String?
    let formatter: DisplayFormat
    let timeZone: TimeZone
    let returnTo: String
    let csrf: String
    var form = FormState()

    var isRepeating: Bool { session.seriesId != nil }
    var base: String { "/calendar/sessions/\(session.id)" }

    /// Where the fee comes from, as a sentence.
    var feeSourceText: String {
        switch session.feeSource {
        case .override: "Typed for this session."
        case .clientFee: "From the client's fee for this service."
        case .serviceRate: "From the service's rate."
        }
    }

    /// What the session bills when that is not simply its fee: frozen on an invoice, or changed by
    /// its attendance (a late cancel at half, a no-show the practice does not bill).
    var billsText: String? {
        guard let bills = session.bills else {
            return "Bills nothing: it \(Invoicing.whyNotBilled(session.attendance))."
        }
        let attendance = SourceText.attendance(session.attendance).lowercased()
        if session.claimId != nil { return "Billed to the insurer on a claim, at \(formatter.money(bills))." }
        if session.billed {
            return "Bills \(formatter.money(bills))\(invoiceNumber.map { " on invoice #\($0)" } ?? ""), as invoiced."
        }
        guard bills != session.fee else { return nil }
        return "Bills \(formatter.money(bills)): the practice's charge for a \(attendance)."
    }

    /// A place of service in words, with its code.
    static func placeText(_ place: PlaceOfService) -> String {
        switch place {
        case .office: "11 — Office"
        case .telehealthAtHome: "10 — Telehealth in the client's home"
        case .telehealth: "02 — Telehealth elsewhere"
        default: place.description
        }
    }

    /// Where the service code comes from, as a sentence.
    var serviceSourceText: String {
        switch session.service.source {
        case .chosen: "Chosen for this session."
        case .clientDefault: "From the client's default service."
        case .practiceDefault: "From the practice's default service."
        }
    }

    var body: Component {
        Markup.element("div", class: "session-panel") {
            Markup.element("div", class: "flyout-head") {
                Markup.element("h2", [("id", "flyout-title")]) {
                    Markup.link(clientName, to: "/clients/\(session.clientId)")
                }
                Markup.element(
                    "button", [("type", "button"), ("class", "button icon close-flyout"), ("aria-label", "Close")]
                ) { Markup.text("×") }
            }
            if let problem = form.errors["_form"] {
                Markup.element("p", class: "form-error", [("role", "alert")]) { Markup.text(problem) }
            }
            Markup.element("dl", class: "facts") {
                fact(
                    "When",
                    "\(formatter.longDate(localStart.date)), \(formatter.time(localStart.time)) – \(formatter.time(localEnd.time))"
                )
                fact("Clinician", clinicianName)
                if let location = session.location { fact("Location", location) }
                if let place = session.placeOfService { fact("Place of service", Self.placeText(place)) }
                if let repeatRule { fact("Repeats", repeatRule) }
            }
            attendanceForm
            priceSection
            invoiceSection
            deleteSection
        }
    }

    private func fact(_ term: String, _ value: String) -> Component {
        ComponentGroup {
            Markup.element("dt") { Markup.text(term) }
            Markup.element("dd") { Markup.text(value) }
        }
    }

    private var attendanceForm: Component {
        Markup.form(action: "\(base)/attendance", method: .post, class: "inline-form attendance") {
            FormField.csrf(csrf)
            FormField.hidden("return", returnTo)
            FormField.select(
                "Attendance", name: "attendance",
                form: FormState(values: ["attendance": session.attendance.rawValue], errors: form.errors),
                options: Attendance.allCases.map { ($0.rawValue, SourceText.attendance($0)) })
            FormField.submit("Save", class: "button")
            // Taking a cancellation back can overlap a session booked in its place since.
            if form.asksAnyway, form.values["date"] == nil {
                ConflictWarning.render(form, timeZone: timeZone, formatter: formatter, anyway: "Save anyway")
            }
        }
    }

    private var priceSection: Component {
        Markup.element("section", class: "price", [("aria-label", "Service code and fee")]) {
            Markup.element("div", class: "price-summary") {
                Markup.element("div") {
                    Markup.element("span", class: "code") { Markup.text(session.service.code) }
                    Markup.element("span", class: "muted") { Markup.text(session.service.description) }
                    Markup.element("p", class: "source") { Markup.text(serviceSourceText) }
                }
                Markup.element("div") {
                    Markup.element("span", class: "fee") { Markup.text(formatter.money(session.fee)) }
                    Markup.element("p", class: "source fee-source") { Markup.text(feeSourceText) }
                }
            }
            if let billsText { Markup.element("p", class: "bills") { Markup.text(billsText) } }
            if let route = SourceText.route(session) { Markup.element("p", class: "route") { Markup.text(route) } }
            if let claim = session.claimId {
                Markup.element("p", class: "hint") {
                    Markup.text("On a claim: its line is frozen there. Remove the claim while unsent to change it. ")
                    Markup.link("Open the claim", to: "/billing/claims/\(claim)")
                }
            } else if session.billed {
                Markup.element("p", class: "hint") {
                    Markup.text(
                        "Billed: the price is frozen on the invoice. Delete or re-issue the invoice to change it.")
                }
            } else {
                Markup.element(
                    "details", class: "edit-price",
                    [("open", editFormHasNews ? "" : nil)]
                ) {
                    Markup.element("summary", class: "button") { Markup.text("Edit") }
                    Markup.form(action: "\(base)/edit", method: .post, class: "stack") {
                        FormField.csrf(csrf)
                        FormField.hidden("return", returnTo)
                        Markup.element("div", class: "form-row") {
                            FormField.input("Date", name: "date", form: priceForm, type: "date")
                            FormField.input(
                                "Time", name: "time", form: priceForm, type: "time", extra: [("step", "900")])
                            FormField.input(
                                "Minutes", name: "duration", form: priceForm, type: "number",
                                extra: [("min", "1"), ("max", "1440")])
                        }
                        FormField.select(
                            "Service code", name: "serviceId", form: priceForm,
                            options: [("", "Follow the client's rules")] + services.map { ($0.id, $0.title) })
                        FormField.input(
                            "Fee", name: "fee", form: priceForm,
                            hint: "Leave empty to follow the client's fee or the service rate.",
                            extra: [("inputmode", "decimal"), ("placeholder", session.fee.typed)])
                        FormField.select(
                            "Place of service", name: "placeOfService", form: priceForm,
                            options: [("", "The practice's usual place")] + BillingProviderPage.places)
                        FormField.input(
                            "Diagnoses for this session", name: "diagnoses", form: priceForm,
                            hint: "ICD-10-CM, principal first. Empty: the client's diagnoses on its date.")
                        FormField.select(
                            "Who pays", name: "selfPay", form: priceForm,
                            options: [
                                ("", "As the client's insurance and choice say"),
                                ("true", "The client (self-pay), this session"),
                                ("false", "Their insurance, although the client pays for others"),
                            ], hint: "Chosen for this session only.")
                        if isRepeating { scopeChoice(name: "scope", legend: "Apply to") }
                        if form.asksAnyway, form.values["date"] != nil {
                            ConflictWarning.render(form, timeZone: timeZone, formatter: formatter, anyway: "Save anyway")
                        }
                        FormField.submit("Save")
                    }
                }
            }
        }
    }

    /// The edit form opens again when what it sent came back with field problems or overlaps.
    private var editFormHasNews: Bool {
        (!form.errors.isEmpty && form.errors["_form"] == nil) || (form.asksAnyway && form.values["date"] != nil)
    }

    private var priceForm: FormState {
        var values = form.values
        if values["serviceId"] == nil {
            values["serviceId"] = session.service.source == .chosen ? session.service.id.uuidString : ""
        }
        if values["fee"] == nil { values["fee"] = session.feeSource == .override ? session.fee.typed : "" }
        if values["date"] == nil { values["date"] = localStart.date.description }
        if values["time"] == nil { values["time"] = localStart.time.hoursAndMinutes }
        if values["duration"] == nil { values["duration"] = String(session.durationMinutes) }
        if values["placeOfService"] == nil { values["placeOfService"] = session.placeOfService?.description ?? "" }
        if values["diagnoses"] == nil {
            values["diagnoses"] = session.diagnoses?.map(\.code.description).joined(separator: ", ") ?? ""
        }
        if values["selfPay"] == nil { values["selfPay"] = session.selfPay.map { $0 ? "true" : "false" } ?? "" }
        return FormState(values: values, errors: form.errors)
    }

    private var invoiceSection: Component {
        Markup.element("p", class: "invoice-status") {
            if let invoiceID = session.invoiceId, let number = invoiceNumber {
                Markup.text("On invoice ")
                Markup.link("#\(number)", to: "/invoices/\(invoiceID)")
            } else {
                Markup.text("Not billed yet.")
            }
        }
    }

    private var deleteSection: Component {
        Markup.element("details", class: "delete-session") {
            Markup.element("summary", class: "button danger") {
                Icon.trash
                Markup.text("Delete")
            }
            Markup.form(action: "\(base)/delete", method: .post, class: "stack") {
                FormField.csrf(csrf)
                FormField.hidden("return", returnTo)
                if isRepeating {
                    scopeChoice(name: "scope", legend: "Delete which sessions?")
                } else {
                    Markup.element("p") { Markup.text("Delete this session?") }
                    FormField.hidden("scope", "this")
                }
                FormField.submit(isRepeating ? "Delete" : "OK, delete", class: "button danger")
            }
        }
    }

    private func scopeChoice(name: String, legend: String) -> Component {
        Markup.element("fieldset", class: "scope") {
            Markup.element("legend") { Markup.text(legend) }
            for (value, title) in [
                ("this", "This session only"), ("following", "This and all future sessions"),
                ("all", "All sessions in the series"),
            ] {
                Markup.element("label", class: "check") {
                    Markup.void(
                        "input",
                        [
                            ("type", "radio"), ("name", name), ("value", value),
                            ("checked", value == (form.values[name] ?? "this") ? "" : nil),
                        ])
                    Markup.text(title)
                }
            }
        }
    }
}
