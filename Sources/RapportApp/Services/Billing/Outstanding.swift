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
        let zero = Dictionary(uniqueKeysWithValues: AgingBucket.allCases.map { ($0.rawValue, Int64(0)) })
        var aging: [UUID: [String: Int64]] = [:]
        var credit: [UUID: Int64] = [:]
        var totals = zero
        for (query, dateColumn) in [
            (Self.openInvoices(practiceID: practice.id), "issue_date"),
            (Self.openPatientResponsibility(practiceID: practice.id), "posted_on"),
        ] {
            for row in try await sql.raw(query).all() {
                let clientID = try row.decode(column: "client_id", as: UUID.self)
                guard visible?.contains(clientID) ?? true else { continue }
                let dated = try LocalDate(stored: row.decode(column: dateColumn, as: String.self), column: dateColumn)
                let bucket = AgingBucket(issued: dated, today: today).rawValue
                let owed = try row.decode(column: "owed", as: Int64.self)
                aging[clientID, default: zero][bucket, default: 0] += owed
                totals[bucket, default: 0] += owed
            }
        }
        for row in try await sql.raw(Self.unappliedPayments(practiceID: practice.id)).all() {
            let clientID = try row.decode(column: "client_id", as: UUID.self)
            guard visible?.contains(clientID) ?? true else { continue }
            credit[clientID] = try row.decode(column: "credit", as: Int64.self)
        }
        let owing = Array(Set(aging.keys).union(credit.keys))
        let names = try await clientNames(owing, practice: practice, on: sql)
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
        let payers = try await payerRows(practice: practice, visible: visible, on: sql)
        return OutstandingReport(
            asOf: today, clients: Array(rows.dropFirst(page.offset).prefix(page.limit)), clientCount: rows.count,
            totalOpen: practice.money(totals.values.reduce(0, +)), aging: totals.mapValues(practice.money),
            payers: payers, insurersOwe: practice.money(payers.reduce(0) { $0 + $1.owed.amount }),
            payerAging: AgingBucket.allCases.reduce(into: [:]) { sums, bucket in
                sums[bucket.rawValue] = practice.money(payers.reduce(0) { $0 + ($1.aging[bucket.rawValue]?.amount ?? 0) })
            })
    }

    /// Patient responsibility not yet invoiced, per client and day posted; also shown by `rapport bench explain`.
    static func openPatientResponsibility(practiceID: UUID) -> SQLQueryString {
        """
        SELECT client_id, posted_on, \(sum("amount")) AS owed FROM patient_responsibilities
        WHERE practice_id = \(bind: practiceID) AND invoice_id IS NULL
        GROUP BY client_id, posted_on
        """
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
