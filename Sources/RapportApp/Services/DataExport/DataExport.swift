import Fluent
import Foundation
import RapportCore
import SQLKit

/// What can be exported as CSV.
enum ExportDataset: String, CaseIterable, Sendable {
    case clients, sessions, invoices, payments

    /// What the date range selects, in words for forms and help.
    var rangeMeaning: String {
        switch self {
        case .clients: "every client (the dates are not used)"
        case .sessions: "sessions that start on those days"
        case .invoices: "invoices issued on those days, deleted ones included and marked"
        case .payments: "payments received on those days"
        }
    }
}

/// A practice's clients, sessions, invoices or payments as a CSV file, read a page at a time in a
/// fixed order (keyset paging) and handed on page by page, so the export of half a million sessions
/// holds one page in memory, never the file. Each export is recorded in the audit log: it is the
/// practice's data leaving Rapport.
struct DataExport {
    let database: any Database
    let actor: Actor

    /// Rows read per query; each page is written before the next is read.
    static let pageSize = 1000

    /// An export ready to stream: its range checked and its audit event recorded.
    struct Prepared: Sendable {
        let dataset: ExportDataset
        let from: LocalDate?
        let to: LocalDate?
        let practice: PracticeContext
        let database: any Database
        /// Rows read per query (tests make it small to cross page boundaries).
        var pageSize = DataExport.pageSize

        var fileName: String { Self.fileName(dataset, from: from, to: to) }

        /// `rapport-sessions-from-2026-01-01-to-2026-12-31.csv`
        static func fileName(_ dataset: ExportDataset, from: LocalDate?, to: LocalDate?) -> String {
            let range = [from.map { "from-\($0)" }, to.map { "to-\($0)" }].compactMap { $0 }.joined(separator: "-")
            return "rapport-\(dataset.rawValue)\(range.isEmpty ? "" : "-" + range).csv"
        }

        /// Writes the header and then every row, a page of text at a time, to `write`.
        func write(to write: (String) async throws -> Void) async throws {
            let table = ExportTables.table(for: dataset, practice: practice, from: from, to: to)
            try await write(CSVText.line(header: table.header))
            let sql = try database.sql()
            var cursor: (any SQLRow)?
            while true {
                let rows = try await table.page(after: cursor, limit: pageSize, on: sql)
                guard !rows.isEmpty else { return }
                var text = ""
                for row in rows { text += CSVText.line(try table.cells(row)) }
                try await write(text)
                guard rows.count == pageSize else { return }
                cursor = rows.last
            }
        }
    }

    /// Checks `from` and `to` (yyyy-MM-dd, both optional, inclusive); the file's name.
    func check(_ dataset: ExportDataset, from fromText: String?, to toText: String?) throws -> String {
        let (from, to) = try Self.range(from: fromText, to: toText)
        return Prepared.fileName(dataset, from: from, to: to)
    }

    private static func range(from fromText: String?, to toText: String?) throws -> (LocalDate?, LocalDate?) {
        var errors = FieldErrors()
        let from = date(fromText, field: "from", errors: &errors)
        let to = date(toText, field: "to", errors: &errors)
        if let from, let to, to < from { errors.add("to", "must be on or after from (\(from))") }
        try errors.throwIfAny()
        return (from, to)
    }

    /// Checks `from` and `to` (yyyy-MM-dd, both optional, inclusive) and records the export.
    func prepare(_ dataset: ExportDataset, from fromText: String?, to toText: String?) async throws -> Prepared {
        let (from, to) = try Self.range(from: fromText, to: toText)
        let practice = try await PracticeContext.of(actor, on: database)
        let actor = actor
        try await database.bookkeepingTransaction { db in
            try await AuditLog(database: db, actor: actor).record(
                "export", "practice", id: actor.practiceID,
                after: ["dataset": dataset.rawValue, "from": from?.description ?? "", "to": to?.description ?? ""])
        }
        return Prepared(dataset: dataset, from: from, to: to, practice: practice, database: database)
    }

    private static func date(_ text: String?, field: FieldPath, errors: inout FieldErrors) -> LocalDate? {
        guard let text else { return nil }
        guard let date = LocalDate(text) else {
            errors.add(field, "must be a date (yyyy-MM-dd), not '\(text.prefix(40))'")
            return nil
        }
        return date
    }
}
