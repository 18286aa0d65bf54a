import Foundation
import RapportCore

/// The invoice list made from the use case's invoices and the clients' names.
extension InvoiceListPage {
    init(invoices: [InvoiceDetails], clientNames: [UUID: String], filters: FormState, context: PageContext) {
        let format = DisplayFormat()
        self.init(
            rows: invoices.map {
                (
                    $0.id.uuidString, $0.number, format.date($0.issueDate), clientNames[$0.clientId] ?? "",
                    $0.total.shown, $0.balance.shown, $0.status.rawValue
                )
            },
            filters: filters, context: context)
    }
}
