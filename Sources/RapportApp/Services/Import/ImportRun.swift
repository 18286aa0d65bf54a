import Fluent
import Foundation
import RapportCore
import SQLKit

/// What an import found and did: for the Import page, the API and `rapport import`.
struct ImportReport: Codable, Sendable {
    struct Problem: Codable, Sendable, Equatable {
        /// The row in the file (the header is row 1).
        let row: Int
        /// The column's title in the file, or empty for the row as a whole.
        let column: String
        let message: String
    }

    /// Data rows read.
    let rows: Int
    let added: Int
    let updated: Int
    /// Every problem; none when the file can be (or was) imported.
    let problems: [Problem]
    /// Things worth knowing that do not stop the import.
    let notes: [String]
    /// What each Rapport field was read from: field → the file's column title.
    let columns: [String: String]
    /// Columns nothing was read from.
    let ignoredColumns: [String]
    /// Whether the rows were written (false for a dry run, and when there were problems).
    let imported: Bool
}

/// What every import shares: the file read (or refused naming `csv`), and the rows tried one by one
/// through the use cases, each inside a savepoint of one transaction. A row a use case refuses is
/// rolled back to its savepoint and its refusal becomes problems; a dry run, or an import with any
/// problem, rolls the whole transaction back — so the check finds exactly what the import would,
/// and a file is imported whole or not at all.
enum ImportRun {
    static func file(_ data: Data) throws -> CSVFile {
        do {
            return try CSVFile.read(data)
        } catch let unreadable as CSVFile.Unreadable {
            throw UseCaseError.invalid("csv", unreadable.description)
        }
    }

    /// What is wrong with a file whatever it imports: a column named twice (the header's problem, so
    /// nothing else is read), a row with more values than the header has columns, an external id on
    /// two rows.
    static func fileProblems<Field: ImportField>(
        _ file: CSVFile, _ columns: ImportColumns<Field>, externalID: Field? = nil
    ) -> (header: [ImportReport.Problem], rows: [ImportReport.Problem]) {
        let header = columns.duplicates.map { field, titles in
            ImportReport.Problem(
                row: 1, column: titles.joined(separator: ", "), message: "these columns all mean \(field.title); keep one")
        }
        var rows: [ImportReport.Problem] = []
        var firstRow: [String: Int] = [:]
        for (row, cells) in file.rows {
            if cells.count > file.header.count, cells[file.header.count...].contains(where: { !$0.isEmpty }) {
                rows.append(
                    .init(row: row, column: "", message: "has \(cells.count) values but the header has \(file.header.count) columns"))
            }
            guard let externalID, let external = columns.value(externalID, in: cells) else { continue }
            if let earlier = firstRow[external] {
                rows.append(
                    .init(
                        row: row, column: columns.title(of: externalID),
                        message: "'\(external)' is also the external id of row \(earlier)"))
            } else {
                firstRow[external] = row
            }
        }
        return (header, rows)
    }

    /// The header's problem when it lacks columns an import needs.
    static func missingColumns(_ titles: [String], header: [String]) -> [ImportReport.Problem] {
        guard !titles.isEmpty else { return [] }
        return [
            .init(
                row: 1, column: "",
                message:
                    "the header lacks \(titles.joined(separator: ", ")); it has \(header.map { "'\($0)'" }.joined(separator: ", "))"
            )
        ]
    }

    enum Change: Sendable { case added, updated, unchanged }

    struct Outcome: Sendable {
        var added = 0
        var updated = 0
        var problems: [ImportReport.Problem] = []
        var imported = false
    }

    /// Ends the transaction without keeping anything: a dry run, or a file with problems.
    private struct RolledBack: Error { let outcome: Outcome }

    /// Tries each row with `write`; keeps the writes only when `commit` and no row has a problem
    /// (`known` are the problems found reading the rows), recording `audit` with the counts.
    static func write<Row: Sendable>(
        _ rows: [Row], known: [ImportReport.Problem], commit: Bool, audit what: String, actor: Actor,
        on database: any Database, progress: (@Sendable (Int, Int) -> Void)?,
        row number: @escaping @Sendable (Row) -> Int,
        refusal: @escaping @Sendable (Row, UseCaseError) -> [ImportReport.Problem],
        _ write: @escaping @Sendable (Row, _ clean: Bool, any Database) async throws -> Change
    ) async throws -> Outcome {
        var outcome: Outcome
        do {
            outcome = try await database.writeTransaction(practice: actor.practiceID) { db in
                var outcome = Outcome(problems: known)
                let failed = Set(known.map(\.row))
                let sql = try db.sql()
                for (index, row) in rows.enumerated() {
                    progress?(index + 1, rows.count)
                    // A row with problems of its own is tried too, so the use cases' checks are
                    // listed with them; nothing of it is kept.
                    let clean = !failed.contains(number(row))
                    try await sql.raw("SAVEPOINT import_row").run()
                    do {
                        let change = try await write(row, clean, db)
                        try await sql.raw("RELEASE SAVEPOINT import_row").run()
                        guard clean else { continue }
                        if change == .added { outcome.added += 1 }
                        if change == .updated { outcome.updated += 1 }
                    } catch {
                        try await sql.raw("ROLLBACK TO SAVEPOINT import_row").run()
                        try await sql.raw("RELEASE SAVEPOINT import_row").run()
                        if let refused = error as? UseCaseError {
                            outcome.problems += refusal(row, refused)
                        } else {
                            outcome.problems.append(
                                .init(row: number(row), column: "", message: "could not be saved: \(error)"))
                        }
                    }
                }
                if !commit || !outcome.problems.isEmpty { throw RolledBack(outcome: outcome) }
                try await AuditLog(database: db, actor: actor).record(
                    "import", "practice", id: actor.practiceID,
                    after: ["\(what) added": outcome.added, "\(what) updated": outcome.updated])
                outcome.imported = true
                return outcome
            }
        } catch let rolledBack as RolledBack {
            outcome = rolledBack.outcome
        }
        // One problem per cell: the row's own reading comes first, a use case's may repeat it.
        var seen = Set<String>()
        outcome.problems = outcome.problems.filter { seen.insert("\($0.row)|\($0.column)").inserted }
            .sorted { ($0.row, $0.column) < ($1.row, $1.column) }
        return outcome
    }

    /// The report of a file whose columns are `columns` (titles by Rapport's field names).
    static func report(
        _ file: CSVFile, columns: [String: String], ignored: [String], outcome: Outcome, notes: [String]
    ) -> ImportReport {
        ImportReport(
            rows: file.rows.count, added: outcome.added, updated: outcome.updated, problems: outcome.problems,
            notes: notes, columns: columns, ignoredColumns: ignored, imported: outcome.imported)
    }
}
