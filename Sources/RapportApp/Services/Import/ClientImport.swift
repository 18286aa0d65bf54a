import Fluent
import Foundation
import RapportCore
import SQLKit

/// A client list from a CSV file (``ImportRun``: checked row by row, then all or nothing). A
/// client whose external id is already in Rapport is updated rather than added again, so a
/// corrected file can be imported twice.
struct ClientImport {
    let database: any Database
    let actor: Actor

    /// Reads and tries every row; writes only when `commit` and nothing is wrong.
    func run(_ data: Data, commit: Bool, progress: (@Sendable (Int, Int) -> Void)? = nil) async throws
        -> ImportReport
    {
        let file = try ImportRun.file(data)
        let columns = ImportColumns<ClientImportField>(header: file.header)
        let found = ImportRun.fileProblems(file, columns, externalID: .externalID)
        let headerProblems = Self.headerProblems(columns, header: file.header) + found.header
        guard headerProblems.isEmpty else {
            return ImportRun.report(
                file, columns: columns.used, ignored: columns.ignored, outcome: .init(problems: headerProblems), notes: [])
        }
        let practice = try await PracticeContext.of(actor, on: database)
        let references = try await References.load(practiceID: actor.practiceID, on: database)
        let rows = ClientImportRows(file: file, columns: columns, practice: practice, references: references)
        var notes = rows.notes
        if columns.positions[.externalID] == nil {
            notes.append(
                "The file has no external id column: importing it again would add its clients again. Rapport's own export gives one (client_id).")
        }
        let actor = actor
        let outcome = try await ImportRun.write(
            rows.clients, known: found.rows + rows.problems, commit: commit, audit: "clients", actor: actor, on: database,
            progress: progress, row: \.row, refusal: { $0.problems(from: $1, columns: columns) }
        ) { client, clean, db in
            let directory = ClientDirectory(database: db, actor: actor)
            let id: UUID
            let change: ImportRun.Change
            if let existing = client.existingID {
                id = try await directory.update(existing, client.input(forUpdate: true)).id
                change = .updated
            } else {
                id = try await directory.create(client.input(forUpdate: false)).id
                if let fee = client.fee {
                    _ = try await ClientBillingRules(database: db, actor: actor).update(
                        id, ClientBillingPatch(fees: [.init(serviceId: fee.serviceID, amount: fee.amount)]))
                }
                change = .added
            }
            // A row with problems of its own may share its external id with another: never stored.
            if let external = client.externalID, clean {
                try await db.sql().raw("UPDATE clients SET external_id = \(bind: external) WHERE id = \(bind: id)").run()
            }
            return change
        }
        return ImportRun.report(file, columns: columns.used, ignored: columns.ignored, outcome: outcome, notes: notes)
    }

    /// A header that names no client.
    private static func headerProblems(
        _ columns: ImportColumns<ClientImportField>, header: [String]
    ) -> [ImportReport.Problem] {
        var problems: [ImportReport.Problem] = []
        let named =
            columns.positions[.fullName] != nil
            || (columns.positions[.firstName] != nil && columns.positions[.lastName] != nil)
        if !named {
            problems.append(
                .init(
                    row: 1, column: "",
                    message:
                        "the header names no client: it needs first_name and last_name columns (or one name column); it has \(header.map { "'\($0)'" }.joined(separator: ", "))"
                ))
        }
        return problems
    }
}
