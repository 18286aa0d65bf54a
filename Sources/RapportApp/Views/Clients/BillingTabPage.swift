import Foundation

/// "Edit client info" → Billing and Insurance → Service Code: the client's default service and
/// custom fees. Saving shows what will change before anything does.
struct BillingTabPage {
    struct ServiceRow {
        let id: String
        let code: String
        let description: String
        let rate: String
        let currentFee: String?
    }

    let clientID: String
    let clientName: String
    let services: [ServiceRow]
    let history: [String]
    let form: FormState
    /// The client's policies, below the service code.
    var insurance: InsuranceSection?
    /// The client's diagnoses, below the policies.
    var diagnoses: DiagnosesSection?
    let context: PageContext
    /// What was just done, from the redirect that led here.
    var notice: String?

    func render() -> String {
        Layout.render(title: "Billing and Insurance · \(clientName)", context: context) {
            Markup.element("div", class: "card") {
                Markup.link("← \(clientName)", to: "/clients/\(clientID)", class: "back")
                Markup.element("h1") { Markup.text("Edit client info") }
                if let notice { Markup.element("p", class: "notice", [("role", "status")]) { Markup.text(notice) } }
                EditTabs.render(clientID: clientID, active: "billing")
                Markup.element("section", [("aria-labelledby", "service-code-heading")]) {
                    Markup.element("h2", [("id", "service-code-heading")]) { Markup.text("Service Code") }
                    Markup.element("p", class: "hint") {
                        Markup.text(
                            "Sessions that are not billed yet follow these settings — past and upcoming, repeating or not. You will see what changes before saving."
                        )
                    }
                    if let problem = form.errors["_form"] {
                        Markup.element("p", class: "form-error", [("role", "alert")]) { Markup.text(problem) }
                    }
                    Markup.form(action: "/clients/\(clientID)/billing/preview", method: .post, class: "stack") {
                        FormField.csrf(context.csrf)
                        FormField.select(
                            "Default service", name: "defaultServiceId", form: form,
                            options: [("", "The practice's default")]
                                + services.map { ($0.id, "\($0.code) · \($0.description)") })
                        Markup.element("table", class: "list fees") {
                            Markup.element("thead") {
                                Markup.element("tr") {
                                    for title in ["Service", "Service rate", "Client's fee"] {
                                        Markup.element("th") { Markup.text(title) }
                                    }
                                }
                            }
                            Markup.element("tbody") {
                                for service in services {
                                    Markup.element("tr", [("data-code", service.code)]) {
                                        Markup.element("td") { Markup.text("\(service.code) · \(service.description)") }
                                        Markup.element("td", class: "money") { Markup.text(service.rate) }
                                        Markup.element("td") {
                                            FormField.input(
                                                "Fee for \(service.code)", name: "fee-\(service.id)", form: form,
                                                hint: "Empty: the service rate.", extra: [("inputmode", "decimal")])
                                        }
                                    }
                                }
                            }
                        }
                        FormField.input(
                            "Effective from", name: "effectiveFrom", form: form, type: "date",
                            hint: "Leave empty to apply to every session that is not billed yet.")
                        FormField.submit("Save")
                    }
                }
                if !history.isEmpty {
                    Markup.element("details", class: "history") {
                        Markup.element("summary") { Markup.text("Fee history") }
                        Markup.element("ul") { for line in history { Markup.element("li") { Markup.text(line) } } }
                    }
                }
                if let insurance { insurance.body }
                if let diagnoses { diagnoses.body }
            }
        }
    }
}

/// What a billing change will do, with Confirm.
struct BillingPreviewPage {
    struct Group {
        let count: Int
        let from: String
        let to: String
        let upcoming: Bool
    }

    struct Invoice {
        let id: String
        let number: Int
        let sessions: Int
        let canReissue: Bool
    }

    /// What is changing, for the heading: "Avery Nguyen", "the 90834 rate".
    let subject: String
    let applyURL: String
    let cancelURL: String
    let groups: [Group]
    let overridesKept: Int
    let invoices: [Invoice]
    /// Good Faith Estimates the change makes out of date, with what changed.
    let estimates: [BillingChangeReport.EstimateChanged]
    let carried: [String: String]
    let context: PageContext

    /// The page for a previewed change: sessions grouped by their old and new price, past and
    /// upcoming apart, and the invoices whose billed sessions now differ.
    init(
        report: BillingChangeReport, subject: String, applyURL: String, cancelURL: String,
        carried: [String: String], context: PageContext, now: Date = Date()
    ) {
        var groups: [String: Group] = [:]
        for session in report.repriced {
            let from = session.before.map { "\($0.serviceCode) \($0.amount.shown)" } ?? "—"
            let to = "\(session.after.serviceCode) \(session.after.amount.shown)"
            let key = "\(session.start > now)|\(from)|\(to)"
            groups[key] = .init(
                count: (groups[key]?.count ?? 0) + 1, from: from, to: to, upcoming: session.start > now)
        }
        self.groups = groups.values.sorted { ($0.upcoming ? 1 : 0, $0.from) < ($1.upcoming ? 1 : 0, $1.from) }
        invoices = Dictionary(grouping: report.billedDiffering, by: \.invoiceId).map { id, rows in
            Invoice(
                id: id.uuidString, number: rows[0].invoiceNumber, sessions: rows.count, canReissue: rows[0].canReissue)
        }.sorted { $0.number < $1.number }
        overridesKept = report.overridesKept.count
        estimates = report.estimatesChanged
        self.subject = subject
        self.applyURL = applyURL
        self.cancelURL = cancelURL
        self.carried = carried
        self.context = context
    }

    func render() -> String {
        var lines = groups.map { group in
            "\(group.count) \(group.upcoming ? "upcoming" : "past unbilled") session\(group.count == 1 ? "" : "s") will change from \(group.from) to \(group.to)."
        }
        if overridesKept > 0 {
            lines.append("\(overridesKept) session\(overridesKept == 1 ? " keeps its" : "s keep their") typed fee.")
        }
        return ChangePreview.render(
            subject: subject, lines: lines, nothing: "No unbilled session changes price.", applyURL: applyURL,
            cancelURL: cancelURL, carried: carried, context: context
        ) {
            if !estimates.isEmpty {
                Markup.element("fieldset", class: "estimates-changed") {
                    Markup.element("legend") { Markup.text("Good Faith Estimates this makes out of date") }
                    for estimate in estimates {
                        Markup.element("p") {
                            Markup.text("\(estimate.clientName): " + estimate.changes.joined(separator: "; ") + ".")
                        }
                    }
                    Markup.element("label", class: "check") {
                        Markup.void("input", [("type", "checkbox"), ("name", "reestimate"), ("value", "true"), ("checked", "")])
                        Markup.text(
                            estimates.count == 1
                                ? "Give the client a new estimate with the change" : "Give each client a new estimate with the change")
                    }
                }
            }
            if !invoices.isEmpty {
                Markup.element("fieldset") {
                    Markup.element("legend") { Markup.text("Invoiced sessions that now differ") }
                    for invoice in invoices {
                        Markup.element("label", class: "check") {
                            Markup.void(
                                "input",
                                [
                                    ("type", "checkbox"), ("name", "reissue"), ("value", invoice.id),
                                    ("checked", invoice.canReissue ? "" : nil),
                                    ("disabled", invoice.canReissue ? nil : ""),
                                ])
                            Markup.text(
                                "Re-issue invoice #\(invoice.number) (\(invoice.sessions) session\(invoice.sessions == 1 ? "" : "s")) at the new price"
                            )
                            if !invoice.canReissue {
                                Markup.element("span", class: "muted") {
                                    Markup.text(" — has payments; unapply them first")
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
