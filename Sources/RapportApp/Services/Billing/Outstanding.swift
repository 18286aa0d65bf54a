import Fluent
import Foundation
import RapportCore
import SQLKit

extension Balances {
    /// Clients who owe or hold credit, largest balance first, one page of them, with what they owe
    /// by age (open invoices by issue date, patient responsibility not yet invoiced by the day it
    /// was posted); and each payer's claims awaiting payment by age since they were sent, with the
    /// payments it made that a person kept unapplied. Totals cover every client. Summed in SQL per
    /// client and date, so the work is one row per open invoice date, not per invoice line.
    func outstanding(page: Page) async throws -> OutstandingReport {
        let practice = try await PracticeContext.of(actor, on: database)
        let today = practice.today
        let sql = try database.sql()
        let visible = try await Lookup(database: database, actor: actor).visibleClientIDs().map(Set.init)
        let zero = [Int64](repeating: 0, count: AgingBucket.allCases.count)
        var aging: [UUID: [Int64]] = [:]
        var credit: [UUID: Int64] = [:]
        var names: [UUID: String] = [:]
        var totals = zero
        // Summed by age in SQL, where dates compare as text: each date summed is read first, so
        // one that is not a date is reported rather than aged by its spelling.
        for (table, column, open) in [
            ("invoices", "issue_date", Self.openInvoice),
            ("patient_responsibilities", "posted_on", Self.openPatientResponsibility),
        ] {
            for row in try await sql.raw(
                """
                SELECT DISTINCT \(unsafeRaw: column) AS dated FROM \(unsafeRaw: table)
                WHERE practice_id = \(bind: practice.id) AND \(unsafeRaw: open)
                """
            ).all() {
                _ = try LocalDate(stored: row.decode(column: "dated", as: String.self), column: column)
            }
        }
        for query in [
            Self.openInvoices(practiceID: practice.id, today: today),
            Self.openPatientResponsibility(practiceID: practice.id, today: today),
        ] {
            for row in try await sql.raw(query).rows(AgedRow.self, on: database) {
                guard visible?.contains(row.clientID) ?? true else { continue }
                if let name = row.name { names[row.clientID] = name }
                var owed = aging[row.clientID] ?? zero
                for (index, amount) in row.owed.enumerated() {
                    owed[index] += amount
                    totals[index] += amount
                }
                aging[row.clientID] = owed
            }
        }
        for row in try await sql.raw(Self.unappliedPayments(practiceID: practice.id)).all() {
            let clientID = try row.decode(column: "client_id", as: UUID.self)
            guard visible?.contains(clientID) ?? true else { continue }
            credit[clientID] = try row.decode(column: "credit", as: Int64.self)
        }
        let owing = Array(Set(aging.keys).union(credit.keys))
        // Names the open invoices did not bring: clients owed patient responsibility or in credit.
        names.merge(
            try await clientNames(owing.filter { names[$0] == nil }, practice: practice, on: sql)) { $1 }
        let ranked = owing.map { clientID in
            (id: clientID, name: names[clientID] ?? "", balance: (aging[clientID] ?? zero).reduce(0, +) - (credit[clientID] ?? 0))
        }.sorted { first, second in
            // Largest balance first, then by name; the id keeps pages stable between equal names.
            if first.balance != second.balance { return first.balance > second.balance }
            if first.name != second.name { return first.name < second.name }
            return first.id.uuidString < second.id.uuidString
        }
        let byBucket = { (amounts: [Int64]) in
            Dictionary(uniqueKeysWithValues: zip(AgingBucket.allCases, amounts).map { ($0.rawValue, practice.money($1)) })
        }
        // Rows only for the page asked for; the totals cover every client.
        let rows = ranked.dropFirst(page.offset).prefix(page.limit).map { client -> OutstandingReport.Row in
            let buckets = aging[client.id] ?? zero
            let held = credit[client.id] ?? 0
            return OutstandingReport.Row(
                clientId: client.id, clientName: client.name, openBalance: practice.money(buckets.reduce(0, +)),
                credit: practice.money(held), balance: practice.money(client.balance), aging: byBucket(buckets))
        }
        let payers = try await payerRows(practice: practice, visible: visible, on: sql)
        return OutstandingReport(
            asOf: today, clients: Array(rows), clientCount: ranked.count,
            totalOpen: practice.money(totals.reduce(0, +)), aging: byBucket(totals),
            payers: payers, insurersOwe: practice.money(payers.reduce(0) { $0 + $1.owed.amount }),
            payerAging: AgingBucket.allCases.reduce(into: [:]) { sums, bucket in
                sums[bucket.rawValue] = practice.money(payers.reduce(0) { $0 + ($1.aging[bucket.rawValue]?.amount ?? 0) })
            })
    }

    /// A client's sums by age (``agedColumns``), from open invoices with the client's name or from
    /// patient responsibility without it: read from the driver's rows, as 2,000 clients' six
    /// columns through SQLKit's decoder were a tenth of the report.
    private struct AgedRow: RowReadable {
        let clientID: UUID
        let name: String?
        let owed: [Int64]

        init(reading row: some RowReading) throws {
            clientID = try row.read("client_id", as: UUID.self)
            name = row.contains("client_name") ? try row.read("client_name", as: String?.self) : nil
            owed = try Balances.agedColumns.map { try row.read($0, as: Int64.self) }
        }
    }

    /// Patient responsibility not yet invoiced, per client and age since the day it was posted
    /// (`owed0`… in ``AgingBucket`` order); also shown by `rapport bench explain`.
    static func openPatientResponsibility(practiceID: UUID, today: LocalDate) -> SQLQueryString {
        """
        SELECT client_id, \(aged("amount", dated: "posted_on", today: today)) FROM patient_responsibilities
        WHERE practice_id = \(bind: practiceID) AND \(unsafeRaw: openPatientResponsibility)
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
        practice: PracticeContext, visible: Set<UUID>?, on sql: any SQLDatabase
    ) async throws -> [OutstandingReport.PayerRow] {
        let zero = Dictionary(uniqueKeysWithValues: AgingBucket.allCases.map { ($0.rawValue, Int64(0)) })
        struct Sums {
            var claims = 0
            var aging: [String: Int64]
            var unapplied: Int64 = 0
        }
        var sums: [UUID: Sums] = [:]
        for row in try await sql.raw(Self.awaitingClaims(practiceID: practice.id)).all() {
            guard visible?.contains(try row.decode(column: "client_id", as: UUID.self)) ?? true else { continue }
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
        let names = try await RemittanceImport.payerNames(on: database, practiceID: practice.id)
        return sums.map { payer, sums in
            OutstandingReport.PayerRow(
                payerId: payer, payerName: names[payer] ?? "", claims: sums.claims,
                owed: practice.money(sums.aging.values.reduce(0, +)), aging: sums.aging.mapValues(practice.money),
                unapplied: practice.money(sums.unapplied))
        }.sorted { ($0.owed.amount, $1.payerName) > ($1.owed.amount, $0.payerName) }
    }

    private func clientNames(
        _ ids: [UUID], practice: PracticeContext, on sql: any SQLDatabase
    ) async throws -> [UUID: String] {
        var names: [UUID: String] = [:]
        for chunk in ids.chunks(of: IDsPerStatement.limit) {
            let rows = try await sql.select().columns("id", "first_name", "last_name").from(Client.schema)
                .where("practice_id", .equal, practice.id)
                .where("id", .in, Array(chunk)).all()
            for row in rows {
                names[try row.decode(column: "id", as: UUID.self)] =
                    "\(try row.decode(column: "last_name", as: String.self)), \(try row.decode(column: "first_name", as: String.self))"
            }
        }
        return names
    }
}
