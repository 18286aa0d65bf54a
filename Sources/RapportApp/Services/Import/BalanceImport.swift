import Fluent
import Foundation
import RapportCore

/// Opening balances from a CSV file: what each client owed (or had in credit) in the product the
/// practice used before — the client (by external id, or by name), balance, and the date it stood on —
/// checked row by row, then written all or none (``ImportRun``). A client's balance imported
/// again replaces the earlier one, unless payments have been put against it since.
struct BalanceImport {
    let database: any Database
    let actor: Actor

    func run(_ data: Data, commit: Bool, progress: (@Sendable (Int, Int) -> Void)? = nil) async throws
        -> ImportReport
    {
        let file = try ImportRun.file(data)
        let columns = ImportColumns<BalanceImportField>(header: file.header)
        let found = ImportRun.fileProblems(file, columns)
        var missing = [BalanceImportField.balance].filter { columns.positions[$0] == nil }
        if columns.positions[.externalID] == nil, columns.positions[.client] == nil { missing.insert(.client, at: 0) }
        let headerProblems = ImportRun.missingColumns(missing.map(\.title), header: file.header) + found.header
        guard headerProblems.isEmpty else {
            return ImportRun.report(
                file, columns: columns.used, ignored: columns.ignored, outcome: .init(problems: headerProblems), notes: [])
        }
        let practice = try await PracticeContext.of(actor, on: database)
        let references = try await References.load(practiceID: actor.practiceID, on: database)
        let rows = BalanceRows(file: file, columns: columns, practice: practice, references: references)
        let actor = actor
        let outcome = try await ImportRun.write(
            rows.balances, known: found.rows + rows.problems, commit: commit, audit: "opening balances", actor: actor,
            on: database, progress: progress, row: \.row,
            refusal: { balance, error in
                [.init(row: balance.row, column: columns.title(of: .balance), message: error.message)]
            }
        ) { balance, _, db in
            try await OpeningBalances(database: db, actor: actor).set(
                clientID: balance.clientID, amount: balance.amount, asOf: balance.asOf, practice: practice)
        }
        return ImportRun.report(file, columns: columns.used, ignored: columns.ignored, outcome: outcome, notes: [])
    }
}

/// The rows of a balance list read into balances to set, with every problem a row has by itself.
struct BalanceRows {
    struct Balance: Sendable {
        let row: Int
        let clientID: UUID
        /// Owed positive, credit negative.
        let amount: Money
        let asOf: LocalDate
    }

    private(set) var balances: [Balance] = []
    private(set) var problems: [ImportReport.Problem] = []

    init(file: CSVFile, columns: ImportColumns<BalanceImportField>, practice: PracticeContext, references: References) {
        let dates = ImportDateColumn(file.rows.map { columns.value(.asOf, in: $0.cells) ?? "" })
        var rowOfClient: [UUID: Int] = [:]
        for (row, cells) in file.rows {
            func problem(_ field: BalanceImportField, _ message: String) {
                problems.append(.init(row: row, column: columns.title(of: field), message: message))
            }
            var clientID: UUID?
            // By external id where the row has one, else by a name only one client has.
            let named: (BalanceImportField, String)? =
                columns.value(.externalID, in: cells).map { (.externalID, $0) }
                ?? columns.value(.client, in: cells).map { (.client, $0) }
            if let (field, text) = named {
                let found: Result<UUID, ImportProblem> =
                    field == .externalID
                    ? references.clientsByExternalID[text].map { .success($0) }
                        ?? .failure(ImportProblem("no client has the external id '\(text)'; import the client list first"))
                    : references.client(text)
                switch found {
                case .success(let id):
                    if let earlier = rowOfClient[id] {
                        problem(field, "'\(text)' is also the client of row \(earlier); give each client one balance")
                    } else {
                        rowOfClient[id] = row
                        clientID = id
                    }
                case .failure(let refusal): problem(field, refusal.message)
                }
            } else {
                problem(columns.positions[.externalID] != nil ? .externalID : .client, "is empty: name the client")
            }
            var amount: Money?
            if let text = columns.value(.balance, in: cells) {
                let signed = BalanceImportField.signed(text)
                switch signed.map({ practice.format.parse($0.amount, currency: practice.currency) }) {
                case .success(let money)?:
                    amount = signed?.credit == true ? practice.money(-money.amount) : money
                default:
                    problem(
                        .balance,
                        "'\(text)' is not an amount such as 150.00 (a credit is written -150.00 or (150.00))")
                }
            } else {
                problem(.balance, "is empty")
            }
            var asOf = dates.date(columns.value(.asOf, in: cells)) { problem(.asOf, $0) } ?? practice.today
            if asOf > practice.today {
                problem(.asOf, "\(asOf) is after today: give the day the balance stood on")
                asOf = practice.today
            }
            guard let clientID, let amount else { continue }
            balances.append(Balance(row: row, clientID: clientID, amount: amount, asOf: asOf))
        }
    }
}
