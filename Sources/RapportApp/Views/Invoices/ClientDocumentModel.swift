import Foundation
import RapportCore

/// The statement and the superbill, each made from its use case's result into the one document page.
extension ClientDocumentPage {
    init(statement data: Statement, clientID: UUID, from: LocalDate, to: LocalDate, context: PageContext) {
        let format = DisplayFormat()
        self.init(
            title: "Statement", clientID: clientID.uuidString, kind: "statement", from: from.description,
            to: to.description,
            header: [
                ("Practice", data.practice), ("Client", data.client.name),
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
            footer: [("Closing balance", data.closingBalance.shown)], context: context,
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

    init(superbill data: Superbill, clientID: UUID, from: LocalDate, to: LocalDate, context: PageContext) {
        let format = DisplayFormat()
        self.init(
            title: "Superbill", clientID: clientID.uuidString, kind: "superbill", from: from.description,
            to: to.description,
            header: [
                ("Practice", data.practice), ("Clinicians", data.clinicians.joined(separator: ", ")),
                ("Client", data.client.name),
                ("Date of birth", data.client.dateOfBirth.map { format.date($0) } ?? "—"),
                ("Dates of service", "\(format.date(from)) to \(format.date(to))"),
            ],
            columns: ["Date of service", "CPT", "Description", "Clinician", "Fee", "Charged", "Paid"],
            rows: data.lines.map {
                [
                    format.date($0.dateOfService), $0.serviceCode, $0.description, $0.clinician, $0.fee.shown,
                    $0.charged.shown, $0.paid.shown,
                ]
            },
            footer: [("Total charged", data.totalCharged.shown), ("Total paid", data.totalPaid.shown)],
            context: context)
    }
}
