import Fluent
import Foundation
import RapportCore
import SQLKit

/// What clients owe: per-client balance and ledger, and the practice's outstanding balances by age.
struct Balances {
    let database: any Database
    let actor: Actor

    func balance(_ clientID: UUID) async throws -> ClientBalance {
        let practice = try await PracticeContext.of(actor, on: database)
        _ = try await Lookup(database: database, actor: actor).client(clientID)
        let sql = try database.sql()
        let invoices = try await sql.raw(
            """
            SELECT \(Self.sum("total")) AS invoiced, \(Self.sum("paid")) AS paid FROM invoices
            WHERE practice_id = \(bind: practice.id) AND client_id = \(bind: clientID) AND deleted_at IS NULL
            """
        ).first()
        let payments = try await sql.raw(
            """
            SELECT \(Self.sum("amount - applied")) AS credit FROM payments
            WHERE practice_id = \(bind: practice.id) AND client_id = \(bind: clientID)
            """
        ).first()
        let invoiced = try invoices?.decode(column: "invoiced", as: Int64.self) ?? 0
        let paid = try invoices?.decode(column: "paid", as: Int64.self) ?? 0
        let credit = try payments?.decode(column: "credit", as: Int64.self) ?? 0
        let coverage = try await CoverageBook.load(practiceID: practice.id, clientIDs: [clientID], on: database)
        let (unbilled, unclaimed) =
            coverage.hasPolicies(clientID)
            ? try await Self.routedUnbilled(clientID, coverage: coverage, practice: practice, on: sql)
            : (try await Self.unbilled(clientID, practice: practice, on: sql), .init(sessions: 0, amount: .zero(practice.currency)))
        return ClientBalance(
            clientId: clientID, invoiced: practice.money(invoiced), paid: practice.money(paid),
            openBalance: practice.money(invoiced - paid), credit: practice.money(credit),
            balance: practice.money(invoiced - paid - credit), unbilled: unbilled, unclaimed: unclaimed)
    }

    /// What a client's past unbilled sessions would bill them: the attendance rule applies to each
    /// fee, so one grouped read by both.
    private static func unbilled(
        _ clientID: UUID, practice: PracticeContext, on sql: any SQLDatabase
    ) async throws -> ClientBalance.Unbilled {
        let unbilled = try await sql.raw(Self.unbilled(practiceID: practice.id, clientID: clientID)).all()
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
        _ clientID: UUID, coverage: CoverageBook, practice: PracticeContext, on sql: any SQLDatabase
    ) async throws -> (unbilled: ClientBalance.Unbilled, unclaimed: ClientBalance.Unbilled) {
        let rows = try await SessionRecord.select(practiceID: practice.id, on: sql)
            .where("client_id", .equal, clientID).where("invoice_id", .is, SQLLiteral.null)
            .where("claim_id", .is, SQLLiteral.null)
            .where("starts_at", .lessThan, Date()).where("attendance", .notEqual, Attendance.cancelled.rawValue).all()
        var client = (sessions: 0, amount: Int64(0))
        var insurer = (sessions: 0, amount: Int64(0))
        for row in rows {
            let session = try SessionRecord(row: row)
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

    /// Open invoice balances per client and issue date; also shown by `rapport bench explain`.
    static func openInvoices(practiceID: UUID) -> SQLQueryString {
        """
        SELECT client_id, issue_date, \(sum("total - paid")) AS owed FROM invoices
        WHERE practice_id = \(bind: practiceID) AND deleted_at IS NULL AND paid < total
        GROUP BY client_id, issue_date
        """
    }

    /// Unapplied payment amounts (credit) per client; also shown by `rapport bench explain`.
    static func unappliedPayments(practiceID: UUID) -> SQLQueryString {
        """
        SELECT client_id, \(sum("amount - applied")) AS credit FROM payments
        WHERE practice_id = \(bind: practiceID) AND applied < amount
        GROUP BY client_id
        """
    }

    /// `SUM(expression)` as a BIGINT, 0 when there are no rows (PostgreSQL sums bigints as numeric).
    private static func sum(_ expression: String) -> SQLQueryString {
        "CAST(COALESCE(SUM(\(unsafeRaw: expression)), 0) AS BIGINT)"
    }

    /// Charges, payments and deletions in date order with a running balance.
    func ledger(_ clientID: UUID) async throws -> [LedgerEntry] {
        let practice = try await PracticeContext.of(actor, on: database)
        _ = try await Lookup(database: database, actor: actor).client(clientID)
        return try await ledgerEntries(clientID, practice: practice)
    }

    func ledgerEntries(_ clientID: UUID, practice: PracticeContext) async throws -> [LedgerEntry] {
        struct Item {
            let date: LocalDate
            let order: Int
            let kind: String
            let description: String
            let amount: Int64
            let invoiceID: UUID?
            let paymentID: UUID?
        }
        var items: [Item] = []
        for invoice in try await Invoice.query(on: database).filter(\.$clientID == clientID).all() {
            let issued = invoice.issueDate
            items.append(
                Item(
                    date: issued, order: invoice.number * 2, kind: "invoice", description: "Invoice #\(invoice.number)",
                    amount: invoice.total, invoiceID: invoice.id, paymentID: nil))
            if let deletedAt = invoice.deletedAt {
                let reason = invoice.deletedReason.map { ": \($0)" } ?? ""
                items.append(
                    Item(
                        date: max(issued, practice.date(of: deletedAt)), order: invoice.number * 2 + 1,
                        kind: "invoiceDeleted",
                        description: "Invoice #\(invoice.number) deleted by \(invoice.deletedByName ?? "")\(reason)",
                        amount: -invoice.total, invoiceID: invoice.id, paymentID: nil))
            }
        }
        for payment in try await Payment.query(on: database).filter(\.$clientID == clientID).all() {
            let reference = payment.reference.map { " \($0)" } ?? ""
            items.append(
                Item(
                    date: payment.receivedOn, order: Int.max / 2, kind: "payment",
                    description: "Payment (\(payment.method))\(reference)", amount: -payment.amount,
                    invoiceID: nil, paymentID: payment.id))
        }
        var running: Int64 = 0
        return items.sorted { ($0.date, $0.order) < ($1.date, $1.order) }.map { item in
            running += item.amount
            return LedgerEntry(
                date: item.date, kind: item.kind, description: item.description, amount: practice.money(item.amount),
                balance: practice.money(running), invoiceId: item.invoiceID, paymentId: item.paymentID)
        }
    }

    /// Clients who owe or hold credit, largest balance first, one page of them, with open invoice
    /// balances by age; the totals cover every client. Summed in SQL per client and issue date, so
    /// the work is one row per open invoice date, not per invoice line.
    func outstanding(page: Page) async throws -> OutstandingReport {
        let practice = try await PracticeContext.of(actor, on: database)
        let today = practice.today
        let sql = try database.sql()
        let open = try await sql.raw(Self.openInvoices(practiceID: practice.id)).all()
        let credits = try await sql.raw(Self.unappliedPayments(practiceID: practice.id)).all()
        let visible = try await Lookup(database: database, actor: actor).visibleClientIDs().map(Set.init)
        let zero = Dictionary(uniqueKeysWithValues: AgingBucket.allCases.map { ($0.rawValue, Int64(0)) })
        var aging: [UUID: [String: Int64]] = [:]
        var credit: [UUID: Int64] = [:]
        var totals = zero
        for row in open {
            let clientID = try row.decode(column: "client_id", as: UUID.self)
            guard visible?.contains(clientID) ?? true else { continue }
            let issued = try LocalDate(
                stored: row.decode(column: "issue_date", as: String.self), column: "invoices.issue_date")
            let bucket = AgingBucket(issued: issued, today: today).rawValue
            let owed = try row.decode(column: "owed", as: Int64.self)
            aging[clientID, default: zero][bucket, default: 0] += owed
            totals[bucket, default: 0] += owed
        }
        for row in credits {
            let clientID = try row.decode(column: "client_id", as: UUID.self)
            guard visible?.contains(clientID) ?? true else { continue }
            credit[clientID] = try row.decode(column: "credit", as: Int64.self)
        }
        let owing = Array(Set(aging.keys).union(credit.keys))
        var names: [UUID: String] = [:]
        for chunk in owing.chunks(of: IDsPerStatement.limit) {
            let rows = try await sql.select().columns("id", "first_name", "last_name").from(Client.schema)
                .where("practice_id", .equal, practice.id)
                .where("id", .in, Array(chunk)).all()
            for row in rows {
                names[try row.decode(column: "id", as: UUID.self)] =
                    "\(try row.decode(column: "last_name", as: String.self)), \(try row.decode(column: "first_name", as: String.self))"
            }
        }
        let rows = owing.map { clientID -> OutstandingReport.Row in
            let buckets = aging[clientID] ?? zero
            let owed = buckets.values.reduce(0, +)
            let held = credit[clientID] ?? 0
            return OutstandingReport.Row(
                clientId: clientID, clientName: names[clientID] ?? "", openBalance: practice.money(owed),
                credit: practice.money(held), balance: practice.money(owed - held),
                aging: buckets.mapValues(practice.money))
        }.sorted { first, second in
            // Largest balance first, then by name; the id keeps pages stable between equal names.
            if first.balance.amount != second.balance.amount { return first.balance.amount > second.balance.amount }
            if first.clientName != second.clientName { return first.clientName < second.clientName }
            return first.clientId.uuidString < second.clientId.uuidString
        }
        return OutstandingReport(
            asOf: today, clients: Array(rows.dropFirst(page.offset).prefix(page.limit)), clientCount: rows.count,
            totalOpen: practice.money(totals.values.reduce(0, +)), aging: totals.mapValues(practice.money))
    }
}
