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

    /// Invoices read with SQLKit, as ``ClaimRow/read(on:_:)`` reads claims (the client screen lists
    /// fifty on every view; Fluent's decoding of them cost more than the query): `filter` adds the
    /// conditions, order and limit to the select of every column; each value is parsed and checked,
    /// and the row is marked as stored so it can be saved.
    static func read(on database: any Database, _ filter: (SQLSelectBuilder) -> SQLSelectBuilder) async throws
        -> [Invoice]
    {
        try await filter(try database.sql().select().columns(columns).from(schema)).all().map { row in
            let invoice = Invoice()
            invoice.id = try row.decode(column: "id", as: UUID.self)
            invoice.$id.exists = true
            invoice.practiceID = try row.decode(column: "practice_id", as: UUID.self)
            invoice.clientID = try row.decode(column: "client_id", as: UUID.self)
            invoice.number = try row.decode(column: "number", as: Int.self)
            invoice.issueDate = try row.parse("issue_date", of: schema) { LocalDate($0) }
            invoice.periodStart = try row.parseIfPresent("period_start", of: schema) { LocalDate($0) }
            invoice.periodEnd = try row.parseIfPresent("period_end", of: schema) { LocalDate($0) }
            invoice.origin = try InvoiceOrigin(stored: row.decode(column: "origin", as: String.self))
            invoice.total = try row.decode(column: "total", as: Int64.self)
            invoice.patientResponsibility = try row.decode(column: "patient_responsibility", as: Int64.self)
            invoice.broughtForward = try row.decode(column: "brought_forward", as: Int64.self)
            invoice.paid = try row.decode(column: "paid", as: Int64.self)
            invoice.createdByName = try row.decode(column: "created_by_name", as: String.self)
            invoice.createdAt = try row.decode(column: "created_at", as: Date?.self)
            invoice.deletedAt = try row.decode(column: "deleted_at", as: Date?.self)
            invoice.deletedByName = try row.decode(column: "deleted_by_name", as: String?.self)
            invoice.deletedReason = try row.decode(column: "deleted_reason", as: String?.self)
            invoice.replacedByInvoiceID = try row.decode(column: "replaced_by_invoice_id", as: UUID?.self)
            return invoice
        }
    }
}
