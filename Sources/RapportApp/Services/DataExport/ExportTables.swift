import Foundation
import RapportCore
import SQLKit

/// One dataset of ``DataExport``: its header, its pages in a fixed order, and a row's cells.
protocol ExportTable: Sendable {
    var header: [String] { get }
    /// The rows after `cursor` (the last row of the page before; nil for the first page).
    func page(after cursor: (any SQLRow)?, limit: Int, on sql: any SQLDatabase) async throws -> [any SQLRow]
    func cells(_ row: any SQLRow) throws -> [CSVText.Cell]
}

enum ExportTables {
    static func table(for dataset: ExportDataset, practice: PracticeContext, from: LocalDate?, to: LocalDate?)
        -> any ExportTable
    {
        switch dataset {
        case .clients: ClientsExport(practice: practice)
        case .sessions: SessionsExport(practice: practice, from: from, to: to)
        case .invoices: InvoicesExport(practice: practice, from: from, to: to)
        case .payments: PaymentsExport(practice: practice, from: from, to: to)
        }
    }

    /// The client's name from a row that selected `c.first_name` and `c.last_name`.
    static func client(_ row: any SQLRow) throws -> CSVText.Cell {
        .text("\(try row.decode(column: "first_name", as: String.self)) \(try row.decode(column: "last_name", as: String.self))")
    }

    /// `amount` in the practice's currency as a plain decimal (`150.00`).
    static func money(_ amount: Int64?, _ practice: PracticeContext) -> CSVText.Cell {
        .value(amount.map { Money(amount: $0, currency: practice.currency).decimalString })
    }

    /// Rows after a cursor in `(key, id)` order, written so an index on the key can seek to it:
    /// `key >= k AND (key > k OR id > i)`. (`key > k OR (key = k AND id > i)` means the same, but
    /// PostgreSQL reads it as a filter and scans every row before the cursor, page after page.)
    static func after<Key: Encodable & Sendable>(_ key: (String, Key), then id: (String, UUID)) -> SQLQueryString {
        """
        \(unsafeRaw: key.0) >= \(bind: key.1) AND (\(unsafeRaw: key.0) > \(bind: key.1) OR \(unsafeRaw: id.0) > \(bind: id.1))
        """
    }

    /// A condition on a stored `yyyy-MM-dd` column: on or after `from`, on or before `to`.
    static func dates(_ column: String, from: LocalDate?, to: LocalDate?) -> SQLQueryString {
        var condition: SQLQueryString = "1 = 1"
        if let from { condition = "\(condition) AND \(unsafeRaw: column) >= \(bind: from.description)" }
        if let to { condition = "\(condition) AND \(unsafeRaw: column) <= \(bind: to.description)" }
        return condition
    }
}

/// Every client, by last name, first name and id, with the clinician, the client's own default
/// service (empty: the practice's) and the rest of their details.
struct ClientsExport: ExportTable {
    let practice: PracticeContext

    var header: [String] {
        [
            "client_id", "external_id", "last_name", "first_name", "date_of_birth", "sex", "email", "phone", "address_line1",
            "address_line2", "city", "state", "zip", "status", "primary_clinician", "default_service", "self_pay",
        ]
    }

    func page(after cursor: (any SQLRow)?, limit: Int, on sql: any SQLDatabase) async throws -> [any SQLRow] {
        var after: SQLQueryString = "1 = 1"
        if let cursor {
            let last = try cursor.decode(column: "last_name", as: String.self)
            let first = try cursor.decode(column: "first_name", as: String.self)
            let id = try cursor.decode(column: "id", as: UUID.self)
            // The leading `>=` is what an index can seek to; the rest picks up after the cursor.
            after = """
                c.last_name >= \(bind: last) AND (c.last_name > \(bind: last) OR c.first_name > \(bind: first)
                OR (c.first_name = \(bind: first) AND c.id > \(bind: id)))
                """
        }
        let today = practice.timeZone.localDate(Date()).description
        return try await sql.raw(
            """
            SELECT c.id, c.external_id, c.last_name, c.first_name, c.date_of_birth, c.sex, c.email, c.phone, c.address_line1,
            c.address_line2, c.address_city, c.address_state, c.address_zip, c.status, c.self_pay,
            cl.name AS clinician,
            (SELECT sv.code FROM client_default_services d JOIN services sv ON sv.id = d.service_id
             WHERE d.client_id = c.id AND d.effective_from <= \(bind: today)
             ORDER BY d.effective_from DESC LIMIT 1) AS default_service
            FROM clients c LEFT JOIN clinicians cl ON cl.id = c.primary_clinician_id
            WHERE c.practice_id = \(bind: practice.id) AND \(after)
            ORDER BY c.last_name, c.first_name, c.id LIMIT \(unsafeRaw: String(limit))
            """
        ).all()
    }

    func cells(_ row: any SQLRow) throws -> [CSVText.Cell] {
        func text(_ column: String) throws -> CSVText.Cell { .text(try row.decode(column: column, as: String?.self)) }
        return [
            .value(try row.decode(column: "id", as: UUID.self).uuidString), try text("external_id"),
            try text("last_name"),
            try text("first_name"), .value(try row.decode(column: "date_of_birth", as: String?.self)),
            .value(try row.decode(column: "sex", as: String?.self)), try text("email"), try text("phone"),
            try text("address_line1"), try text("address_line2"), try text("address_city"), try text("address_state"),
            .value(try row.decode(column: "address_zip", as: String?.self)),
            .value(try row.decode(column: "status", as: String.self)), try text("clinician"),
            .value(try row.decode(column: "default_service", as: String?.self)),
            .value(try row.decode(column: "self_pay", as: Bool.self) ? "yes" : "no"),
        ]
    }
}

/// Sessions that start on the days asked for, by start and id, in the practice's local time, with
/// their fee (frozen once billed), what their invoice line charges (a late cancellation may charge
/// less than the fee) and the invoice's number.
struct SessionsExport: ExportTable {
    let practice: PracticeContext
    let from: LocalDate?
    let to: LocalDate?

    var header: [String] {
        [
            "session_id", "date", "start", "duration_minutes", "client_id", "client", "clinician", "service_code",
            "fee", "attendance", "billed", "invoice_number", "series_id",
        ]
    }

    func page(after cursor: (any SQLRow)?, limit: Int, on sql: any SQLDatabase) async throws -> [any SQLRow] {
        var range: SQLQueryString = "1 = 1"
        let zone = practice.timeZone
        if let from { range = "\(range) AND s.starts_at >= \(bind: zone.startOfDay(from))" }
        if let to { range = "\(range) AND s.starts_at < \(bind: zone.startOfDay(to.adding(days: 1)))" }
        if let cursor {
            let start = try cursor.decode(column: "starts_at", as: Date.self)
            let id = try cursor.decode(column: "id", as: UUID.self)
            range = "\(range) AND \(ExportTables.after(("s.starts_at", start), then: ("s.id", id)))"
        }
        return try await sql.raw(
            """
            SELECT s.id, s.starts_at, s.duration_minutes, s.client_id, c.first_name, c.last_name,
            cl.name AS clinician, sv.code, s.fee_amount, s.attendance, i.number AS invoice_number, s.series_id,
            CASE WHEN s.invoice_id IS NULL THEN NULL ELSE (SELECT l.amount FROM invoice_lines l
            WHERE l.session_id = s.id AND l.live) END AS billed_amount
            FROM sessions s JOIN clients c ON c.id = s.client_id JOIN clinicians cl ON cl.id = s.clinician_id
            JOIN services sv ON sv.id = s.service_id LEFT JOIN invoices i ON i.id = s.invoice_id
            WHERE s.practice_id = \(bind: practice.id) AND \(range)
            ORDER BY s.starts_at, s.id LIMIT \(unsafeRaw: String(limit))
            """
        ).all()
    }

    func cells(_ row: any SQLRow) throws -> [CSVText.Cell] {
        let start = practice.timeZone.local(try row.decode(column: "starts_at", as: Date.self))
        return [
            .value(try row.decode(column: "id", as: UUID.self).uuidString), .value(start.date.description),
            .value(String(format: "%02d:%02d", start.time.hour, start.time.minute)),
            .value(String(try row.decode(column: "duration_minutes", as: Int.self))),
            .value(try row.decode(column: "client_id", as: UUID.self).uuidString), try ExportTables.client(row),
            .text(try row.decode(column: "clinician", as: String.self)),
            .value(try row.decode(column: "code", as: String.self)),
            ExportTables.money(try row.decode(column: "fee_amount", as: Int64.self), practice),
            .value(try row.decode(column: "attendance", as: String.self)),
            ExportTables.money(try row.decode(column: "billed_amount", as: Int64?.self), practice),
            .value(try row.decode(column: "invoice_number", as: Int?.self).map(String.init)),
            .value(try row.decode(column: "series_id", as: UUID?.self)?.uuidString),
        ]
    }
}

/// Invoices issued on the days asked for, by number: totals, what was paid and what is owed;
/// deleted invoices stay in the file, marked, since their numbers are never used again.
struct InvoicesExport: ExportTable {
    let practice: PracticeContext
    let from: LocalDate?
    let to: LocalDate?

    var header: [String] {
        [
            "invoice_number", "issue_date", "client_id", "client", "period_start", "period_end", "origin", "total",
            "paid", "balance", "status", "deleted_reason",
        ]
    }

    func page(after cursor: (any SQLRow)?, limit: Int, on sql: any SQLDatabase) async throws -> [any SQLRow] {
        var after: SQLQueryString = "1 = 1"
        if let cursor { after = "i.number > \(bind: try cursor.decode(column: "number", as: Int.self))" }
        return try await sql.raw(
            """
            SELECT i.number, i.issue_date, i.client_id, c.first_name, c.last_name, i.period_start, i.period_end,
            i.origin, i.total, i.paid, i.deleted_at, i.deleted_reason
            FROM invoices i JOIN clients c ON c.id = i.client_id
            WHERE i.practice_id = \(bind: practice.id) AND \(ExportTables.dates("i.issue_date", from: from, to: to))
            AND \(after)
            ORDER BY i.number LIMIT \(unsafeRaw: String(limit))
            """
        ).all()
    }

    func cells(_ row: any SQLRow) throws -> [CSVText.Cell] {
        let total = try row.decode(column: "total", as: Int64.self)
        let paid = try row.decode(column: "paid", as: Int64.self)
        let deleted = try row.decode(column: "deleted_at", as: Date?.self) != nil
        return [
            .value(String(try row.decode(column: "number", as: Int.self))),
            .value(try row.decode(column: "issue_date", as: String.self)),
            .value(try row.decode(column: "client_id", as: UUID.self).uuidString), try ExportTables.client(row),
            .value(try row.decode(column: "period_start", as: String?.self)),
            .value(try row.decode(column: "period_end", as: String?.self)),
            .value(try row.decode(column: "origin", as: String.self)),
            ExportTables.money(total, practice), ExportTables.money(paid, practice),
            ExportTables.money(deleted ? 0 : total - paid, practice),
            .value(deleted ? "deleted" : paid >= total ? "paid" : paid > 0 ? "partly paid" : "open"),
            .text(try row.decode(column: "deleted_reason", as: String?.self)),
        ]
    }
}

/// Payments received on the days asked for, by date and id, with what of each is applied to
/// invoices and what is left as credit.
struct PaymentsExport: ExportTable {
    let practice: PracticeContext
    let from: LocalDate?
    let to: LocalDate?

    var header: [String] {
        ["payment_id", "received_on", "client_id", "client", "amount", "method", "reference", "applied", "unapplied"]
    }

    func page(after cursor: (any SQLRow)?, limit: Int, on sql: any SQLDatabase) async throws -> [any SQLRow] {
        var after: SQLQueryString = "1 = 1"
        if let cursor {
            let day = try cursor.decode(column: "received_on", as: String.self)
            let id = try cursor.decode(column: "id", as: UUID.self)
            after = ExportTables.after(("p.received_on", day), then: ("p.id", id))
        }
        return try await sql.raw(
            """
            SELECT p.id, p.received_on, p.client_id, c.first_name, c.last_name, p.amount, p.method, p.reference,
            p.applied
            FROM payments p JOIN clients c ON c.id = p.client_id
            WHERE p.practice_id = \(bind: practice.id) AND \(ExportTables.dates("p.received_on", from: from, to: to))
            AND \(after)
            ORDER BY p.received_on, p.id LIMIT \(unsafeRaw: String(limit))
            """
        ).all()
    }

    func cells(_ row: any SQLRow) throws -> [CSVText.Cell] {
        let amount = try row.decode(column: "amount", as: Int64.self)
        let applied = try row.decode(column: "applied", as: Int64.self)
        return [
            .value(try row.decode(column: "id", as: UUID.self).uuidString),
            .value(try row.decode(column: "received_on", as: String.self)),
            .value(try row.decode(column: "client_id", as: UUID.self).uuidString), try ExportTables.client(row),
            ExportTables.money(amount, practice), .value(try row.decode(column: "method", as: String.self)),
            .text(try row.decode(column: "reference", as: String?.self)), ExportTables.money(applied, practice),
            ExportTables.money(amount - applied, practice),
        ]
    }
}
