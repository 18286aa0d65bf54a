import Fluent
import Foundation
import RapportCore
import SQLKit

/// Every invariant the design promises, checked against the stored rows: each violation with the
/// rows involved. `rapport check` prints them and fails when there is any.
struct IntegrityCheck {
    let database: any Database

    struct Violation: Sendable, CustomStringConvertible {
        /// The invariant, in words.
        let invariant: String
        /// The rows that break it, each described.
        let rows: [String]
        var description: String { "\(invariant): " + rows.joined(separator: "; ") }
    }

    /// The invariants checked, in words, in the order they are checked.
    static let invariants = [
        "a billed session has exactly one live invoice line, on its invoice",
        "a live invoice line's session is billed on that invoice, and priced from what the line records of it",
        "an invoice's total is the sum of its lines (live ones, while it is), the patient responsibility it bills and any balance brought forward",
        "an invoice's paid is the sum of the payments applied to it",
        "a payment's applied is the sum of its applications, and never more than its amount",
        "a claim's paid, written off and patient responsibility are the sums of its payments",
        "a series occurrence is stored once",
        "an invoice number is used once, and the counter is past every number used",
        "each client's kept balance and each day's kept open amount are the sums of the rows under them",
        "every unbilled session's code and fee are what the rules give today",
        "the audit chain holds",
    ]

    /// The invariants a quick check covers: all but repricing every unbilled session and rehashing
    /// the audit chain, which read everything.
    static let quickInvariants = invariants.prefix(9)

    /// Checks every invariant, or with `quick` the ``quickInvariants``.
    func run(quick: Bool = false) async throws -> [Violation] {
        let sql = try database.sql()
        var found: [Violation] = []
        func check(_ index: Int, _ query: SQLQueryString, describe: (any SQLRow) throws -> String) async throws {
            let rows = try await sql.raw(query).all()
            if !rows.isEmpty { found.append(Violation(invariant: Self.invariants[index], rows: try rows.map(describe))) }
        }
        func id(_ row: any SQLRow, _ column: String = "id") throws -> String {
            try row.decode(column: column, as: UUID.self).uuidString
        }
        try await check(
            0,
            """
            SELECT s.id FROM sessions s WHERE s.invoice_id IS NOT NULL AND (SELECT COUNT(*) FROM invoice_lines l
              WHERE l.session_id = s.id AND l.live = TRUE AND l.invoice_id = s.invoice_id) <> 1
            """
        ) { "session \(try id($0))" }
        try await check(
            1,
            """
            SELECT l.id FROM invoice_lines l JOIN sessions s ON s.id = l.session_id
            WHERE l.live = TRUE AND (s.invoice_id IS NULL OR s.invoice_id <> l.invoice_id
              OR l.starts_at IS NULL OR l.starts_at <> s.starts_at
              OR l.chosen_service_id IS DISTINCT FROM s.chosen_service_id
              OR l.fee_override IS DISTINCT FROM s.fee_override OR l.self_pay IS DISTINCT FROM s.self_pay)
            """
        ) { "invoice line \(try id($0))" }
        try await check(
            2,
            """
            SELECT i.id, i.number, i.total FROM invoices i
            WHERE i.total <> \(Self.sum(
                "l.amount", from: "invoice_lines l WHERE l.invoice_id = i.id AND (i.deleted_at IS NOT NULL OR l.live = TRUE)"))
                + i.patient_responsibility + i.brought_forward
               OR (i.deleted_at IS NULL AND i.patient_responsibility
                   <> \(Self.sum("p.amount", from: "patient_responsibilities p WHERE p.invoice_id = i.id")))
            """
        ) { "invoice #\(try $0.decode(column: "number", as: Int.self)) (\(try id($0)))" }
        try await check(
            3,
            """
            SELECT i.id, i.number FROM invoices i
            WHERE i.paid <> \(Self.sum("a.amount", from: "payment_applications a WHERE a.invoice_id = i.id"))
            """
        ) { "invoice #\(try $0.decode(column: "number", as: Int.self)) (\(try id($0)))" }
        try await check(
            4,
            """
            SELECT p.id FROM payments p
            WHERE p.applied <> \(Self.sum("a.amount", from: "payment_applications a WHERE a.payment_id = p.id"))
               OR p.applied > p.amount
            """
        ) { "payment \(try id($0))" }
        try await check(
            5,
            """
            SELECT c.id, c.number FROM claims c
            WHERE c.paid <> \(Self.sum("cp.paid", from: "claim_payments cp WHERE cp.claim_id = c.id"))
               OR c.written_off <> \(Self.sum("cp.written_off", from: "claim_payments cp WHERE cp.claim_id = c.id"))
               OR c.patient_responsibility
                  <> \(Self.sum("cp.patient_responsibility", from: "claim_payments cp WHERE cp.claim_id = c.id"))
            """
        ) { "claim #\(try $0.decode(column: "number", as: Int.self)) (\(try id($0)))" }
        try await check(
            6,
            """
            SELECT series_id, original_start_local, COUNT(*) AS copies FROM sessions
            WHERE series_id IS NOT NULL GROUP BY series_id, original_start_local HAVING COUNT(*) > 1
            """
        ) {
            "series \(try id($0, "series_id")) at \(try $0.decode(column: "original_start_local", as: String.self)), \(try $0.decode(column: "copies", as: Int.self)) times"
        }
        try await check(
            7,
            """
            SELECT practice_id, number FROM invoices GROUP BY practice_id, number HAVING COUNT(*) > 1
            UNION ALL
            SELECT c.practice_id, c.last_number AS number FROM invoice_counters c
            WHERE c.last_number < (SELECT MAX(i.number) FROM invoices i WHERE i.practice_id = c.practice_id)
            """
        ) { "practice \(try id($0, "practice_id")), number \(try $0.decode(column: "number", as: Int.self))" }
        let clients = try await (sql.raw(Self.clientsOffTheirRows).all() + sql.raw(Self.clientsOffTheirNames).all())
            .map { "client \(try id($0, "client_id"))" }
        let days = try await sql.raw(Self.daysOffTheirRows).all().map {
            "practice \(try id($0, "practice_id")), day \(try $0.decode(column: "day", as: String.self))"
        }
        if !(clients + days).isEmpty { found.append(Violation(invariant: Self.invariants[8], rows: clients + days)) }
        if quick { return found }
        let repriced = try await unbilledOffRules()
        if !repriced.isEmpty { found.append(Violation(invariant: Self.invariants[9], rows: repriced)) }
        let chain = try await AuditChain.verify(on: database).flatMap { report in
            report.problems.map { "practice \(report.practiceID): \($0)" }
        }
        if !chain.isEmpty { found.append(Violation(invariant: Self.invariants[10], rows: chain)) }
        return found
    }

    /// Clients whose kept sums (``CreateClientBalances``) differ from the rows under them: the
    /// kept values taken from the rows' sums, and whatever does not come to zero.
    private static let clientsOffTheirRows: SQLQueryString = {
        let columns = CreateClientBalances.amountColumns
        let rows = CreateClientBalances.sources.map { source in
            let amounts = columns.map { "\($0 == source.balance ? source.amount("r") : "0") AS \($0)" }
            return "SELECT r.client_id AS client_id, r.practice_id AS practice_id, \(amounts.joined(separator: ", ")) FROM \(source.table) r WHERE \(source.counts("r"))"
        }
        let kept = "SELECT client_id, practice_id, \(columns.map { "-\($0)" }.joined(separator: ", ")) FROM client_balances"
        return """
            SELECT client_id FROM (\(unsafeRaw: (rows + [kept]).joined(separator: " UNION ALL "))) sums
            GROUP BY client_id, practice_id
            HAVING \(unsafeRaw: columns.map { "SUM(\($0)) <> 0" }.joined(separator: " OR "))
            """
    }()

    /// Clients whose kept balance is not their kept sums' or whose kept name is not theirs.
    private static let clientsOffTheirNames: SQLQueryString = """
        SELECT b.client_id FROM client_balances b LEFT JOIN clients c ON c.id = b.client_id
        WHERE b.balance <> b.open_invoiced + b.responsibility - b.credit
           OR c.id IS NULL OR b.sort_name <> \(unsafeRaw: CreateClientBalances.sortName("c"))
        """

    /// Days whose kept open amount differs from the rows under it, the same way.
    private static let daysOffTheirRows: SQLQueryString = {
        let rows = CreateClientBalances.sources.compactMap { source in
            source.day.map {
                "SELECT r.practice_id AS practice_id, \($0("r")) AS day, \(source.amount("r")) AS amount FROM \(source.table) r WHERE \(source.counts("r"))"
            }
        }
        let kept = "SELECT practice_id, day, -amount FROM open_balance_days"
        return """
            SELECT practice_id, day FROM (\(unsafeRaw: (rows + [kept]).joined(separator: " UNION ALL "))) sums
            GROUP BY practice_id, day HAVING SUM(amount) <> 0
            """
    }()

    /// Unbilled sessions whose stored price is not what the rules give: the repricer is run in a
    /// transaction that is rolled back, and what it would change is the answer.
    private func unbilledOffRules() async throws -> [String] {
        struct Rollback: Error { let rows: [String] }
        var rows: [String] = []
        for practice in try await Practice.query(on: database).all() {
            let context = try PracticeContext(practice)
            do {
                try await database.transaction { db in
                    let changes = try await Repricer(database: db, practice: context).reprice(clients: nil, from: nil)
                    throw Rollback(
                        rows: changes.map { change in
                            "session \(change.session.id) is stored at \(change.before.map { "\($0.fee.shown)" } ?? "no price") but the rules give \(change.after.fee.shown)"
                        })
                }
            } catch let rollback as Rollback {
                rows += rollback.rows
            }
        }
        return rows
    }

    /// `CAST(COALESCE((SELECT SUM(expression) FROM …), 0) AS BIGINT)`: a sum that is 0 over no rows.
    private static func sum(_ expression: String, from: String) -> SQLQueryString {
        "CAST(COALESCE((SELECT SUM(\(unsafeRaw: expression)) FROM \(unsafeRaw: from)), 0) AS BIGINT)"
    }
}
