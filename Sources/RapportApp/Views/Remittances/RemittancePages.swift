import Foundation
import RapportCore

/// Billing → Remittances: the upload (paste or choose the payer's 835), Needs attention, and the
/// payments posted.
struct RemittanceListPage {
    let remittances: [RemittanceSummary]
    let exceptions: [RemittanceExceptionEntry]
    let form: FormState
    /// The decision form of the exception a refused decision was for, with why beside its field.
    var resolving: (id: UUID, form: FormState)? = nil
    let notice: String?
    let canPost: Bool
    let context: PageContext

    func render() -> String {
        let format = DisplayFormat()
        return Layout.render(title: "Remittances", context: context) {
            Markup.element("div", class: "page-head") {
                Markup.element("h1") { Markup.text("Remittances") }
                Markup.element("div", class: "actions") {
                    Markup.link("Claims", to: "/billing/claims", class: "button")
                    Markup.link("Invoices", to: "/invoices", class: "button")
                }
            }
            if let notice { Markup.element("p", class: "notice", [("role", "status")]) { Markup.text(notice) } }
            if canPost {
                Markup.form(action: "/billing/remittances/preview", method: .post, class: "stack card") {
                    FormField.csrf(context.csrf)
                    Markup.element("h2") { Markup.text("Upload an 835") }
                    FormField.row(
                        "835 file", name: "x12", form: form,
                        hint: "Choose the file your clearinghouse gave you, or paste its text. Nothing is posted before you review it."
                    ) {
                        Markup.void("input", [("type", "file"), ("id", "x12-file"), ("accept", ".835,.txt,.edi,.x12"),
                                              ("data-fills", form.id("x12")), ("aria-label", "Read its text from a file")])
                        Markup.element(
                            "textarea",
                            [
                                ("id", form.id("x12")), ("name", "x12"), ("rows", "6"), ("spellcheck", "false"),
                                ("aria-invalid", form.errors["x12"] == nil ? nil : "true"),
                                ("aria-describedby", form.errors["x12"] == nil ? nil : form.errorID("x12")),
                            ]
                        ) { Markup.text(form["x12"]) }
                    }
                    Markup.element("div", class: "actions") { FormField.submit("Review") }
                }
            }
            Markup.element("section", class: "card", [("aria-labelledby", "attention-heading")]) {
                Markup.element("h2", [("id", "attention-heading")]) { Markup.text("Needs attention") }
                if exceptions.isEmpty {
                    Markup.element("p", class: "muted") { Markup.text("Nothing: every payment posted was explained.") }
                } else {
                    Markup.element("table", class: "list remittance-exceptions") {
                        Markup.element("thead") {
                            Markup.element("tr") {
                                for title in ["Payment", "Claim", "Amount", "What Rapport saw"] + (canPost ? ["Decide"] : []) {
                                    Markup.element("th") { Markup.text(title) }
                                }
                            }
                        }
                        Markup.element("tbody") {
                            for exception in exceptions {
                                Markup.element("tr") {
                                    Markup.element("td") {
                                        Markup.link(
                                            "\(exception.payerName) \(exception.traceNumber)",
                                            to: "/billing/remittances/\(exception.remittanceId)")
                                    }
                                    Markup.element("td") {
                                        if let id = exception.claimId, let number = exception.claimNumber {
                                            Markup.link("#\(number)", to: "/billing/claims/\(id)")
                                        } else {
                                            Markup.text(exception.patientControlNumber ?? "—")
                                        }
                                    }
                                    Markup.element("td", class: "money") { Markup.text(exception.amount.shown) }
                                    Markup.element("td") { Markup.text(exception.description) }
                                    if canPost { Markup.element("td") { decision(exception) } }
                                }
                            }
                        }
                    }
                }
            }
            Markup.element("section", class: "card", [("aria-labelledby", "posted-heading")]) {
                Markup.element("h2", [("id", "posted-heading")]) { Markup.text("Posted") }
                if remittances.isEmpty {
                    Markup.element("p", class: "muted") { Markup.text("No remittance posted yet.") }
                } else {
                    Markup.element("table", class: "list remittances") {
                        Markup.element("thead") {
                            Markup.element("tr") {
                                for title in ["Payment", "Paid on", "Amount", "Claims", "Needs attention", "Posted"] {
                                    Markup.element("th") { Markup.text(title) }
                                }
                            }
                        }
                        Markup.element("tbody") {
                            for remittance in remittances {
                                Markup.element("tr") {
                                    Markup.element("td") {
                                        Markup.link(
                                            "\(remittance.payerName) \(remittance.traceNumber)",
                                            to: "/billing/remittances/\(remittance.id)")
                                    }
                                    Markup.element("td") { Markup.text(remittance.paidOn.map(format.date) ?? "") }
                                    Markup.element("td", class: "money") { Markup.text(remittance.payment.shown) }
                                    Markup.element("td") { Markup.text("\(remittance.claimsPosted)") }
                                    Markup.element("td") { Markup.text("\(remittance.openExceptions)") }
                                    Markup.element("td") {
                                        Markup.text(
                                            (remittance.postedOn.map { "\(format.date($0)) " } ?? "") + "by \(remittance.postedBy)")
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

extension RemittanceListPage {
    /// What a person decides on an exception: post it to the claim they name, or keep, refund or
    /// write off the money, saying why.
    func decision(_ exception: RemittanceExceptionEntry) -> Component {
        let form =
            resolving?.id == exception.id
            ? resolving?.form ?? FormState() : FormState(values: ["action": "refund"], idPrefix: "\(exception.id)-")
        return Markup.form(
            action: "/billing/remittances/exceptions/\(exception.id)/resolve", method: .post, class: "stack resolve"
        ) {
            FormField.csrf(context.csrf)
            FormField.select(
                "Decision", name: "action", form: form,
                options: [
                    ("matchClaim", "Post to claim #"), ("unappliedPayment", "Keep as unapplied payment"),
                    ("refund", "Refund to the payer"), ("writeOff", "Write off"),
                ])
            FormField.input("Claim #", name: "claimNumber", form: form, hint: "To post it to a claim")
            FormField.input("Reason", name: "reason", form: form)
            FormField.submit("Resolve", class: "button")
        }
    }
}

/// One remittance: what reviewing an upload shows before Post, and what a posted one did.
struct RemittancePage {
    let details: RemittanceDetails
    /// The file, carried to Post when this is a review.
    let x12: String?
    let notice: String?
    let context: PageContext

    func render() -> String {
        let format = DisplayFormat()
        let title = "\(details.payerName) payment \(details.traceNumber)"
        return Layout.render(title: title, context: context) {
            Markup.link("← Remittances", to: "/billing/remittances", class: "back")
            Markup.element("h1") { Markup.text(details.posted ? title : "Review \(title)") }
            if let notice { Markup.element("p", class: "notice", [("role", "status")]) { Markup.text(notice) } }
            Markup.element("p", class: "remittance-summary") {
                Markup.text(
                    "\(details.payment.shown) by \(details.paymentMethod)"
                        + (details.paidOn.map { " on \(format.date($0))" } ?? "")
                        + (details.posted ? ", posted by \(details.postedBy ?? "")." : ". Nothing is posted until you choose Post."))
            }
            if details.claims.isEmpty {
                Markup.element("p", class: "muted") { Markup.text("No claim payment in it posts.") }
            } else {
                Markup.element("table", class: "list remittance-claims") {
                    Markup.element("thead") {
                        Markup.element("tr") {
                            for title in ["Claim", "Client", "Payer", "Paid", "Written off", "Client owes", "Status", "Adjustments"] {
                                Markup.element("th") { Markup.text(title) }
                            }
                        }
                    }
                    Markup.element("tbody") {
                        for claim in details.claims {
                            Markup.element("tr") {
                                Markup.element("td") { Markup.link("#\(claim.claimNumber)", to: "/billing/claims/\(claim.claimId)") }
                                Markup.element("td") { Markup.text(claim.clientName) }
                                Markup.element("td") { Markup.text(claim.payerStatus) }
                                Markup.element("td", class: "money") { Markup.text(claim.paid.shown) }
                                Markup.element("td", class: "money") { Markup.text(claim.writtenOff.shown) }
                                Markup.element("td", class: "money") { Markup.text(claim.patientResponsibility.shown) }
                                Markup.element("td") { Markup.text(ClaimText.status(claim.status)) }
                                Markup.element("td") {
                                    Markup.text(claim.adjustments.joined(separator: "; "))
                                    if claim.linesMatchedByDateCodeAndCharge > 0 {
                                        Markup.element("p", class: "hint") {
                                            Markup.text(
                                                "\(claim.linesMatchedByDateCodeAndCharge) line(s) not named by the payer, matched by date, code and charge")
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            for adjustment in details.providerAdjustments {
                Markup.element("p") {
                    Markup.text(
                        "Provider adjustment \(adjustment.reason)\(adjustment.reference.map { " (\($0))" } ?? ""): \(adjustment.amount.shown), to the practice, not a client.")
                }
            }
            if !details.exceptions.isEmpty {
                Markup.element("h2") { Markup.text("Needs attention") }
                Markup.element("ul", class: "remittance-problems") {
                    for exception in details.exceptions {
                        Markup.element("li") {
                            Markup.text(exception.description + (exception.resolved ? " — resolved" : ""))
                        }
                    }
                }
            }
            if let x12 {
                Markup.form(action: "/billing/remittances", method: .post, class: "stack") {
                    FormField.csrf(context.csrf)
                    FormField.hidden("x12", x12)
                    Markup.element("div", class: "actions") {
                        FormField.submit("Post")
                        Markup.link("Cancel", to: "/billing/remittances", class: "button")
                    }
                }
            }
        }
    }
}
