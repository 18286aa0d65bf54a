import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import RapportApp

/// `rapport check`: a practice used as the app uses it holds every invariant; each kind of
/// corruption is found and named with its row.
struct IntegrityCheckTests {
    /// A client with two invoiced sessions, a payment applied, and an unbilled session.
    private func used(_ app: Application) async throws -> PracticeFixture {
        let practice = try await PracticeFixture.make(app)
        let client = try await practice.clientPartlyPaid()
        _ = try await practice.book(client, daysFromToday: 4)
        return practice
    }

    private func invariants(_ app: Application) async throws -> [String] {
        try await IntegrityCheck(database: app.db).run().map(\.invariant)
    }

    @Test func dataTheAppWroteHoldsEveryInvariant() async throws {
        try await withRapport { app in
            _ = try await used(app)
            #expect(try await IntegrityCheck(database: app.db).run().map(\.description) == [])
        }
    }

    @Test(arguments: [
        ("UPDATE invoices SET total = total + 1", 2),
        ("UPDATE invoices SET paid = paid + 1", 3),
        ("UPDATE payments SET applied = applied - 1", 4),
        ("UPDATE sessions SET fee_amount = 1 WHERE invoice_id IS NULL", 9),
        ("UPDATE client_balances SET open_invoiced = open_invoiced + 1", 8),
        ("UPDATE client_balances SET credit = credit - 1", 8),
        ("DELETE FROM open_balance_days", 8),
        ("UPDATE client_balances SET balance = balance + 1", 8),
        ("UPDATE client_balances SET sort_name = 'Someone, Else'", 8),
        ("UPDATE invoice_lines SET live = FALSE", 0),
        ("UPDATE invoice_lines SET fee_override = 1", 1),
        ("UPDATE invoice_lines SET starts_at = NULL", 1),
        ("UPDATE sessions SET self_pay = TRUE WHERE invoice_id IS NOT NULL", 1),
        ("UPDATE invoice_counters SET last_number = 0", 7),
    ])
    func eachCorruptionIsFoundWithItsRows(statement: String, invariant: Int) async throws {
        try await withRapport(checkingIntegrity: false) { app in
            _ = try await used(app)
            try await app.db.sql().raw(SQLQueryString(statement)).run()
            let found = try await IntegrityCheck(database: app.db).run()
            #expect(found.map(\.invariant).contains(IntegrityCheck.invariants[invariant]), "\(statement): \(found)")
            #expect(found.allSatisfy { !$0.rows.isEmpty })
        }
    }

    /// The start-up check: the aggregate invariants, without repricing or rehashing everything.
    @Test func theQuickCheckFindsABrokenTotalButLeavesTheFullReadsToRapportCheck() async throws {
        try await withRapport(checkingIntegrity: false) { app in
            _ = try await used(app)
            try await app.db.sql().raw("UPDATE invoices SET total = total + 1").run()
            try await app.db.sql().raw("UPDATE sessions SET fee_amount = 1 WHERE invoice_id IS NULL").run()
            try await app.db.sql().raw("UPDATE audit_events SET action = 'tampered' WHERE sequence = 2").run()
            let quick = try await IntegrityCheck(database: app.db).run(quick: true).map(\.invariant)
            #expect(quick == [IntegrityCheck.invariants[2]])
            let full = try await invariants(app)
            #expect(full.contains(IntegrityCheck.invariants[9]) && full.contains("the audit chain holds"))
        }
    }

    @Test func aChangedAuditEventBreaksTheCheck() async throws {
        try await withRapport(checkingIntegrity: false) { app in
            _ = try await used(app)
            try await app.db.sql().raw("UPDATE audit_events SET action = 'tampered' WHERE sequence = 2").run()
            #expect(try await invariants(app).contains("the audit chain holds"))
        }
    }
}
