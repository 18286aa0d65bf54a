import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import RapportApp
@testable import RapportCore

/// Importing opening balances: what clients owed, or had in credit, in the previous product.
struct BalanceImportTests {
    func importer(_ app: Application) async throws -> BalanceImport {
        let practice = try #require(try await Practice.query(on: app.db).first())
        return BalanceImport(database: app.db, actor: .rapport("Import test", practiceID: try practice.requireID()))
    }

    /// Three clients from a client list with external ids.
    func clients(_ fixture: PracticeFixture) async throws {
        let file = #"id,first_name,last_name\nA-1,Avery,Nguyen\nA-2,Blake,Lee\nA-3,Casey,Park\n"#
        let made = try await fixture.api.post("/api/v1/imports/clients", #"{"csv": "\#(file)", "dryRun": false}"#)
        #expect(made.json["added"].int == 3, "\(made.text)")
    }

    func client(_ app: Application, _ external: String) async throws -> UUID {
        try #require(try await Client.query(on: app.db).filter(\.$externalID == external).first()).requireID()
    }

    @Test func owedBecomesAnInvoiceACreditAnUnappliedPaymentAndARerunChangesNothing() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            try await clients(fixture)
            let file = """
                Client ID,Client Name,Balance Due,As Of
                A-1,,"$1,240.50",11/30/2026
                ,Blake Lee,(40.00),11/30/2026
                A-3,,0.00,11/30/2026
                """
            let check = try await importer(app).run(Data(file.utf8), commit: false)
            #expect(check.problems == [], "\(check.problems)")
            #expect(check.added == 2 && !check.imported, "a zero balance adds nothing: \(check)")
            #expect(try await Invoice.query(on: app.db).count() == 0, "a dry run writes nothing")

            let done = try await importer(app).run(Data(file.utf8), commit: true)
            #expect(done.imported && done.added == 2)
            let avery = try await client(app, "A-1")
            let invoice = try #require(try await Invoice.query(on: app.db).filter(\.$clientID == avery).first())
            #expect(invoice.origin == .openingBalance && invoice.total == 124_050 && invoice.broughtForward == 124_050)
            #expect(invoice.issueDate.description == "2026-11-30")
            #expect(try await InvoiceLine.query(on: app.db).count() == 0, "a balance brought forward has no sessions")
            let balance = try await fixture.api.get("/api/v1/clients/\(avery)/balance")
            #expect(balance.json["balance"]["amount"].int == 124_050, "\(balance.text)")
            let ledger = try await fixture.api.get("/api/v1/clients/\(avery)/ledger")
            #expect(ledger.text.contains("Balance brought forward (invoice #\(invoice.number))"), "\(ledger.text)")
            let shown = try await fixture.api.get("/api/v1/invoices/\(try invoice.requireID())")
            #expect(shown.json["broughtForward"]["amount"].int == 124_050 && shown.json["origin"].string == "openingBalance")

            let blake = try await client(app, "A-2")
            let credit = try #require(try await Payment.query(on: app.db).filter(\.$clientID == blake).first())
            #expect(credit.amount == 4_000 && credit.applied == 0 && credit.broughtForward)
            let blakes = try await fixture.api.get("/api/v1/clients/\(blake)/balance")
            #expect(blakes.json["credit"]["amount"].int == 4_000 && blakes.json["balance"]["amount"].int == -4_000)

            let again = try await importer(app).run(Data(file.utf8), commit: true)
            #expect(again.imported && again.added == 0 && again.updated == 0, "the same balances change nothing")
            #expect(try await Invoice.query(on: app.db).count() == 1)
            #expect(try await Payment.query(on: app.db).count() == 1)

            let reissue = try await fixture.api.post("/api/v1/invoices/\(try invoice.requireID())/reissue", "{}")
            #expect(reissue.status == .conflict && reissue.text.contains("no sessions"), "\(reissue.text)")
        }
    }

    @Test func aCorrectedBalanceReplacesTheUnpaidOneAndIsRefusedOncePaid() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            try await clients(fixture)
            _ = try await importer(app).run(Data("client,balance\nA-1,300.00\nA-2,-25.00\n".utf8), commit: true)
            let avery = try await client(app, "A-1")
            let first = try #require(try await Invoice.query(on: app.db).filter(\.$clientID == avery).first())

            let corrected = try await importer(app).run(Data("client,balance\nA-1,320.00\nA-2,25.00\n".utf8), commit: true)
            #expect(corrected.imported && corrected.updated == 2, "\(corrected.problems)")
            let old = try #require(try await Invoice.find(first.id, on: app.db))
            #expect(old.deletedAt != nil && old.replacedByInvoiceID != nil, "the earlier balance stays in the history")
            let live = try await Invoice.query(on: app.db).filter(\.$deletedAt == nil).all()
            #expect(live.map(\.total).sorted() == [2_500, 32_000], "Blake's credit became a balance owed")
            #expect(try await Payment.query(on: app.db).count() == 0, "the unapplied credit it replaced is gone")

            let current = try #require(live.first { $0.clientID == avery })
            let paid = try await fixture.api.post(
                "/api/v1/payments",
                #"{"clientId": "\#(avery)", "amount": \#(fixture.money(10_000)), "method": "cash", "apply": "auto"}"#)
            #expect(paid.status == .created, "\(paid.text)")
            let refused = try await importer(app).run(Data("client,balance\nA-1,350.00\n".utf8), commit: true)
            #expect(!refused.imported)
            #expect(refused.problems.first?.column == "balance" && refused.problems.first?.message.contains("unapply") == true)
            #expect(try await Invoice.find(current.id, on: app.db)?.total == 32_000, "nothing was changed")
        }
    }

    @Test func everyProblemIsNamedByRowAndColumnAndNothingIsWritten() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            try await clients(fixture)
            _ = try await fixture.makeClient("Avery", "Nguyen")
            let tomorrow = fixture.zone.localDate(Date()).adding(days: 1)
            let file = """
                client,balance,as_of
                A-1,100.00,2026-11-30
                Nobody Here,10.00,2026-11-30
                Avery Nguyen,10.00,2026-11-30
                A-2,ten dollars,2026-11-30
                A-3,-(5.00),2026-11-30
                A-1,20.00,2026-11-30
                A-2,5.00,\(tomorrow)
                ,5.00,2026-11-30
                """
            let report = try await importer(app).run(Data(file.utf8), commit: true)
            #expect(!report.imported)
            let found = Set(report.problems.map { "\($0.row) \($0.column)" })
            for cell in ["3 client", "4 client", "5 balance", "6 balance", "7 client", "8 as_of", "9 client"] {
                #expect(found.contains(cell), "expected a problem at \(cell): \(report.problems)")
            }
            #expect(report.problems.first { $0.row == 4 }?.message.contains("2 clients are named") == true)
            #expect(report.problems.first { $0.row == 7 }?.message.contains("also the client of row 2") == true)
            #expect(try await Invoice.query(on: app.db).count() == 0)
            #expect(try await Payment.query(on: app.db).count() == 0)

            let header = try await importer(app).run(Data("name,amount_paid\nA-1,10\n".utf8), commit: false)
            #expect(header.problems.first?.message.contains("the header lacks balance") == true, "\(header.problems)")
            let api = try await fixture.api.post(
                "/api/v1/imports/balances", #"{"csv": "client,balance\nA-1,oops\n", "dryRun": false}"#)
            #expect(api.status == .unprocessableEntity && api.text.contains("csv"), "\(api.text)")
        }
    }
}

struct BalanceImportFieldTests {
    @Test func creditsAsAccountingExportsWriteThem() {
        #expect(BalanceImportField.signed("150.00")! == (false, "150.00"))
        #expect(BalanceImportField.signed("-40.00")! == (true, "40.00"))
        #expect(BalanceImportField.signed("(40.00)")! == (true, "40.00"))
        #expect(BalanceImportField.signed("40.00-")! == (true, "40.00"))
        #expect(BalanceImportField.signed("40.00 CR")! == (true, "40.00"))
        #expect(BalanceImportField.signed("-$40.00")! == (true, "$40.00"))
        #expect(BalanceImportField.signed("-(40.00)") == nil && BalanceImportField.signed("(-40)") == nil)
        #expect(BalanceImportField.signed("") == nil && BalanceImportField.signed("--5") == nil)
    }
}
