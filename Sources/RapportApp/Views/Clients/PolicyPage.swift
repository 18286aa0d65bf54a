import Foundation
import RapportCore

/// A client's policy: a new one, or one to change, with its prior authorizations and how many of
/// their visits are used.
struct PolicyPage {
    let clientID: UUID
    let clientName: String
    /// Nil for a new policy.
    let policy: PolicyDetails?
    let payers: [PayerDetails]
    let form: FormState
    let authorizationForm: FormState
    let notice: String?
    let context: PageContext

    init(
        clientID: UUID, clientName: String, policy: PolicyDetails?, payers: [PayerDetails], form: FormState?,
        authorizationForm: FormState? = nil, notice: String? = nil, context: PageContext
    ) {
        self.clientID = clientID
        self.clientName = clientName
        self.policy = policy
        self.payers = payers
        self.form =
            form ?? FormState(values: policy.map(PolicyForms.values) ?? ["rank": "primary", "relationship": "self"])
        self.authorizationForm = authorizationForm ?? FormState(idPrefix: "auth-")
        self.notice = notice
        self.context = context
    }

    private var base: String { "/clients/\(clientID)/policies" }

    /// Active payers, and the policy's own even when it has since been made inactive.
    private var payerOptions: [(value: String, title: String)] {
        payers.filter { $0.active || $0.id == policy?.payerId }.map { ($0.id.uuidString, "\($0.name) · \($0.payerId)") }
    }

    func render() -> String {
        let title = policy.map { "\($0.payerName) policy" } ?? "New policy"
        return Layout.render(title: "\(title) · \(clientName)", context: context) {
            Markup.element("div", class: "card") {
                Markup.link("← Billing and Insurance", to: "/clients/\(clientID)/edit?tab=billing", class: "back")
                Markup.element("h1") { Markup.text("\(title) · \(clientName)") }
                if let notice { Markup.element("p", class: "notice", [("role", "status")]) { Markup.text(notice) } }
                if payerOptions.isEmpty {
                    Markup.element("p", class: "form-error", [("role", "alert")]) {
                        Markup.text("No payers yet: add the insurer in Settings → Payers first.")
                    }
                }
                if let problem = form.errors["_form"] {
                    Markup.element("p", class: "form-error", [("role", "alert")]) { Markup.text(problem) }
                }
                Markup.form(action: policy.map { "\(base)/\($0.id)" } ?? base, method: .post, class: "stack") {
                    FormField.csrf(context.csrf)
                    PolicyForms.fields(form, payers: payerOptions)
                    FormField.submit(policy == nil ? "Add policy" : "Save policy")
                }
            }
            if let policy {
                authorizations(policy)
                Markup.form(action: "\(base)/\(policy.id)/delete", method: .post, class: "card") {
                    FormField.csrf(context.csrf)
                    Markup.element("p", class: "hint") {
                        Markup.text(
                            "Entered by mistake? Remove it with its authorizations. A policy that ended keeps its history: give it its last day above instead."
                        )
                    }
                    FormField.submit("Remove policy", class: "button danger")
                }
            }
        }
    }

    private func authorizations(_ policy: PolicyDetails) -> Component {
        let format = DisplayFormat()
        return Markup.element("section", class: "card", [("aria-labelledby", "authorizations-heading")]) {
            Markup.element("h2", [("id", "authorizations-heading")]) { Markup.text("Prior authorizations") }
            if policy.authorizations.isEmpty {
                Markup.element("p", class: "muted") { Markup.text("None recorded.") }
            } else {
                Markup.element("table", class: "list") {
                    Markup.element("thead") {
                        Markup.element("tr") {
                            for title in ["Number", "Dates", "Visits", ""] { Markup.element("th") { Markup.text(title) } }
                        }
                    }
                    Markup.element("tbody") {
                        for authorization in policy.authorizations {
                            Markup.element("tr") {
                                Markup.element("td") { Markup.text(authorization.number) }
                                Markup.element("td") {
                                    Markup.text(
                                        "\(format.date(authorization.startsOn)) – \(format.date(authorization.endsOn))")
                                }
                                Markup.element("td") { Markup.text(PolicyText.visits(authorization)) }
                                Markup.element("td") {
                                    Markup.form(
                                        action: "\(base)/\(policy.id)/authorizations/\(authorization.id)/delete",
                                        method: .post, class: "inline-form"
                                    ) {
                                        FormField.csrf(context.csrf)
                                        FormField.submit("Remove", class: "button")
                                    }
                                }
                            }
                        }
                    }
                }
            }
            Markup.form(action: "\(base)/\(policy.id)/authorizations", method: .post, class: "inline-form") {
                FormField.csrf(context.csrf)
                FormField.input("Authorization number", name: "number", form: authorizationForm)
                FormField.input(
                    "Visits", name: "visits", form: authorizationForm, extra: [("inputmode", "numeric")])
                FormField.input("From", name: "startsOn", form: authorizationForm, type: "date")
                FormField.input("Until", name: "endsOn", form: authorizationForm, type: "date")
                FormField.submit("Add authorization", class: "button")
            }
        }
    }
}
