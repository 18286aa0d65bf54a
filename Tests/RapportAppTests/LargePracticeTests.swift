import Fluent
import Foundation
import SQLKit
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

    @Test func theBulkLoadLeavesEveryTriggerAsTheMigrationsMadeItAndMarksThePractice() async throws {
        try await withRapport { app in
            let sql = try app.db.sql()
            let catalogue: SQLQueryString =
                sql.dialect.name == "postgresql"
                ? "SELECT tgname AS name, pg_get_triggerdef(oid) AS sql FROM pg_trigger WHERE NOT tgisinternal"
                : "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
            func triggers() async throws -> [String: String] {
                Dictionary(
                    uniqueKeysWithValues: try await sql.raw(catalogue).all().map {
                        (try $0.decode(column: "name", as: String.self), try $0.decode(column: "sql", as: String.self))
                    })
            }
            let fresh = try await triggers()
            #expect(fresh.keys.contains("sessions_calendar_insert") && fresh.keys.contains("invoices_kept_update"))
            let result = try await LargePractice(
                database: app.db, settings: app.settings, passwords: app.passwords, progress: { _ in }
            )
            .create(.init(clinicians: 2, clients: 4, years: 1), password: "a long enough passphrase")
            #expect(try await triggers() == fresh, "every trigger made again, as it was")
            let practiceID = try await onlyPractice(app)
            let row = try #require(
                try await sql.raw(
                    """
                    SELECT version, shared_version, calendar_version, billing_version FROM practice_versions
                    WHERE practice_id = \(bind: practiceID)
                    """
                ).first())
            let data = try row.decode(column: "version", as: Int64.self)
            for column in ["shared_version", "calendar_version", "billing_version"] {
                #expect(try row.decode(column: column, as: Int64.self) == data, "\(column): the load marks everything")
            }
            // The marks work again after the load: a booking marks its client and clinician.
            let api = APIClient(app: app, token: result.token)
            let client = try #require(try await api.get("/api/v1/clients?limit=1").json[0]["id"].string)
            let booked = try await api.post(
                "/api/v1/sessions",
                #"{"clientId": "\#(client)", "start": "2031-03-03T15:00:00Z", "allowConflicts": true}"#)
            #expect(booked.status == .created, "\(booked.text)")
            let now = try await DataVersion.current(practiceID: practiceID, on: sql)
            #expect(
                try await DataVersion.clientScreen(
                    practiceID: practiceID, clientID: try #require(UUID(uuidString: client)), on: sql)?.number == now)
            #expect(
                try await DataVersion.calendar(
                    practiceID: practiceID,
                    clinicianIDs: [try #require(UUID(uuidString: booked.json["clinicianId"].string ?? ""))], on: sql)?
                    .number == now)
        }
    }
}
