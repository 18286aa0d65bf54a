import Foundation
import RapportCore

/// Billing → Claims → Batches: every 837 file sent, to download again.
struct BatchListPage {
    let batches: [ClaimBatchDetails]
    let notice: String?
    let timeZone: TimeZone
    let context: PageContext

    func render() -> String {
        let format = DisplayFormat()
        return Layout.render(title: "Claim batches", context: context) {
            Markup.link("← Claims", to: "/billing/claims", class: "back")
            Markup.element("h1") { Markup.text("Claim batches") }
            if let notice { Markup.element("p", class: "notice", [("role", "status")]) { Markup.text(notice) } }
            if batches.isEmpty {
                Markup.element("p", class: "muted") { Markup.text("Nothing sent yet: Send ready claims on Claims.") }
            } else {
                Markup.element("table", class: "list batches") {
                    Markup.element("thead") {
                        Markup.element("tr") {
                            for title in ["Control #", "Payer", "Claims", "Total", "Sent", "File"] {
                                Markup.element("th") { Markup.text(title) }
                            }
                        }
                    }
                    Markup.element("tbody") {
                        for batch in batches {
                            Markup.element("tr") {
                                Markup.element("td") { Markup.text("\(batch.controlNumber)") }
                                Markup.element("td") { Markup.text(batch.payerName) }
                                Markup.element("td") { Markup.text("\(batch.claimCount)") }
                                Markup.element("td", class: "money") { Markup.text(batch.total.shown) }
                                Markup.element("td") {
                                    Markup.text(
                                        (batch.createdAt.map { format.date(timeZone.localDate($0)) } ?? "")
                                            + " by \(batch.createdBy)")
                                }
                                Markup.element("td") {
                                    Markup.element(
                                        "a",
                                        [
                                            ("href", "/billing/claim-batches/\(batch.id)/837"),
                                            ("download", "rapport-837-\(batch.controlNumber).txt"),
                                        ]
                                    ) { Markup.text("Download 837") }
                                    if !batch.replacements.isEmpty {
                                        Markup.element("p", class: "hint") {
                                            Markup.text("Written differently: " + batch.replacements.joined(separator: "; "))
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
}

/// Settings → Clearinghouse: where claims go, and the IDs the clearinghouse gave the practice.
struct ClearinghousePage {
    let form: FormState
    let notice: String?
    let context: PageContext

    static func form(_ current: ClearinghouseDetails?) -> FormState {
        guard let current else { return FormState(values: ["production": "false"]) }
        return FormState(values: [
            "name": current.name, "receiverId": current.receiverId, "submitterId": current.submitterId,
            "submitterName": current.submitterName, "contactName": current.contactName,
            "contactPhone": current.contactPhone, "production": current.production ? "true" : "false",
        ])
    }

    static func input(from values: [String: String]) -> ClearinghouseInput {
        ClearinghouseInput(
            name: values["name"], receiverId: values["receiverId"], submitterId: values["submitterId"],
            submitterName: values["submitterName"], contactName: values["contactName"],
            contactPhone: values["contactPhone"], production: values["production"] == "true")
    }

    func render() -> String {
        Layout.render(title: "Clearinghouse", context: context) {
            Markup.link("← Settings", to: "/settings", class: "back")
            Markup.element("h1") { Markup.text("Clearinghouse") }
            Markup.element("p", class: "muted") {
                Markup.text("Where claims are sent as 837 files, with the IDs your clearinghouse gave the practice.")
            }
            if let notice { Markup.element("p", class: "notice", [("role", "status")]) { Markup.text(notice) } }
            Markup.form(action: "/settings/clearinghouse", method: .post, class: "stack card") {
                FormField.csrf(context.csrf)
                Markup.element("div", class: "form-grid") {
                    FormField.input("Clearinghouse", name: "name", form: form, hint: "Such as Availity")
                    FormField.input("Receiver ID", name: "receiverId", form: form, hint: "The clearinghouse's own ID")
                    FormField.input("Submitter ID", name: "submitterId", form: form, hint: "The ID it gave the practice")
                    FormField.input("Submitter name", name: "submitterName", form: form)
                    FormField.input("Contact name", name: "contactName", form: form)
                    FormField.input("Contact phone", name: "contactPhone", form: form, type: "tel")
                    FormField.select(
                        "Files are", name: "production", form: form,
                        options: [("false", "Tests (until the clearinghouse says otherwise)"), ("true", "Production")])
                }
                FormField.submit("Save clearinghouse")
            }
        }
    }
}
