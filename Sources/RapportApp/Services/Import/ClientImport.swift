import Fluent
import Foundation
import RapportCore
import SQLKit

/// A client list from a CSV file. A dry run reads every row and tries it — each one exactly as the
/// import would, in a transaction rolled back at the end — and lists every problem by row and
/// column, writing nothing; the import does the same and commits only when there is none, so a
/// file is wholly imported or not at all. A client whose external id is already in Rapport is
/// updated rather than added again, so a corrected file can be imported twice.
struct ClientImport {
    let database: any Database
    let actor: Actor

    struct Problem: Codable, Sendable, Equatable {
        /// The row in the file (the header is row 1).
        let row: Int
        /// The column's title in the file, or empty for the row as a whole.
        let column: String
        let message: String
    }

    struct Report: Codable, Sendable {
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
        /// Whether the clients were written (false for a dry run, and when there were problems).
        let imported: Bool
    }

    /// Reads and tries every row; writes only when `commit` and nothing is wrong.
    func run(_ data: Data, commit: Bool, progress: (@Sendable (Int, Int) -> Void)? = nil) async throws -> Report {
        let file: CSVFile
        do {
            file = try CSVFile.read(data)
        } catch let unreadable as CSVFile.Unreadable {
            throw UseCaseError.invalid("csv", unreadable.description)
        }
        let columns = ImportColumns(header: file.header, names: ClientImportField.names)
        var problems = Self.headerProblems(columns, header: file.header)
        guard problems.isEmpty else {
            return report(file, columns, added: 0, updated: 0, problems: problems, notes: [], imported: false)
        }
        let practice = try await PracticeContext.of(actor, on: database)
        let references = try await References.load(practiceID: actor.practiceID, on: database)
        let rows = ClientImportRows(file: file, columns: columns, practice: practice, references: references)
        problems += rows.problems
        var notes = rows.notes
        if columns.positions[.externalID] == nil {
            notes.append(
                "The file has no external id column: importing it again would add its clients again. Rapport's own export gives one (client_id).")
        }
        struct RolledBack: Error { let outcome: Outcome }
        let actor = actor
        let found = problems
        var outcome = Outcome()
        do {
            outcome = try await database.writeTransaction { db in
                let outcome = try await Self.write(
                    rows.clients, problems: found, fileColumns: columns, actor: actor, on: db, progress: progress)
                if !commit || !outcome.problems.isEmpty { throw RolledBack(outcome: outcome) }
                try await AuditLog(database: db, actor: actor).record(
                    "import", "practice", id: actor.practiceID,
                    after: ["clients added": outcome.added, "clients updated": outcome.updated])
                return outcome
            }
        } catch let rolledBack as RolledBack {
            outcome = rolledBack.outcome
        }
        // One problem per cell: the row's own reading comes first, the use case's may repeat it.
        var seen = Set<String>()
        problems = outcome.problems.filter { seen.insert("\($0.row)|\($0.column)").inserted }
            .sorted { ($0.row, $0.column) < ($1.row, $1.column) }
        notes += outcome.notes
        return report(
            file, columns, added: outcome.added, updated: outcome.updated, problems: problems, notes: notes,
            imported: commit && problems.isEmpty)
    }

    private func report(
        _ file: CSVFile, _ columns: ImportColumns<ClientImportField>, added: Int, updated: Int, problems: [Problem],
        notes: [String], imported: Bool
    ) -> Report {
        Report(
            rows: file.rows.count, added: added, updated: updated, problems: problems, notes: notes,
            columns: Dictionary(
                uniqueKeysWithValues: columns.positions.map { ($0.key.title, file.header[$0.value]) }),
            ignoredColumns: columns.ignored, imported: imported)
    }

    /// A header that names no client, or a column twice.
    private static func headerProblems(_ columns: ImportColumns<ClientImportField>, header: [String]) -> [Problem] {
        var problems: [Problem] = []
        let named =
            columns.positions[.fullName] != nil
            || (columns.positions[.firstName] != nil && columns.positions[.lastName] != nil)
        if !named {
            problems.append(
                Problem(
                    row: 1, column: "",
                    message:
                        "the header names no client: it needs first_name and last_name columns (or one name column); it has \(header.map { "'\($0)'" }.joined(separator: ", "))"
                ))
        }
        for (field, titles) in columns.duplicates {
            problems.append(
                Problem(
                    row: 1, column: titles.joined(separator: ", "),
                    message: "these columns all mean \(field.title); keep one"))
        }
        return problems
    }

    struct Outcome: Sendable {
        var added = 0
        var updated = 0
        var problems: [Problem] = []
        var notes: [String] = []
    }

    /// Writes each row inside a savepoint of its own, so a row that fails leaves the rest to be
    /// tried (and reported) and nothing of itself behind.
    private static func write(
        _ clients: [ClientImportRows.Client], problems: [Problem], fileColumns: ImportColumns<ClientImportField>,
        actor: Actor, on db: any Database, progress: (@Sendable (Int, Int) -> Void)?
    ) async throws -> Outcome {
        var outcome = Outcome(problems: problems)
        let failedRows = Set(problems.map(\.row))
        let sql = try db.sql()
        let directory = ClientDirectory(database: db, actor: actor)
        for (index, client) in clients.enumerated() {
            progress?(index + 1, clients.count)
            // A row with problems of its own is tried too, so the use cases' checks are listed with
            // them; the transaction is rolled back in the end whenever there is any problem.
            try await sql.raw("SAVEPOINT import_row").run()
            do {
                let id: UUID
                if let existing = client.existingID {
                    id = try await directory.update(existing, client.input(forUpdate: true)).id
                    if !failedRows.contains(client.row) { outcome.updated += 1 }
                } else {
                    id = try await directory.create(client.input(forUpdate: false)).id
                    if let fee = client.fee {
                        _ = try await ClientBillingRules(database: db, actor: actor).update(
                            id, ClientBillingPatch(fees: [.init(serviceId: fee.serviceID, amount: fee.amount)]))
                    }
                    if !failedRows.contains(client.row) { outcome.added += 1 }
                }
                if let external = client.externalID, !failedRows.contains(client.row) {
                    try await sql.raw("UPDATE clients SET external_id = \(bind: external) WHERE id = \(bind: id)").run()
                }
                try await sql.raw("RELEASE SAVEPOINT import_row").run()
            } catch {
                try await sql.raw("ROLLBACK TO SAVEPOINT import_row").run()
                try await sql.raw("RELEASE SAVEPOINT import_row").run()
                if let refusal = error as? UseCaseError {
                    outcome.problems += client.problems(from: refusal, columns: fileColumns)
                } else {
                    outcome.problems.append(Problem(row: client.row, column: "", message: "could not be saved: \(error)"))
                }
            }
        }
        return outcome
    }
}
