import Foundation
import RapportCore

/// A payment's columns as the payments list shows them, as a plain value read by column
/// (``RowReading``; see ``InvoiceRecord``). Writes still go through ``Payment``.
struct PaymentRecord: Sendable, RowReadable {
    var id: UUID
    var clientID: UUID
    var receivedOn: LocalDate
    var amount: Int64
    var method: String
    var reference: String?
    var applied: Int64

    static let columns = ["id", "client_id", "received_on", "amount", "method", "reference", "applied"]

    /// ``columns`` as the select list, quoted once (``quotedColumnList(_:)``).
    static let quotedColumns = quotedColumnList(columns)
}

extension PaymentRecord {
    init(reading row: some RowReading) throws {
        id = try row.read("id", as: UUID.self)
        clientID = try row.read("client_id", as: UUID.self)
        receivedOn = try row.parse("received_on", of: Payment.schema) { LocalDate($0) }
        amount = try row.read("amount", as: Int64.self)
        method = try row.read("method", as: String.self)
        reference = try row.read("reference", as: String?.self)
        applied = try row.read("applied", as: Int64.self)
    }
}

/// Part of a payment put against one invoice, as a plain value read by column.
struct PaymentApplicationRecord: Sendable, RowReadable {
    var id: UUID
    var paymentID: UUID
    var invoiceID: UUID
    var amount: Int64

    static let quotedColumns = quotedColumnList(["id", "payment_id", "invoice_id", "amount"])
}

extension PaymentApplicationRecord {
    init(reading row: some RowReading) throws {
        id = try row.read("id", as: UUID.self)
        paymentID = try row.read("payment_id", as: UUID.self)
        invoiceID = try row.read("invoice_id", as: UUID.self)
        amount = try row.read("amount", as: Int64.self)
    }
}

extension Payment {
    /// The stored payment as a plain value; one not yet saved has no id to give.
    func record() throws -> PaymentRecord {
        PaymentRecord(
            id: try requireID(), clientID: clientID, receivedOn: receivedOn, amount: amount, method: method,
            reference: reference, applied: applied)
    }
}

extension PaymentApplication {
    /// The stored application as a plain value; one not yet saved has no id to give.
    func record() throws -> PaymentApplicationRecord {
        PaymentApplicationRecord(id: try requireID(), paymentID: paymentID, invoiceID: invoiceID, amount: amount)
    }
}
