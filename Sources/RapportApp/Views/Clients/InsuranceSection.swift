import Foundation
import RapportCore

/// The Billing and Insurance tab's Insurance: the client's policies, primary first, each with what
/// the client pays and how far its authorizations have gone, and a link to add one.
struct InsuranceSection {
    let clientID: UUID
    let policies: [PolicyDetails]
    let today: LocalDate
    /// The client pays for their sessions themselves although insured.
    let selfPay: Bool
    let csrf: String
    /// The self-pay choice as just sent, with its problem, when it was refused.
    var form: FormState?

    var body: Component {
        Markup.element("section", [("aria-labelledby", "insurance-heading")]) {
            Markup.element("h2", [("id", "insurance-heading")]) { Markup.text("Insurance") }
            if policies.isEmpty {
                Markup.element("p", class: "muted") { Markup.text("No policies: sessions bill the client.") }
            } else {
                Markup.element("table", class: "list policies") {
                    Markup.element("thead") {
                        Markup.element("tr") {
                            for title in ["Rank", "Payer", "Member ID", "Dates", "Client pays", "Authorizations", ""] {
                                Markup.element("th") { Markup.text(title) }
                            }
                        }
                    }
                    Markup.element("tbody") {
                        for policy in policies { row(policy) }
                    }
                }
            }
            Markup.link("Add a policy", to: "/clients/\(clientID)/policies/new", class: "button")
            Markup.form(action: "/clients/\(clientID)/self-pay", method: .post, class: "inline-form") {
                FormField.csrf(csrf)
                FormField.select(
                    "Sessions bill", name: "selfPay",
                    form: form ?? FormState(values: ["selfPay": selfPay ? "true" : "false"]),
                    options: [
                        ("false", "Their insurance, when a policy covers the session"),
                        ("true", "The client (self-pay), even when insured"),
                    ])
                FormField.submit("Set who pays", class: "button")
            }
        }
    }

    private func row(_ policy: PolicyDetails) -> Component {
        Markup.element("tr", [("data-rank", policy.rank)]) {
            Markup.element("td") { Markup.text(policy.rank.capitalized) }
            Markup.element("td") { Markup.text(policy.payerName) }
            Markup.element("td") {
                Markup.text(policy.memberId + (policy.groupNumber.map { " · group \($0)" } ?? ""))
            }
            Markup.element("td") { Markup.text(PolicyText.dates(policy, today: today)) }
            Markup.element("td") { Markup.text(PolicyText.costShare(policy)) }
            Markup.element("td") {
                Markup.text(
                    policy.authorizations.isEmpty ? "—" : policy.authorizations.map(PolicyText.use).joined(separator: "; "))
            }
            Markup.element("td") { Markup.link("Edit", to: "/clients/\(clientID)/policies/\(policy.id)") }
        }
    }
}

/// A policy's facts in words, as the tab and the policy page show them.
enum PolicyText {
    /// "In force since Jan 1, 2026", "Ended Dec 31, 2025", "Starts Mar 1, 2027".
    static func dates(_ policy: PolicyDetails, today: LocalDate) -> String {
        let format = DisplayFormat()
        if policy.effectiveFrom > today { return "Starts \(format.date(policy.effectiveFrom))" }
        if let end = policy.effectiveTo, end < today { return "Ended \(format.date(end))" }
        return "In force since \(format.date(policy.effectiveFrom))"
            + (policy.effectiveTo.map { ", until \(format.date($0))" } ?? "")
    }

    /// "Copay $20.00 · coinsurance 20% · deductible left $500.00", or that none is recorded.
    static func costShare(_ policy: PolicyDetails) -> String {
        let parts =
            [
                policy.copay.map { "Copay \($0.shown)" },
                policy.coinsurancePercent.map { "coinsurance \($0)%" },
                policy.deductibleRemaining.map { "deductible left \($0.shown)" },
            ].compactMap { $0 }
        return parts.isEmpty ? "Nothing recorded" : parts.joined(separator: " · ")
    }

    /// "A123: 3 of 12 used, 2 booked, 7 left".
    static func use(_ authorization: AuthorizationDetails) -> String {
        "\(authorization.number): \(visits(authorization))"
    }

    /// "3 of 12 used, 2 booked, 7 left", or "… 1 over" when more are booked than allowed.
    static func visits(_ authorization: AuthorizationDetails) -> String {
        let left =
            authorization.visitsRemaining < 0
            ? "\(-authorization.visitsRemaining) over" : "\(authorization.visitsRemaining) left"
        return
            "\(authorization.visitsUsed) of \(authorization.visits) used, \(authorization.visitsScheduled) booked, \(left)"
    }
}
