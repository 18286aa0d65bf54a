import Fluent
import Foundation
import Testing
import Vapor

@testable import RapportApp

/// The generator behind `rapport demo --size large`, at a size a test can afford.
struct LargePracticeTests {
    @Test func theGeneratedPracticeObeysEveryBillingRule() async throws {
        try await withRapport { app in
            // act
            let result = try await LargePractice(
                database: app.db, settings: app.settings, passwords: app.passwords, progress: { _ in }
            )
            .create(.init(clinicians: 3, clients: 12, years: 1), password: "a long enough passphrase")
            // check: the numbers add up and the API reads it like any practice
            let api = APIClient(app: app, token: result.token)
            #expect(try await Session.query(on: app.db).count() == result.sessions)
            #expect(result.sessions > 12 * 52 / 2, "a year of weekly and every-other-week sessions, and the horizon")
            #expect(result.invoices > 0 && result.payments > 0 && result.payments <= result.invoices)
            for invoice in try await Invoice.query(on: app.db).all() {
                let lines = try await InvoiceLine.query(on: app.db).filter(\.$invoiceID == invoice.requireID()).all()
                #expect(invoice.total == lines.reduce(0) { $0 + $1.amount })
                #expect(invoice.paid == 0 || invoice.paid == invoice.total)
            }
            let billed = try await Session.query(on: app.db).filter(\.$invoiceID != nil).count()
            #expect(billed == (try await InvoiceLine.query(on: app.db).filter(\.$live == true).count()))
            let check = try await api.get("/api/v1/billing-check")
            #expect(
                check.json["billedDifferently"].array.isEmpty, "every invoice line matches the rules it was made with")
            #expect(check.json["unbilledWithOverride"].array.isEmpty)
            let next = try await api.post(
                "/api/v1/invoices/run",
                #"{"through": "\#(try await PracticeContext.load(Practice.query(on: app.db).first()?.requireID() ?? UUID(), on: app.db).today.adding(days: -1))"}"#
            )
            #expect(next.status == .ok, "\(next.text)")
            #expect(try await AuditChain.verify(on: app.db).flatMap(\.problems) == [])
        }
    }
}
