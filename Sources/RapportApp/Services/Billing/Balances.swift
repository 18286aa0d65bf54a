import Fluent
import Foundation
import RapportCore
import SQLKit

/// What clients and insurers owe: per-client balance and ledger, and the practice's outstanding
/// balances by age, per client and per payer.
struct Balances {
    let database: any Database
    let actor: Actor

    func balance(_ clientID: UUID) async throws -> ClientBalance {
        let practice = try await PracticeContext.of(actor, on: database)
        _ = try await Lookup(database: database, actor: actor).client(clientID)
        return try await balance(
            ofVisible: clientID, practice: practice,
            coverage: try await CoverageBook.load(practiceID: practice.id, clientIDs: [clientID], on: database))
    }

    /// ``balance(_:)`` of a client the caller has already found visible to the actor, with the
    /// client's coverage as the caller read it.
    func balance(ofVisible clientID: UUID, practice: PracticeContext, coverage: CoverageBook) async throws
        -> ClientBalance
    {
        let sql = try database.sql()
        let totals = try await sql.raw(Self.accountTotals(practiceID: practice.id, clientID: clientID)).firstPrepared()
        func total(_ column: String) throws -> Int64 { try totals?.decode(column: column, as: Int64.self) ?? 0 }
        let (invoiced, paid, credit) = (try total("invoiced"), try total("paid"), try total("credit"))
        let (owed, claimed) = (try total("owed"), try total("claimed"))
        let (unbilled, unclaimed) =
            coverage.hasPolicies(clientID)
            ? try await Self.routedUnbilled(clientID, coverage: coverage, practice: practice, on: database)
            : (try await Self.unbilled(clientID, practice: practice, on: sql), .init(sessions: 0, amount: .zero(practice.currency)))
        return ClientBalance(
            clientId: clientID, invoiced: practice.money(invoiced), paid: practice.money(paid),
            openBalance: practice.money(invoiced - paid), credit: practice.money(credit),
            patientResponsibility: practice.money(owed), balance: practice.money(invoiced - paid + owed - credit),
            insurersOwe: practice.money(claimed), unbilled: unbilled, unclaimed: unclaimed)
    }

    /// A client's account in one read: what live invoices total and have been paid, unapplied
    /// credit, patient responsibility not yet invoiced, and what insurers owe on claims awaiting an
    /// answer (``awaitingClaims(practiceID:clientID:)``).
    static func accountTotals(practiceID: UUID, clientID: UUID) -> SQLQueryString {
        """
        SELECT i.invoiced, i.paid,
          (SELECT \(sum("amount - applied")) FROM payments
           WHERE practice_id = \(bind: practiceID) AND client_id = \(bind: clientID)) AS credit,
          (SELECT \(sum("amount")) FROM patient_responsibilities
           WHERE practice_id = \(bind: practiceID) AND client_id = \(bind: clientID) AND invoice_id IS NULL) AS owed,
          (SELECT \(sum("a.owed")) FROM (\(awaitingClaims(practiceID: practiceID, clientID: clientID))) a) AS claimed
        FROM (SELECT \(sum("total")) AS invoiced, \(sum("paid")) AS paid FROM invoices
              WHERE practice_id = \(bind: practiceID) AND client_id = \(bind: clientID) AND deleted_at IS NULL) i
        """
    }

    /// What a client's past unbilled sessions would bill them: the attendance rule applies to each
    /// fee, so one grouped read by both.
    private static func unbilled(
        _ clientID: UUID, practice: PracticeContext, on sql: any SQLDatabase
    ) async throws -> ClientBalance.Unbilled {
        let unbilled = try await sql.raw(Self.unbilled(practiceID: practice.id, clientID: clientID)).allPrepared()
        var sessions = 0
        var amount: Int64 = 0
        for row in unbilled {
            let attendance = try Attendance(stored: row.decode(column: "attendance", as: String.self))
            guard
                let charge = practice.attendancePolicy.charge(
                    for: attendance, fee: practice.money(try row.decode(column: "fee_amount", as: Int64.self))),
                charge.amount > 0
            else { continue }
            let count = try row.decode(column: "sessions", as: Int.self)
            sessions += count
            amount += charge.amount * Int64(count)
        }
        return .init(sessions: sessions, amount: practice.money(amount))
    }

    /// For an insured client, each past unbilled session is routed: what bills the client is
    /// unbilled, what bills an insurer (its charge) is yet to be claimed.
    private static func routedUnbilled(
        _ clientID: UUID, coverage: CoverageBook, practice: PracticeContext, on database: any Database
    ) async throws -> (unbilled: ClientBalance.Unbilled, unclaimed: ClientBalance.Unbilled) {
        let sessions = try await SessionRecord.select(practiceID: practice.id, on: try database.sql())
            .where("client_id", .equal, clientID).where("invoice_id", .is, SQLLiteral.null)
            .where("claim_id", .is, SQLLiteral.null)
            .where("starts_at", .lessThan, Date()).where("attendance", .notEqual, Attendance.cancelled.rawValue)
            .rows(SessionRecord.self, on: database)
        var client = (sessions: 0, amount: Int64(0))
        var insurer = (sessions: 0, amount: Int64(0))
        for session in sessions {
            if coverage.route(session, practice: practice).plan != nil {
                insurer = (insurer.sessions + 1, insurer.amount + session.feeAmount)
            } else if let charge = practice.attendancePolicy.charge(
                for: session.attendance, fee: practice.money(session.feeAmount)), charge.amount > 0
            {
                client = (client.sessions + 1, client.amount + charge.amount)
            }
        }
        return (
            .init(sessions: client.sessions, amount: practice.money(client.amount)),
            .init(sessions: insurer.sessions, amount: practice.money(insurer.amount))
        )
    }

    /// A client's past unbilled sessions by attendance and fee; also shown by `rapport bench explain`.
    static func unbilled(practiceID: UUID, clientID: UUID) -> SQLQueryString {
        """
        SELECT attendance, fee_amount, COUNT(*) AS sessions FROM sessions
        WHERE practice_id = \(bind: practiceID) AND client_id = \(bind: clientID) AND invoice_id IS NULL
          AND claim_id IS NULL
          AND starts_at < \(bind: Date()) AND attendance <> \(bind: Attendance.cancelled.rawValue)
        GROUP BY attendance, fee_amount
        """
    }

    /// Claims an insurer has yet to answer, with what each is owed: a primary, once sent, its
    /// charge; a secondary, from when it is made, what its primary left the client and it carries.
    /// Each with its payer, client and when it was sent. Also shown by `rapport bench explain`.
    static func awaitingClaims(practiceID: UUID, clientID: UUID? = nil) -> SQLQueryString {
        let client: SQLQueryString = clientID.map { "AND c.client_id = \(bind: $0)" } ?? ""
        return """
            SELECT c.payer_id, c.client_id, c.submitted_at, CAST(CASE WHEN c.prior_claim_id IS NULL THEN c.total
              ELSE -(SELECT COALESCE(SUM(p.amount), 0) FROM patient_responsibilities p
                     WHERE p.claim_id = c.id AND p.claim_payment_id IS NULL) END AS BIGINT) AS owed
            FROM claims c
            WHERE c.practice_id = \(bind: practiceID) \(client)
              AND c.frequency <> \(bind: ClaimFrequency.void.rawValue)
              AND (c.status = \(bind: ClaimStatus.submitted.rawValue)
                   OR (c.status = \(bind: ClaimStatus.open.rawValue) AND c.prior_claim_id IS NOT NULL))
            """
    }

    /// Open invoice balances of `clients` (a query of their ids) by age (`owed0`… in
    /// ``AgingBucket`` order); also shown by `rapport bench explain`.
    static func openInvoices(practiceID: UUID, clients: SQLQueryString, today: LocalDate) -> SQLQueryString {
        """
        SELECT client_id, \(aged("total - paid", dated: "issue_date", today: today)) FROM invoices
        WHERE practice_id = \(bind: practiceID) AND client_id IN (\(clients)) AND \(unsafeRaw: openInvoice)
        GROUP BY client_id
        """
    }

    /// Which invoices are open: live and not fully paid (the partial index `invoices_open`).
    static let openInvoice = "deleted_at IS NULL AND paid < total"

    /// `SUM(expression)` as a BIGINT, 0 when there are no rows (PostgreSQL sums bigints as numeric).
    static func sum(_ expression: String) -> SQLQueryString {
        "\(unsafeRaw: sumText(expression))"
    }

    /// ``sum(_:)`` as text, for a caller composing several.
    static func sumText(_ expression: String) -> String {
        "CAST(COALESCE(SUM(\(expression)), 0) AS BIGINT)"
    }

    /// The client's account in date order, with what the client and insurers owe after each entry.
    func ledger(_ clientID: UUID) async throws -> [LedgerEntry] {
        let practice = try await PracticeContext.of(actor, on: database)
        _ = try await Lookup(database: database, actor: actor).client(clientID)
        return try await Ledger(database: database, practice: practice).entries(clientID)
    }
}
