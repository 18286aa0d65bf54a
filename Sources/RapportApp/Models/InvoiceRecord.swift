import Foundation
import RapportCore

/// An invoice's columns as a plain value, read by column (``RowReading``).
///
/// The client screen lists fifty invoices on every view, and a Fluent ``Invoice`` is a class of
/// eighteen property wrappers, each a heap object whose every get and set looks up generic
/// metadata: making, reading and freeing them cost more than the query. Lists read these instead;
/// writes still go through ``Invoice``.
struct InvoiceRecord: Sendable, RowReadable {
    var id: UUID
    var practiceID: UUID
    var clientID: UUID
    var number: Int
    var issueDate: LocalDate
    var periodStart: LocalDate?
    var periodEnd: LocalDate?
    var origin: InvoiceOrigin
    var total: Int64
    var patientResponsibility: Int64
    var broughtForward: Int64
    var paid: Int64
    var createdByName: String
    var createdAt: Date?
    var deletedAt: Date?
    var deletedByName: String?
    var deletedReason: String?
    var replacedByInvoiceID: UUID?

    var isLive: Bool { deletedAt == nil }

    var status: InvoiceStatus { InvoiceStatus(isDeleted: deletedAt != nil, total: total, paid: paid) }

    static let columns = [
        "id", "practice_id", "client_id", "number", "issue_date", "period_start", "period_end", "origin", "total",
        "patient_responsibility", "brought_forward", "paid", "created_by_name", "created_at", "deleted_at",
        "deleted_by_name", "deleted_reason", "replaced_by_invoice_id",
    ]

    /// ``columns`` as the select list, quoted once (``quotedColumnList(_:)``).
    static let quotedColumns = quotedColumnList(columns)
}

extension InvoiceRecord {
    init(reading row: some RowReading) throws {
        id = try row.read("id", as: UUID.self)
        practiceID = try row.read("practice_id", as: UUID.self)
        clientID = try row.read("client_id", as: UUID.self)
        number = try row.read("number", as: Int.self)
        issueDate = try row.parse("issue_date", of: Invoice.schema) { LocalDate($0) }
        periodStart = try row.parseIfPresent("period_start", of: Invoice.schema) { LocalDate($0) }
        periodEnd = try row.parseIfPresent("period_end", of: Invoice.schema) { LocalDate($0) }
        origin = try InvoiceOrigin(stored: row.read("origin", as: String.self))
        total = try row.read("total", as: Int64.self)
        patientResponsibility = try row.read("patient_responsibility", as: Int64.self)
        broughtForward = try row.read("brought_forward", as: Int64.self)
        paid = try row.read("paid", as: Int64.self)
        createdByName = try row.read("created_by_name", as: String.self)
        createdAt = try row.read("created_at", as: Date?.self)
        deletedAt = try row.read("deleted_at", as: Date?.self)
        deletedByName = try row.read("deleted_by_name", as: String?.self)
        deletedReason = try row.read("deleted_reason", as: String?.self)
        replacedByInvoiceID = try row.read("replaced_by_invoice_id", as: UUID?.self)
    }
}

extension Invoice {
    /// The stored invoice as a plain value; one not yet saved has no id to give.
    func record() throws -> InvoiceRecord {
        InvoiceRecord(
            id: try requireID(), practiceID: practiceID, clientID: clientID, number: number, issueDate: issueDate,
            periodStart: periodStart, periodEnd: periodEnd, origin: origin, total: total,
            patientResponsibility: patientResponsibility, broughtForward: broughtForward, paid: paid,
            createdByName: createdByName, createdAt: createdAt, deletedAt: deletedAt, deletedByName: deletedByName,
            deletedReason: deletedReason, replacedByInvoiceID: replacedByInvoiceID)
    }
}
