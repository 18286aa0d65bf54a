import Fluent
import Foundation
import RapportCore
import SQLKit

extension Invoice {
    static let columns = [
        "id", "practice_id", "client_id", "number", "issue_date", "period_start", "period_end", "origin", "total",
        "patient_responsibility", "brought_forward", "paid", "created_by_name", "created_at", "deleted_at",
        "deleted_by_name", "deleted_reason", "replaced_by_invoice_id",
    ]

    /// Invoices read by column (``RowReading``), not by Fluent (the client screen lists fifty on
    /// every view; Fluent's decoding of them cost more than the query): `filter` adds the conditions,
    /// order and limit to the select of every column; each value is parsed and checked, and the row
    /// is marked as stored so it can be saved.
    static func read(on database: any Database, _ filter: (SQLSelectBuilder) -> SQLSelectBuilder) async throws
        -> [Invoice]
    {
        try await filter(try database.sql().select().column(SQLRaw(quotedColumns)).from(schema))
            .rows(Stored.self, on: database).map(\.invoice)
    }

    /// ``columns`` as the select list, quoted once (``quotedColumnList(_:)``).
    private static let quotedColumns = quotedColumnList(columns)

    /// A row of ``read(on:_:)``.
    private struct Stored: RowReadable {
        let invoice = Invoice()

        init(reading row: some RowReading) throws {
            invoice.id = try row.read("id", as: UUID.self)
            invoice.$id.exists = true
            invoice.practiceID = try row.read("practice_id", as: UUID.self)
            invoice.clientID = try row.read("client_id", as: UUID.self)
            invoice.number = try row.read("number", as: Int.self)
            invoice.issueDate = try row.parse("issue_date", of: schema) { LocalDate($0) }
            invoice.periodStart = try row.parseIfPresent("period_start", of: schema) { LocalDate($0) }
            invoice.periodEnd = try row.parseIfPresent("period_end", of: schema) { LocalDate($0) }
            invoice.origin = try InvoiceOrigin(stored: row.read("origin", as: String.self))
            invoice.total = try row.read("total", as: Int64.self)
            invoice.patientResponsibility = try row.read("patient_responsibility", as: Int64.self)
            invoice.broughtForward = try row.read("brought_forward", as: Int64.self)
            invoice.paid = try row.read("paid", as: Int64.self)
            invoice.createdByName = try row.read("created_by_name", as: String.self)
            invoice.createdAt = try row.read("created_at", as: Date?.self)
            invoice.deletedAt = try row.read("deleted_at", as: Date?.self)
            invoice.deletedByName = try row.read("deleted_by_name", as: String?.self)
            invoice.deletedReason = try row.read("deleted_reason", as: String?.self)
            invoice.replacedByInvoiceID = try row.read("replaced_by_invoice_id", as: UUID?.self)
        }
    }
}
