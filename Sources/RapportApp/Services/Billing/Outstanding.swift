import Fluent
import Foundation
import RapportCore
import SQLKit

extension Balances {
    /// Clients who owe or hold credit, largest balance first, one page of them, with what they owe
    /// by age (open invoices by issue date, patient responsibility not yet invoiced by the day it
    /// was posted); and each payer's claims awaiting payment by age since they were sent, with the
    /// payments it made that a person kept unapplied. Totals cover every client.
    ///
    /// Read from the sums the database keeps as invoices, patient responsibility and payments
    /// change (``CreateClientBalances``): the page's clients in order from one index, the totals by
    /// age from one row per open day, and only the page's clients aged from their invoices — so
    /// the work is a page, not every open invoice of the practice.
    func outstanding(page: Page) async throws -> OutstandingReport {
        let practice = try await PracticeContext.of(actor, on: database)
        let today = practice.today
        let sql = try database.sql()
        let visible = Lookup(database: database, actor: actor).visibleClients
        let zero = [Int64](repeating: 0, count: AgingBucket.allCases.count)
        let owing = Self.owingClients(practiceID: practice.id, visible: visible)
        let onPage = Self.ranked(page)
        let shown = try await sql.raw("SELECT client_id, open_invoiced, responsibility, credit, sort_name \(owing) \(onPage)")
            .rows(OwingClient.self, on: database)
        let count = try await sql.raw("SELECT COUNT(*) AS clients \(owing)").first()?
            .decode(column: "clients", as: Int.self) ?? 0
        // Every open day is read as a date, so one that is not is reported rather than aged by its
        // spelling (the ageing below compares dates as text).
        var totals = zero
        for row in try await sql.raw(Self.openDays(practiceID: practice.id)).rows(OpenDay.self, on: database) {
            let bucket = AgingBucket(issued: try LocalDate(stored: row.day, column: "open_balance_days.day"), today: today)
            for (index, each) in AgingBucket.allCases.enumerated() where each == bucket { totals[index] += row.amount }
        }
        let aged = try await aging(of: "SELECT client_id \(owing) \(onPage)", practice: practice)
        // Someone who sees only some clients has totals over those clients.
        if let visible {
            totals = try await aging(of: visible, practice: practice).values.reduce(zero) { zip($0, $1).map(+) }
        }
        let byBucket = { (amounts: [Int64]) in
            Dictionary(uniqueKeysWithValues: zip(AgingBucket.allCases, amounts).map { ($0.rawValue, practice.money($1)) })
        }
        let rows = shown.map { client -> OutstandingReport.Row in
            OutstandingReport.Row(
                clientId: client.clientID, clientName: client.name, openBalance: practice.money(client.owed),
                credit: practice.money(client.credit), balance: practice.money(client.owed - client.credit),
                aging: byBucket(aged[client.clientID] ?? zero))
        }
        let payers = try await payerRows(practice: practice, visible: visible, on: sql)
        return OutstandingReport(
            asOf: today, clients: rows, clientCount: count,
            totalOpen: practice.money(totals.reduce(0, +)), aging: byBucket(totals),
            payers: payers, insurersOwe: practice.money(payers.reduce(0) { $0 + $1.owed.amount }),
            payerAging: AgingBucket.allCases.reduce(into: [:]) { sums, bucket in
                sums[bucket.rawValue] = practice.money(payers.reduce(0) { $0 + ($1.aging[bucket.rawValue]?.amount ?? 0) })
            })
    }

    /// `FROM … WHERE …` of the clients who owe or hold credit (of those `visible`, a query of
    /// their ids, when given) in their kept rows; also shown by `rapport bench explain`.
    static func owingClients(practiceID: UUID, visible: SQLQueryString?) -> SQLQueryString {
        let narrowed: SQLQueryString = visible.map { "AND client_id IN (\($0))" } ?? ""
        return """
            FROM client_balances WHERE practice_id = \(bind: practiceID) \(narrowed)
              AND (open_invoiced <> 0 OR responsibility <> 0 OR credit <> 0)
            """
    }

    /// `ORDER BY … LIMIT … OFFSET …` of the report's page of ``owingClients(practiceID:visible:)``:
    /// largest balance first, then by name; the id keeps pages stable between equal names.
    static func ranked(_ page: Page) -> SQLQueryString {
        "ORDER BY balance DESC, sort_name, client_id LIMIT \(bind: page.limit) OFFSET \(bind: page.offset)"
    }

    /// The practice's open amount per day it is aged from; also shown by `rapport bench explain`.
    static func openDays(practiceID: UUID) -> SQLQueryString {
        "SELECT day, amount FROM open_balance_days WHERE practice_id = \(bind: practiceID) AND amount <> 0"
    }

    /// What each of `clients` (a query of their ids) owes by age (``AgingBucket`` order), from
    /// their open invoices and patient responsibility not yet invoiced.
    private func aging(of clients: SQLQueryString, practice: PracticeContext) async throws -> [UUID: [Int64]] {
        let zero = [Int64](repeating: 0, count: AgingBucket.allCases.count)
        var aging: [UUID: [Int64]] = [:]
        let owed = try await database.sql().raw(
            """
            \(Self.openInvoices(practiceID: practice.id, clients: clients, today: practice.today))
            UNION ALL
            \(Self.openPatientResponsibility(practiceID: practice.id, clients: clients, today: practice.today))
            """
        ).rows(AgedRow.self, on: database)
        for row in owed { aging[row.clientID] = zip(aging[row.clientID] ?? zero, row.owed).map(+) }
        return aging
    }

    /// A client who owes or holds credit: what the database keeps for them (``owingClients(practiceID:visible:)``).
    private struct OwingClient: RowReadable {
        let clientID: UUID
        let name: String
        /// Open invoices and patient responsibility not yet invoiced.
        let owed: Int64
        let credit: Int64

        init(reading row: some RowReading) throws {
            clientID = try row.read("client_id", as: UUID.self)
            name = try row.read("sort_name", as: String.self)
            owed = try row.read("open_invoiced", as: Int64.self) + row.read("responsibility", as: Int64.self)
            credit = try row.read("credit", as: Int64.self)
        }
    }

    private struct OpenDay: RowReadable {
        let day: String
        let amount: Int64

        init(reading row: some RowReading) throws {
            day = try row.read("day", as: String.self)
            amount = try row.read("amount", as: Int64.self)
        }
    }

    /// A client's sums by age (``agedColumns``), from their open invoices or patient responsibility.
    private struct AgedRow: RowReadable {
        let clientID: UUID
        let owed: [Int64]

        init(reading row: some RowReading) throws {
            clientID = try row.read("client_id", as: UUID.self)
            owed = try Balances.agedColumns.map { try row.read($0, as: Int64.self) }
        }
    }

    /// Patient responsibility not yet invoiced of `clients` (a query of their ids), per client
    /// and age since the day it was posted (`owed0`… in ``AgingBucket`` order); also shown by
    /// `rapport bench explain`.
    static func openPatientResponsibility(practiceID: UUID, clients: SQLQueryString, today: LocalDate) -> SQLQueryString {
        """
        SELECT client_id, \(aged("amount", dated: "posted_on", today: today)) FROM patient_responsibilities
        WHERE practice_id = \(bind: practiceID) AND client_id IN (\(clients))
          AND \(unsafeRaw: openPatientResponsibility)
        GROUP BY client_id
        """
    }

    /// Patient responsibility no invoice bills yet.
    static let openPatientResponsibility = "invoice_id IS NULL"

    static let agedColumns = AgingBucket.allCases.indices.map { "owed\($0)" }

    /// `owed0`, `owed1`… : the sums of `amount` whose `dated` column falls in each ``AgingBucket``
    /// seen on `today`, so a report reads one row per client instead of one per date.
    static func aged(_ amount: String, dated column: String, today: LocalDate) -> SQLQueryString {
        // Dates are stored yyyy-MM-dd, so they compare as text.
        let starts = AgingBucket.earliestDays(today: today).map(\.description)
        // Each bucket from its earliest day (none for the last) to the day before the previous one's.
        let sums = agedColumns.indices.map { index in
            let test = [
                index < starts.count ? "\(column) >= '\(starts[index])'" : nil,
                index > 0 ? "\(column) < '\(starts[index - 1])'" : nil,
            ].compactMap { $0 }.joined(separator: " AND ")
            return "\(sumText("CASE WHEN \(test) THEN \(amount) ELSE 0 END")) AS \(agedColumns[index])"
        }
        return "\(unsafeRaw: sums.joined(separator: ", "))"
    }

    /// Each payer with claims awaiting payment (aged from the day they were sent; a secondary not
    /// sent yet, as of today) or payments a person kept unapplied, by name.
    private func payerRows(
        practice: PracticeContext, visible: SQLQueryString?, on sql: any SQLDatabase
    ) async throws -> [OutstandingReport.PayerRow] {
        let zero = Dictionary(uniqueKeysWithValues: AgingBucket.allCases.map { ($0.rawValue, Int64(0)) })
        struct Sums {
            var claims = 0
            var aging: [String: Int64]
            var unapplied: Int64 = 0
        }
        var sums: [UUID: Sums] = [:]
        let awaiting = Self.awaitingClaims(practiceID: practice.id)
        let claims: SQLQueryString = visible.map { "SELECT * FROM (\(awaiting)) a WHERE a.client_id IN (\($0))" } ?? awaiting
        for row in try await sql.raw(claims).all() {
            let payer = try row.decode(column: "payer_id", as: UUID.self)
            let sent = try row.decode(column: "submitted_at", as: Date?.self).map(practice.date(of:)) ?? practice.today
            let bucket = AgingBucket(issued: sent, today: practice.today).rawValue
            sums[payer, default: Sums(aging: zero)].claims += 1
            sums[payer, default: Sums(aging: zero)].aging[bucket, default: 0] += try row.decode(column: "owed", as: Int64.self)
        }
        // Money a payer sent that a person kept unapplied is the payer's credit; only someone who
        // sees every client sees remittances.
        if actor.seesEveryClient {
            let kept = try await sql.raw(
                """
                SELECT r.payer_id AS payer_id, \(Self.sum("e.amount")) AS kept
                FROM remittance_exceptions e JOIN remittances r ON r.id = e.remittance_id
                WHERE e.practice_id = \(bind: practice.id) AND e.action = 'unappliedPayment' AND r.payer_id IS NOT NULL
                GROUP BY r.payer_id
                """
            ).all()
            for row in kept {
                let payer = try row.decode(column: "payer_id", as: UUID.self)
                sums[payer, default: Sums(aging: zero)].unapplied += try row.decode(column: "kept", as: Int64.self)
            }
        }
        if sums.isEmpty { return [] }
        let names = try await RemittanceImport.payerNames(on: database, practiceID: practice.id)
        return sums.map { payer, sums in
            OutstandingReport.PayerRow(
                payerId: payer, payerName: names[payer] ?? "", claims: sums.claims,
                owed: practice.money(sums.aging.values.reduce(0, +)), aging: sums.aging.mapValues(practice.money),
                unapplied: practice.money(sums.unapplied))
        }.sorted { ($0.owed.amount, $1.payerName) > ($1.owed.amount, $0.payerName) }
    }
}
