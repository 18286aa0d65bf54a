import Foundation
import RapportCore

/// A client's Good Faith Estimates: each version, what no longer matches the current one, and
/// Make an estimate.
struct GoodFaithEstimateListPage {
    let clientID: UUID
    let clientName: String
    let estimates: [GoodFaithEstimateDetails]
    let form: FormState
    let context: PageContext

    func render() -> String {
        let format = DisplayFormat()
        return Layout.render(title: "Good Faith Estimates", context: context) {
            Markup.link("← \(clientName)", to: "/clients/\(clientID)", class: "back")
            Markup.element("h1") { Markup.text("Good Faith Estimates") }
            Markup.element("p", class: "muted") {
                Markup.text(
                    "What this client can expect to pay for the sessions booked for them, as the No Surprises Act requires for clients who pay for themselves.")
            }
            if let current = estimates.first(where: \.current), !current.changes.isEmpty {
                Markup.element("section", class: "warnings", [("aria-label", "Estimate out of date")]) {
                    Markup.element("h2") { Markup.text("The current estimate no longer matches") }
                    Markup.element("ul") { for change in current.changes { Markup.element("li") { Markup.text(change) } } }
                    if let due = current.revisionDue {
                        Markup.element("p") { Markup.text("A new estimate is due by \(format.date(due)).") }
                    }
                }
            }
            Markup.form(action: "/clients/\(clientID)/good-faith-estimates", method: .post, class: "stack card") {
                FormField.csrf(context.csrf)
                Markup.element("h2") { Markup.text("Make an estimate") }
                if let problem = form.errors["_form"] {
                    Markup.element("p", class: "form-error", [("role", "alert")]) { Markup.text(problem) }
                }
                FormField.select(
                    "Period", name: "periodMonths", form: form,
                    options: (1...12).reversed().map { ("\($0)", $0 == 1 ? "1 month from today" : "\($0) months from today") })
                FormField.select(
                    "Why", name: "requested", form: form,
                    options: [("false", "Sessions were scheduled"), ("true", "The client asked for one")])
                FormField.submit("Make estimate")
            }
            if estimates.isEmpty {
                Markup.element("p", class: "muted") { Markup.text("No estimate given yet.") }
            } else {
                Markup.element("table", class: "list estimates") {
                    Markup.element("thead") {
                        Markup.element("tr") {
                            for title in ["Version", "Given", "Period", "Total", ""] {
                                Markup.element("th") { Markup.text(title) }
                            }
                        }
                    }
                    Markup.element("tbody") {
                        for estimate in estimates {
                            Markup.element("tr") {
                                Markup.element("td") {
                                    Markup.link("Version \(estimate.version)", to: "/good-faith-estimates/\(estimate.id)")
                                }
                                Markup.element("td") { Markup.text(format.date(estimate.issuedOn)) }
                                Markup.element("td") {
                                    Markup.text(
                                        "\(format.date(estimate.estimate.periodStart)) to \(format.date(estimate.estimate.periodEnd))")
                                }
                                Markup.element("td", class: "money") { Markup.text(estimate.estimate.total.shown) }
                                Markup.element("td") {
                                    Markup.text(estimate.current ? (estimate.changes.isEmpty ? "Current" : "Out of date") : "Replaced")
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// One estimate as the client keeps it: letter size, everything the rule requires on it.
struct GoodFaithEstimatePage {
    let details: GoodFaithEstimateDetails
    let context: PageContext

    func render() -> String {
        let format = DisplayFormat()
        let estimate = details.estimate
        return Layout.render(title: "Good Faith Estimate", context: context) {
            Markup.link("← Estimates", to: "/clients/\(details.clientId)/good-faith-estimates", class: "back no-print")
            Markup.element("div", class: "card printable") {
                Markup.element("h1") { Markup.text("Good Faith Estimate") }
                if !details.current {
                    Markup.element("p", class: "form-error") { Markup.text("Replaced by a newer estimate.") }
                }
                Markup.element("dl", class: "facts") {
                    for (term, value) in [
                        ("Client", estimate.clientName),
                        ("Date of birth", estimate.clientDateOfBirth.map { format.date($0) } ?? "—"),
                        ("Primary service", estimate.primaryService),
                        ("First scheduled", estimate.primaryServiceDate.map { format.date($0) } ?? "Not scheduled yet"),
                        ("Period", "\(format.date(estimate.periodStart)) to \(format.date(estimate.periodEnd))"),
                        ("Given", "\(format.date(details.issuedOn)) (version \(details.version))"),
                    ] {
                        Markup.element("dt") { Markup.text(term) }
                        Markup.element("dd") { Markup.text(value) }
                    }
                }
                for provider in estimate.providers { Self.provider(provider) }
                for charges in details.charges where charges.disputable {
                    Markup.element("p", class: "form-error no-print", [("role", "alert")]) {
                        Markup.text(GoodFaithEstimates.overWords(charges))
                    }
                }
                Markup.element("dl", class: "totals") {
                    Markup.element("dt") { Markup.text("Total estimated charges") }
                    Markup.element("dd", [("id", "estimate-total")]) { Markup.text(estimate.total.shown) }
                }
                Markup.element("section", class: "disclaimers", [("aria-label", "Disclaimers")]) {
                    for disclaimer in details.disclaimers { Markup.element("p") { Markup.text(disclaimer) } }
                }
            }
        }
    }

    private static func provider(_ provider: GoodFaithEstimate.Provider) -> Component {
        Markup.element("section", class: "estimate-provider") {
            Markup.element("h2") { Markup.text(provider.name) }
            Markup.element("p", class: "muted") {
                Markup.text(
                    [
                        provider.npi.map { "NPI \($0)" }, provider.taxID.map { "Tax ID \($0)" },
                        provider.location.map { "\($0.line1), \($0.city), \($0.state) \($0.zip)" },
                    ].compactMap { $0 }.joined(separator: " · "))
            }
            Markup.element("table", class: "list") {
                Markup.element("thead") {
                    Markup.element("tr") {
                        for title in ["Service", "Code", "Diagnoses", "How often", "Sessions", "Each", "Expected"] {
                            Markup.element("th") { Markup.text(title) }
                        }
                    }
                }
                Markup.element("tbody") {
                    for item in provider.items {
                        Markup.element("tr") {
                            Markup.element("td") { Markup.text(item.description) }
                            Markup.element("td") { Markup.text(item.serviceCode) }
                            Markup.element("td") { Markup.text(item.diagnosisCodes.joined(separator: ", ")) }
                            Markup.element("td") { Markup.text(item.frequency ?? "Once") }
                            Markup.element("td") { Markup.text("\(item.sessions)") }
                            Markup.element("td", class: "money") { Markup.text(item.charge.shown) }
                            Markup.element("td", class: "money") { Markup.text(item.total.shown) }
                        }
                    }
                }
            }
            Markup.element("p", class: "provider-total") { Markup.text("Total for \(provider.name): \(provider.total.shown)") }
        }
    }
}

/// Billing → Estimates due: who needs a Good Faith Estimate, why, and by when.
struct EstimatesDuePage {
    let due: [GoodFaithEstimateDue]
    let today: LocalDate
    let context: PageContext

    func render() -> String {
        let format = DisplayFormat()
        return Layout.render(title: "Estimates due", context: context) {
            Markup.element("h1") { Markup.text("Good Faith Estimates due") }
            Markup.element("p", class: "muted") {
                Markup.text(
                    "Clients who pay for themselves with sessions booked: an estimate is due 1 business day after booking a session 3 or more business days away (3 business days for one 10 or more away); a changed one, the business day before the next session.")
            }
            if due.isEmpty {
                Markup.element("p", class: "muted") { Markup.text("None: every estimate is given and still holds.") }
            } else {
                Markup.element("table", class: "list estimates-due") {
                    Markup.element("thead") {
                        Markup.element("tr") {
                            for title in ["Client", "Why", "Next session", "Due by"] { Markup.element("th") { Markup.text(title) } }
                        }
                    }
                    Markup.element("tbody") {
                        for entry in due {
                            Markup.element("tr", class: entry.late ? "late" : nil) {
                                Markup.element("td") {
                                    Markup.link(entry.clientName, to: "/clients/\(entry.clientId)/good-faith-estimates")
                                }
                                Markup.element("td") { Markup.text(entry.reason) }
                                Markup.element("td") { Markup.text(format.date(entry.nextSession)) }
                                Markup.element("td") {
                                    if entry.kind == "overEstimate" {
                                        Markup.text("—")
                                    } else {
                                        Markup.text(
                                            entry.dueOn.map { format.date($0) + (entry.late ? " — late" : "") }
                                                ?? "Not required (fewer than 3 business days ahead)")
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
