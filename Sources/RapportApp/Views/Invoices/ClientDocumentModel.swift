import Foundation
import RapportCore

/// The statement and the superbill, each made from its use case's result into the one document page.
extension ClientDocumentPage {
    init(statement data: Statement, clientID: UUID, from: LocalDate, to: LocalDate, context: PageContext) {
        let format = DisplayFormat()
        self.init(
            title: "Statement", clientID: clientID.uuidString, kind: "statement", from: from.description,
            to: to.description,
            header: [("Practice", data.practice)]
                + [
                    data.practiceContact.address.map { ("Address", Self.address($0)) },
                    data.practiceContact.phone.map { ("Phone", $0) },
                    data.practiceContact.taxId.map { ("Tax ID", $0) },
                ].compactMap { $0 }
                + [
                    ("Client", data.client.name), ("Statement date", format.date(data.issuedOn)),
                    ("Period", "\(format.date(from)) to \(format.date(to))"),
                    ("Opening balance", data.openingBalance.shown),
                ],
            columns: ["Date", "Activity", "Insurance", "Amount", "Balance"],
            rows: data.entries.map {
                [
                    format.date($0.date), $0.description, $0.insurerAmount.amount == 0 ? "" : $0.insurerAmount.shown,
                    $0.amount.shown, $0.balance.shown,
                ]
            },
            footer: [("Closing balance", data.closingBalance.shown)]
                + (data.amountDue.amount > 0
                    ? [
                        ("Amount due", data.amountDue.shown),
                        ("Please pay by", data.dueOn == data.issuedOn ? "On receipt" : format.date(data.dueOn)),
                    ] : []),
            context: context,
            tables: data.insurance.isEmpty
                ? []
                : [
                    (
                        "What your insurance paid",
                        ["Dates of service", "Claim", "Insurer", "Charged", "Insurer paid", "Adjusted", "Yours to pay", "Status"],
                        data.insurance.map { claim in
                            [
                                claim.dateFrom == claim.dateTo
                                    ? format.date(claim.dateFrom) : "\(format.date(claim.dateFrom)) to \(format.date(claim.dateTo))",
                                "#\(claim.number)", claim.payer, claim.charged.shown, claim.insurerPaid.shown,
                                claim.adjusted.shown, claim.patientResponsibility.shown, claim.status,
                            ]
                        }
                    )
                ])
    }

    init(superbill data: SuperbillDetails, clientID: UUID, context: PageContext) {
        let format = DisplayFormat()
        let practice = data.practice
        let clinicians = data.clinicians.map { clinician in
            "\(clinician.name), \(clinician.credentials) — NPI \(clinician.npi), licence \(clinician.licenseNumber) (\(clinician.licenseState))"
        }
        var header: [(String, String)] = [
            ("Practice", practice.name), ("Address", Self.address(practice.address)), ("Phone", practice.phone),
            ("Tax ID", practice.taxId),
        ]
        if let group = practice.groupNpi { header.append(("Group NPI", group)) }
        header.append(("Rendering provider" + (clinicians.count > 1 ? "s" : ""), clinicians.joined(separator: "; ")))
        header += [
            ("Client", data.client.name), ("Date of birth", format.date(data.client.dateOfBirth)),
            ("Client address", Self.address(data.client.address)),
        ]
        if let member = data.client.memberId { header.append(("Member ID", member)) }
        header.append(("Dates of service", "\(format.date(data.from)) to \(format.date(data.to))"))
        let diagnoses: [String] = data.diagnoses.map { diagnosis in
            "\(diagnosis.letter). \(diagnosis.code)" + (diagnosis.description.map { " \($0)" } ?? "")
        }
        header.append(("Diagnoses (ICD-10)", diagnoses.joined(separator: "; ")))
        let rows: [[String]] = data.lines.map { line in
            [
                format.date(line.dateOfService), line.placeOfService,
                ([line.serviceCode] + line.modifiers).joined(separator: "-"), "\(line.units)",
                line.diagnoses.joined(separator: ", "), line.description, line.clinician, line.fee.shown,
                line.paid.shown, line.paidInFull ? "Paid" : "Balance due",
            ]
        }
        self.init(
            title: "Superbill", clientID: clientID.uuidString, kind: "superbill", from: data.from.description,
            to: data.to.description, header: header,
            columns: ["Date of service", "Place", "CPT", "Units", "Diagnoses", "Description", "Clinician", "Fee", "Paid", ""],
            rows: rows,
            footer: [
                ("Total charged", data.totalCharged.shown), ("Total paid", data.totalPaid.shown),
                ("Provider signature", data.signature),
            ],
            context: context)
    }

    private static func address(_ address: AddressDetails) -> String {
        [address.line1, address.line2, "\(address.city), \(address.state) \(address.zip)"].compactMap { $0 }
            .joined(separator: ", ")
    }
}
