import Foundation
import RapportCore

/// Billing → Claims: every claim with its status and payer, filters, and Send ready claims.
struct ClaimListPage {
    let claims: [ClaimDetails]
    let payers: [PayerDetails]
    /// Sent claims waiting longer than the practice's follow-up days, and those days.
    let followUp: (days: Int, claims: [ClaimFollowUp])
    let filters: FormState
    let notice: String?
    let problem: String?
    let context: PageContext

    func render() -> String {
        let format = DisplayFormat()
        let ready = claims.filter { $0.status == "ready" }.count
        return Layout.render(title: "Claims", context: context) {
            Markup.element("div", class: "page-head") {
                Markup.element("h1") { Markup.text("Claims") }
                Markup.element("div", class: "actions") {
                    Markup.link("Batches", to: "/billing/claim-batches", class: "button")
                    Markup.link("Remittances", to: "/billing/remittances", class: "button")
                    Markup.link("Invoices", to: "/invoices", class: "button")
                }
            }
            if let notice { Markup.element("p", class: "notice", [("role", "status")]) { Markup.text(notice) } }
            if let problem { Markup.element("p", class: "form-error", [("role", "alert")]) { Markup.text(problem) } }
            Markup.form(action: "/billing/claims/send", method: .post, class: "inline-form") {
                FormField.csrf(context.csrf)
                Markup.element("p", class: "hint") {
                    Markup.text(
                        "Sends every ready claim to the clearinghouse: one 837 file per payer. Drafts stay until what they need is fixed."
                    )
                }
                FormField.submit(ready == 0 ? "Send ready claims" : "Send ready claims (\(ready) shown)")
            }
            if !followUp.claims.isEmpty {
                Markup.element("section", class: "card", [("aria-labelledby", "follow-up-heading")]) {
                    Markup.element("h2", [("id", "follow-up-heading")]) {
                        Markup.text("Follow up: no answer after \(followUp.days) days")
                    }
                    for (payer, waiting) in Dictionary(grouping: followUp.claims, by: \.payerName).sorted(by: { $0.key < $1.key }) {
                        Markup.element("h3") { Markup.text("\(payer) · \(waiting.count) claim\(waiting.count == 1 ? "" : "s")") }
                        Markup.element("ul", class: "follow-up") {
                            for claim in waiting {
                                Markup.element("li") {
                                    Markup.link("#\(claim.number)", to: "/billing/claims/\(claim.claimId)")
                                    Markup.text(
                                        " \(claim.clientName), \(claim.total.shown), sent \(format.date(claim.submittedOn)): \(claim.daysWaiting) days")
                                }
                            }
                        }
                    }
                }
            }
            Markup.form(action: "/billing/claims", method: .get, class: "inline-form filters") {
                FormField.select(
                    "Status", name: "status", form: filters,
                    options: [("", "All")] + Claims.statuses.map { ($0, ClaimText.status($0)) })
                FormField.select(
                    "Payer", name: "payerId", form: filters,
                    options: [("", "All")] + payers.map { ($0.id.uuidString, $0.name) })
                FormField.submit("Show", class: "button")
            }
            if !filters.errors.isEmpty {
                // Nothing is listed for filters that do not read: their problem is said beside them.
            } else if claims.isEmpty {
                Markup.element("p", class: "muted") {
                    Markup.text("No claims. Make them from a client's page: Create claims.")
                }
            } else {
                Markup.element("table", class: "list claims") {
                    Markup.element("thead") {
                        Markup.element("tr") {
                            for title in ["Claim", "Client", "Payer", "Dates", "Total", "Status"] {
                                Markup.element("th") { Markup.text(title) }
                            }
                        }
                    }
                    Markup.element("tbody") {
                        for claim in claims {
                            Markup.element("tr", [("data-status", claim.status)]) {
                                Markup.element("td") { Markup.link("#\(claim.number)", to: "/billing/claims/\(claim.id)") }
                                Markup.element("td") { Markup.text(claim.clientName) }
                                Markup.element("td") { Markup.text(claim.payerName) }
                                Markup.element("td") { Markup.text(ClaimText.dates(claim, format: format)) }
                                Markup.element("td", class: "money") { Markup.text(claim.total.shown) }
                                Markup.element("td") {
                                    Markup.text(
                                        ClaimText.status(claim.status)
                                            + (claim.problems.isEmpty ? "" : " (\(claim.problems.count) to fix)"))
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// One claim: who, what, the lines, and — while it is a draft — each problem with where to fix it.
struct ClaimPage {
    let claim: ClaimDetails
    let notice: String?
    let problem: String?
    /// The void / corrected claim form as just sent, with its problem.
    var amendForm: FormState?
    let context: PageContext

    static let sent: Set<String> = ["submitted", "paid", "partiallyPaid", "denied", "closed"]

    func render() -> String {
        let format = DisplayFormat()
        return Layout.render(title: "Claim #\(claim.number)", context: context) {
            Markup.link("← Claims", to: "/billing/claims", class: "back")
            Markup.element("h1") { Markup.text("Claim #\(claim.number) · \(ClaimText.status(claim.status))") }
            if let notice { Markup.element("p", class: "notice", [("role", "status")]) { Markup.text(notice) } }
            if let problem { Markup.element("p", class: "form-error", [("role", "alert")]) { Markup.text(problem) } }
            if !claim.problems.isEmpty {
                Markup.element("section", class: "warnings", [("aria-labelledby", "problems-heading")]) {
                    Markup.element("h2", [("id", "problems-heading")]) { Markup.text("To fix before it can be sent") }
                    Markup.element("ul", class: "claim-problems") {
                        for item in claim.problems {
                            Markup.element("li", [("data-field", item.field)]) {
                                Markup.text("\(ClaimText.field(item.field)) \(item.message). ")
                                if let fixAt = item.fixAt { Markup.link("Fix it", to: fixAt) }
                            }
                        }
                    }
                }
            }
            Markup.element("dl", class: "facts card") {
                fact("Client") { Markup.link(claim.clientName, to: "/clients/\(claim.clientId)") }
                fact("Payer") { Markup.text("\(claim.payerName) (\(claim.rank))") }
                fact("Dates") { Markup.text(ClaimText.dates(claim, format: format)) }
                fact("Place of service") { Markup.text(SessionPanel.placeText(claim.placeOfService)) }
                fact("Diagnoses") {
                    Markup.text(
                        claim.diagnoses.isEmpty
                            ? "None"
                            : claim.diagnoses.enumerated().map { index, entry in
                                "\(ClaimForm.letter(index + 1)). \(entry.code)" + (entry.description.map { " \($0)" } ?? "")
                            }.joined(separator: "; "))
                }
                if let authorization = claim.priorAuthorization {
                    fact("Prior authorization") { Markup.text(authorization) }
                }
                fact("Kind") {
                    Markup.text(
                        claim.frequency.capitalized + (claim.payerClaimNumber.map { " of payer's claim \($0)" } ?? ""))
                }
                fact("Patient control number") { Markup.text(claim.patientControlNumber) }
                if let prior = claim.priorClaimId {
                    fact("Secondary to") {
                        Markup.link("the primary claim", to: "/billing/claims/\(prior)")
                        Markup.text(": it carries what that payer paid and adjusted")
                    }
                }
            }
            Markup.element("table", class: "list claim-lines") {
                Markup.element("thead") {
                    Markup.element("tr") {
                        for title in ["#", "Date", "Place", "Code", "Pointers", "Units", "Charge"] {
                            Markup.element("th") { Markup.text(title) }
                        }
                    }
                }
                Markup.element("tbody") {
                    for line in claim.lines {
                        Markup.element("tr") {
                            Markup.element("td") { Markup.text("\(line.lineNumber)") }
                            Markup.element("td") { Markup.text(format.date(line.dateOfService)) }
                            Markup.element("td") { Markup.text(line.placeOfService.description) }
                            Markup.element("td") {
                                Markup.text(([line.procedure] + line.modifiers).joined(separator: " "))
                            }
                            Markup.element("td") {
                                Markup.text(line.diagnosisPointers.map(ClaimForm.letter).joined())
                            }
                            Markup.element("td") { Markup.text("\(line.units)") }
                            Markup.element("td", class: "money") { Markup.text(line.charge.shown) }
                        }
                    }
                }
            }
            Markup.element("p") {
                Markup.text("Total \(claim.total.shown). ")
                Markup.link("Print CMS-1500", to: "/billing/claims/\(claim.id)/cms1500", class: "button")
            }
            if Self.sent.contains(claim.status), claim.frequency != "void" {
                Markup.form(action: "/billing/claims/\(claim.id)/amend", method: .post, class: "stack card") {
                    FormField.csrf(context.csrf)
                    Markup.element("h2") { Markup.text("Change a sent claim") }
                    Markup.element("p", class: "hint") {
                        Markup.text(
                            "A sent claim is never edited. Send a corrected claim made from its sessions under today's rules, or void it; either names the payer's claim number."
                        )
                    }
                    FormField.input(
                        "Payer's claim number", name: "payerClaimNumber", form: amendForm ?? FormState(),
                        hint: "As the payer's remittance gives it")
                    Markup.element("div", class: "actions") {
                        FormField.submit("Send a corrected claim", class: "button", name: "action", value: "correct")
                        FormField.submit("Void the claim", class: "button danger", name: "action", value: "void")
                    }
                }
            }
            if claim.status == "draft" || claim.status == "ready" {
                Markup.form(action: "/billing/claims/\(claim.id)/delete", method: .post, class: "card") {
                    FormField.csrf(context.csrf)
                    Markup.element("p", class: "hint") {
                        Markup.text("Not sent yet: removing it frees its sessions, which then follow the client's current rules.")
                    }
                    FormField.submit("Remove claim", class: "button danger")
                }
            }
        }
    }

    private func fact(_ term: String, @ComponentBuilder _ value: @escaping () -> ComponentGroup) -> Component {
        ComponentGroup {
            Markup.element("dt") { Markup.text(term) }
            Markup.element("dd") { value() }
        }
    }
}

/// A claim's facts in words.
enum ClaimText {
    static func status(_ status: String) -> String {
        switch status {
        case "partiallyPaid": "Partially paid"
        default: status.prefix(1).uppercased() + status.dropFirst()
        }
    }

    static func dates(_ claim: ClaimDetails, format: DisplayFormat) -> String {
        claim.dateFrom == claim.dateTo
            ? format.date(claim.dateFrom) : "\(format.date(claim.dateFrom)) – \(format.date(claim.dateTo))"
    }

    /// A claim field in staff words: `subscriber.memberId` → "Subscriber's member ID".
    static func field(_ path: String) -> String {
        let words: [String: String] = [
            "billingProvider": "Billing provider's", "rendering": "Clinician's", "payer": "Payer's",
            "subscriber": "Subscriber's", "patient": "Client's", "diagnoses": "Diagnoses", "lines": "Line",
        ]
        let parts = path.split(separator: ".").map(String.init)
        guard let head = parts.first else { return path }
        let base = head.split(separator: "[").first.map(String.init) ?? head
        let index = head.firstIndex(of: "[").map { head[$0...].dropFirst().dropLast() }.flatMap { Int($0) }
        let subject = (words[base] ?? base) + (index.map { " \($0 + 1)" } ?? "")
        let rest = parts.dropFirst().map { part in
            part.replacingOccurrences(of: "([A-Z])", with: " $1", options: .regularExpression).lowercased()
                .replacingOccurrences(of: "npi", with: "NPI").replacingOccurrences(of: " id", with: " ID")
        }
        return ([subject] + rest).joined(separator: " ")
    }
}
