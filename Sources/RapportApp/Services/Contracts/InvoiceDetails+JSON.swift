import Foundation
import RapportCore

// The client screen's invoices, written field by field (``JSONWritable``): keys in the encoder's
// sorted order, nil fields left out. The lists an invoice carries only when shown alone (lines,
// patient responsibility, payments, sessions left out) go through the encoder.

extension InvoiceDetails: JSONWritable {
    func write(to json: inout JSONBytes) {
        json.objectStart()
        json.field("balance", balance)
        json.field("broughtForward", broughtForward)
        json.field("clientId", clientId)
        json.field("createdBy", createdBy)
        json.field("deleted", deleted)
        json.field("id", id)
        json.field("issueDate", issueDate)
        json.field("leftOut", encoded: leftOut)
        json.field("lines", encoded: lines)
        json.field("number", number)
        json.field("origin", origin)
        json.field("paid", paid)
        json.field("patientResponsibility", encoded: patientResponsibility)
        json.field("payments", encoded: payments)
        json.field("periodEnd", periodEnd)
        json.field("periodStart", periodStart)
        json.field("replacedByInvoiceId", replacedByInvoiceId)
        json.field("status", status)
        json.field("total", total)
        json.objectEnd()
    }
}

extension InvoiceDetails.Deletion: JSONWritable {
    func write(to json: inout JSONBytes) {
        json.objectStart()
        json.field("at", at)
        json.field("by", by)
        json.field("reason", reason)
        json.objectEnd()
    }
}

extension LocalDate: JSONWritable {
    func write(to json: inout JSONBytes) { json.localDate(self) }
}

extension InvoiceOrigin: JSONWritable {}
extension InvoiceStatus: JSONWritable {}
