import Plot

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
    let context: PageContext

    func render() -> String {
        Layout.render(title: "Billing and Insurance · \(clientName)", context: context) {
            Div {
                Markup.link("← \(clientName)", to: "/clients/\(clientID)", class: "back")
                H1 { Markup.text("Edit client info") }
                EditTabs.render(clientID: clientID, active: "billing")
                Markup.element("section", [("aria-labelledby", "service-code-heading")]) {
                    Markup.element("h2", [("id", "service-code-heading")]) { Markup.text("Service Code") }
                    Paragraph {
                        Markup.text(
                            "Sessions that are not billed yet follow these settings — past and upcoming, repeating or not. You will see what changes before saving."
                        )
                    }.class("hint")
                    if let problem = form.errors["_form"] {
                        Markup.element("p", [("class", "form-error"), ("role", "alert")]) { Markup.text(problem) }
                    }
                    Form(url: "/clients/\(clientID)/billing/preview", method: .post, enableValidation: false) {
                        FormField.csrf(context.csrf)
                        FormField.select(
                            "Default service", name: "defaultServiceId", form: form,
                            options: [("", "The practice's default")]
                                + services.map { ($0.id, "\($0.code) · \($0.description)") })
                        Markup.element("table", [("class", "list fees")]) {
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
                                        Markup.element("td", [("class", "money")]) { Markup.text(service.rate) }
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
                    }.class("stack")
                }
                if !history.isEmpty {
                    Markup.element("details", [("class", "history")]) {
                        Markup.element("summary") { Markup.text("Fee history") }
                        Markup.element("ul") { for line in history { Markup.element("li") { Markup.text(line) } } }
                    }
                }
            }.class("card")
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

    let clientID: String
    let clientName: String
    let groups: [Group]
    let overridesKept: Int
    let invoices: [Invoice]
    let carried: [String: String]
    let context: PageContext

    func render() -> String {
        Layout.render(title: "Review changes · \(clientName)", context: context) {
            Div {
                H1 { Markup.text("Review the change for \(clientName)") }
                Markup.element("div", [("class", "preview"), ("role", "status")]) {
                    if groups.isEmpty {
                        Paragraph { Markup.text("No unbilled session changes price.") }
                    }
                    for group in groups {
                        Paragraph {
                            Markup.text(
                                "\(group.count) \(group.upcoming ? "upcoming" : "past unbilled") session\(group.count == 1 ? "" : "s") will change from \(group.from) to \(group.to)."
                            )
                        }.class("preview-line")
                    }
                    if overridesKept > 0 {
                        Paragraph {
                            Markup.text(
                                "\(overridesKept) session\(overridesKept == 1 ? " keeps its" : "s keep their") typed fee."
                            )
                        }
                    }
                }
                Form(url: "/clients/\(clientID)/billing/apply", method: .post, enableValidation: false) {
                    FormField.csrf(context.csrf)
                    for (name, value) in carried.sorted(by: { $0.key < $1.key }) { FormField.hidden(name, value) }
                    if !invoices.isEmpty {
                        FieldSet {
                            Markup.element("legend") { Markup.text("Invoiced sessions that now differ") }
                            for invoice in invoices {
                                Markup.element("label", [("class", "check")]) {
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
                                        Span { Markup.text(" — has payments; unapply them first") }.class("muted")
                                    }
                                }
                            }
                        }
                    }
                    Div {
                        FormField.submit("Confirm")
                        Markup.link("Cancel", to: "/clients/\(clientID)/edit?tab=billing", class: "button")
                    }.class("actions")
                }.class("stack")
            }.class("card narrow-wide")
        }
    }
}
