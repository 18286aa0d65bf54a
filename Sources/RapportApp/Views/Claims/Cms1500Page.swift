import Foundation
import RapportCore

/// The CMS-1500 (02/12) health insurance claim form, laid out box by box as the paper form is:
/// the carrier block, the patient and insured (boxes 1–13), the physician or supplier (14–23), six
/// service lines (24A–J) a page — more pages as needed, the total on the last — and 25–33.
struct Cms1500Page {
    let form: ClaimForm
    var context: PageContext?

    static let linesPerPage = 6

    func render() -> String {
        let pages = stride(from: 0, to: max(form.lines.count, 1), by: Self.linesPerPage).map {
            Array(form.lines[$0..<min($0 + Self.linesPerPage, form.lines.count)])
        }
        return Layout.render(title: "CMS-1500 · claim #\(form.number)", context: context) {
            Markup.element("p", class: "no-print") {
                Markup.text("Letter size: print at 100%. ")
                Markup.link("← Claim #\(form.number)", to: "/billing/claims/\(form.id)", class: "back")
            }
            for (index, lines) in pages.enumerated() {
                page(lines, number: index + 1, of: pages.count)
            }
        }
    }

    private func page(_ lines: [ClaimForm.Line], number: Int, of count: Int) -> Component {
        Markup.element("section", class: "cms1500", [("aria-label", "CMS-1500 page \(number) of \(count)")]) {
            Markup.element("div", class: "cms-carrier") {
                Markup.element("strong") { Markup.text("HEALTH INSURANCE CLAIM FORM") }
                Markup.element("span") { Markup.text("Approved by NUCC 02/12 · page \(number) of \(count)") }
                Markup.element("div", class: "cms-payer") {
                    Markup.text(
                        ([form.payerName] + (form.payerAddress.map { [$0.street, "\($0.city), \($0.state) \($0.zip)"] } ?? []))
                            .joined(separator: " · "))
                }
            }
            Markup.element("div", class: "cms-grid") {
                box("1", "Insurance type", form.insuranceType, wide: 2)
                box("1a", "Insured's ID number", form.insuredID, wide: 2)
                box("2", "Patient's name", form.patientName, wide: 2)
                box("3", "Patient's birth date, sex", "\(form.patientBirthDate)  \(form.patientSex)")
                box("4", "Insured's name", form.insuredName)
                box("5", "Patient's address", address(form.patientAddress) + phone(form.patientPhone), wide: 2)
                box("6", "Patient relationship to insured", form.relationship)
                box("7", "Insured's address", address(form.insuredAddress))
                box("8", "Reserved for NUCC use", "")
                box("9", "Other insured's name", form.otherInsuredName ?? "")
                box("9a", "Other insured's policy or group", form.otherGroup ?? "")
                box("9d", "Other insurance plan name", form.otherPlan ?? "")
                box("10a–c", "Condition related to employment, auto accident, other accident", "No · No · No", wide: 2)
                box("11", "Insured's policy group", form.insuredGroup)
                box("11a", "Insured's birth date, sex", "\(form.insuredBirthDate)  \(form.insuredSex)")
                box("11c", "Insurance plan name", form.planName)
                box("11d", "Another health benefit plan?", form.hasOtherPlan ? "Yes" : "No")
                box("12", "Patient's signature", "Signature on file", wide: 2)
                box("13", "Insured's signature", "Signature on file", wide: 2)
                box("14–20", "Dates, referring provider, outside lab", "Outside lab: No", wide: 2)
                box("21", "Diagnoses (ICD ind. 0)", diagnoses, wide: 4)
                box("22", "Resubmission code, original ref. no.", [form.resubmissionCode, form.originalReference].compactMap { $0 }.joined(separator: "  "), wide: 2)
                box("23", "Prior authorization number", form.priorAuthorization ?? "", wide: 2)
            }
            serviceLines(lines)
            Markup.element("div", class: "cms-grid") {
                box("25", "Federal tax ID (\(form.taxIDKind))", form.taxID)
                box("26", "Patient's account no.", form.accountNumber)
                box("27", "Accept assignment?", "Yes")
                box("28", "Total charge", number == 1 && count > 1 ? "Continued" : amount(form.total))
                box("29", "Amount paid", amount(form.paid))
                box("30", "Reserved for NUCC use", "")
                box("31", "Signature of physician or supplier", "\(form.signingClinician) · \(form.signedDate)", wide: 2)
                box("32", "Service facility location", form.facility.joined(separator: " · ") + " · 32a NPI \(form.facilityNPI)", wide: 2)
                box("33", "Billing provider", form.billingProvider.joined(separator: " · ") + " · 33a NPI \(form.billingNPI)", wide: 2)
            }
        }
    }

    private var diagnoses: String {
        form.diagnoses.enumerated().map { "\(ClaimForm.letter($0.offset + 1)). \($0.element)" }.joined(separator: "   ")
    }

    private func serviceLines(_ lines: [ClaimForm.Line]) -> Component {
        Markup.element("table", class: "cms-lines") {
            Markup.element("thead") {
                Markup.element("tr") {
                    for title in [
                        "24A From", "To", "B Place", "C EMG", "D CPT/HCPCS", "Modifier", "E Pointer", "F Charges",
                        "G Units", "H EPSDT", "I Qual.", "J Rendering NPI",
                    ] {
                        Markup.element("th") { Markup.text(title) }
                    }
                }
            }
            Markup.element("tbody") {
                for index in 0..<Self.linesPerPage {
                    Markup.element("tr") {
                        if index < lines.count {
                            let line = lines[index]
                            for value in [
                                line.from, line.to, line.place, "", line.procedure, line.modifiers.joined(separator: " "),
                                line.pointers, amount(line.charge), line.units, "", "NPI", line.renderingNPI,
                            ] {
                                Markup.element("td") { Markup.text(value) }
                            }
                        } else {
                            for _ in 0..<12 { Markup.element("td") { Markup.text("") } }
                        }
                    }
                }
            }
        }
    }

    private func box(_ number: String, _ title: String, _ value: String, wide: Int = 1) -> Component {
        Markup.element("div", class: "cms-box span-\(wide)") {
            Markup.element("span", class: "cms-label") { Markup.text("\(number) \(title)") }
            Markup.element("span", class: "cms-value") { Markup.text(value) }
        }
    }

    private func address(_ address: ClaimForm.Address?) -> String {
        address.map { "\($0.street), \($0.city), \($0.state) \($0.zip)" } ?? ""
    }

    private func phone(_ phone: String) -> String { phone.isEmpty ? "" : " · \(phone)" }

    /// Money as the form's charge columns write it: dollars and cents apart (`150 00`).
    private func amount(_ money: Money) -> String {
        let cents = abs(money.amount) % 100
        return "\(money.amount / 100) \(cents < 10 ? "0" : "")\(cents)"
    }
}
