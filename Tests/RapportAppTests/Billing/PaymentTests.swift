import Fluent
import Foundation
import Testing
import Vapor

@testable import RapportApp
@testable import RapportCore

struct PaymentTests {
    /// A client with two invoices of 150.00, the older one issued a month ago.
    private func twoInvoices(_ app: Application) async throws -> (PracticeFixture, String, older: JSON, newer: JSON) {
        let fixture = try await PracticeFixture.make(app)
        let client = try await fixture.makeClient()
        let older = try await fixture.invoice(
            client, [try await fixture.book(client, daysFromToday: -40, attendance: "show")],
            issueDate: fixture.date(daysFromToday: -35))
        let newer = try await fixture.invoice(
            client, [try await fixture.book(client, daysFromToday: -7, attendance: "show")])
        return (fixture, client, older, newer)
    }

    @Test func aPaymentPaysTheOldestInvoiceFirstAndTheRestIsCredit() async throws {
        try await withRapport { app in
            // setup: two invoices of 150.00, the older one issued a month ago
            let (fixture, client, older, newer) = try await twoInvoices(app)
            // act
            let payment = try await fixture.pay(client, 40000)
            // check
            #expect(payment.status == .created, "\(payment.text)")
            #expect(
                payment.json["applications"].array.map { $0["invoiceId"].string } == [
                    older["id"].string, newer["id"].string,
                ])
            #expect(payment.json["unapplied"]["amount"].int == 10000)
            let balance = try await fixture.balance(client)
            #expect(balance["invoiced"]["amount"].int == 30000)
            #expect(balance["openBalance"]["amount"].int == 0)
            #expect(balance["credit"]["amount"].int == 10000)
            #expect(balance["balance"]["amount"].int == -10000)
            #expect(
                try await fixture.api.get("/api/v1/invoices/\(older["id"].string ?? "")").json["status"].string
                    == "paid")
            // the answer, made from what was written, is the payment as stored, and its events are recorded in order
            let paymentID = try #require(payment.json["id"].string)
            let stored = try await fixture.api.get("/api/v1/payments/\(paymentID)")
            #expect(stored.status == .ok && stored.text == payment.text, "\(stored.text)")
            let entity = try #require(UUID(uuidString: paymentID))
            let events = try await AuditEvent.query(on: app.db).filter(\.$entityID == entity).sort(\.$sequence).all()
            #expect(events.map(\.action) == ["create", "apply", "apply"])
            let first = try #require(events.first).sequence
            #expect(events.map(\.sequence) == Array(first...first + 2))
        }
    }

    @Test func unbilledWorkIsShownApartNeverAsCredit() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let client = try await fixture.makeClient()
            _ = try await fixture.book(client, daysFromToday: -2, attendance: "show")
            _ = try await fixture.book(client, daysFromToday: 5)
            let balance = try await fixture.balance(client)
            #expect(balance["unbilled"]["sessions"].int == 1)
            #expect(balance["unbilled"]["amount"]["amount"].int == 15000)
            #expect(balance["balance"]["amount"].int == 0)
            #expect(balance["credit"]["amount"].int == 0)
        }
    }

    /// A client with a held $150.00 session on an unpaid invoice, and a payment of `amount` applied to nothing.
    static func unappliedPayment(
        _ amount: Int, _ app: Application
    ) async throws -> (PracticeFixture, client: String, invoiceID: String, paymentID: String) {
        let fixture = try await PracticeFixture.make(app)
        let client = try await fixture.makeClient()
        let invoice = try await fixture.invoice(
            client, [try await fixture.book(client, daysFromToday: -7, attendance: "show")])
        let payment = try await fixture.pay(client, amount, apply: #""none""#)
        return (fixture, client, invoice["id"].string ?? "", payment.json["id"].string ?? "")
    }

    @Test func applyingAndUnapplyingMovesMoneyBetweenInvoiceAndCredit() async throws {
        try await withRapport { app in
            let (fixture, client, invoiceID, paymentID) = try await Self.unappliedPayment(10000, app)
            #expect(try await fixture.balance(client)["credit"]["amount"].int == 10000)
            let applied = try await fixture.api.post(
                "/api/v1/payments/\(paymentID)/applications",
                #"{"invoiceId": "\#(invoiceID)", "amount": \#(fixture.money(6000))}"#)
            #expect(applied.json["applied"]["amount"].int == 6000)
            let tooMuch = try await fixture.api.post(
                "/api/v1/payments/\(paymentID)/applications",
                #"{"invoiceId": "\#(invoiceID)", "amount": \#(fixture.money(5000))}"#)
            #expect(tooMuch.status == .unprocessableEntity)
            #expect(tooMuch.json["error"]["fields"]["amount"].string?.contains("left on this payment") == true)
            let application = applied.json["applications"][0]["id"].string ?? ""
            let unapplied = try await fixture.api.delete("/api/v1/payments/\(paymentID)/applications/\(application)")
            #expect(unapplied.json["applied"]["amount"].int == 0)
            let balance = try await fixture.balance(client)
            #expect(balance["openBalance"]["amount"].int == 15000)
            #expect(balance["credit"]["amount"].int == 10000)
            #expect(
                try await fixture.api.delete("/api/v1/invoices/\(invoiceID)").status == .ok,
                "no payments left: it can be deleted")
        }
    }

    @Test func applyingToAnInvoiceWithoutAnAmountAppliesAsMuchAsBothAllow() async throws {
        try await withRapport { app in
            let (fixture, client, invoiceID, paymentID) = try await Self.unappliedPayment(20000, app)
            let path = "/api/v1/payments/\(paymentID)/applications"

            let unknown = try await fixture.api.post(path, #"{"invoiceId": "\#(UUID().uuidString)"}"#)
            #expect(unknown.status == .unprocessableEntity)
            #expect(unknown.json["error"]["fields"]["invoiceId"].string?.contains("does not name an invoice") == true)
            let applied = try await fixture.api.post(path, #"{"invoiceId": "\#(invoiceID)"}"#)
            #expect(applied.status == .ok, "\(applied.text)")
            #expect(applied.json["applied"]["amount"].int == 15000, "the invoice's whole balance, not the payment's")
            let again = try await fixture.api.post(path, #"{"invoiceId": "\#(invoiceID)"}"#)
            #expect(again.status == .unprocessableEntity, "the invoice owes nothing more")
            #expect(again.json["error"]["fields"]["amount.amount"].string == "must be more than zero")
            #expect(try await fixture.balance(client)["credit"]["amount"].int == 5000)
        }
    }

    @Test func refusesBadPaymentsAndWritesNothing() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let client = try await fixture.makeClient()
            let other = try await fixture.makeClient("Blake", "Garcia")
            let theirs = try await fixture.invoice(
                other, [try await fixture.book(other, daysFromToday: -3, attendance: "show")])
            let mine = try await fixture.invoice(
                client, [try await fixture.book(client, daysFromToday: -3, attendance: "show")])
            let cases: [(String, String)] = [
                (
                    #"{"clientId": "\#(client)", "amount": {"amount": 0, "currency": "USD"}, "method": "card"}"#,
                    "amount.amount"
                ),
                (
                    #"{"clientId": "\#(client)", "amount": {"amount": -500, "currency": "USD"}, "method": "card"}"#,
                    "amount.amount"
                ),
                (
                    #"{"clientId": "\#(client)", "amount": {"amount": 500, "currency": "EUR"}, "method": "card"}"#,
                    "amount.currency"
                ),
                (
                    #"{"clientId": "\#(client)", "amount": {"amount": 500, "currency": "USD"}, "method": "bitcoin"}"#,
                    "method"
                ),
                (
                    #"{"clientId": "\#(client)", "amount": {"amount": 500, "currency": "USD"}, "method": "cash", "receivedOn": "2999-01-01"}"#,
                    "receivedOn"
                ),
                (
                    #"{"clientId": "\#(client)", "amount": {"amount": 50000, "currency": "USD"}, "method": "cash", "apply": [{"invoiceId": "\#(mine["id"].string ?? "")", "amount": {"amount": 20000, "currency": "USD"}}]}"#,
                    "apply[0].amount"
                ),
                (
                    #"{"clientId": "\#(client)", "amount": {"amount": 500, "currency": "USD"}, "method": "cash", "apply": [{"invoiceId": "\#(theirs["id"].string ?? "")", "amount": {"amount": 500, "currency": "USD"}}]}"#,
                    "apply[0].invoiceId"
                ),
                (
                    #"{"clientId": "\#(UUID())", "amount": {"amount": 500, "currency": "USD"}, "method": "cash"}"#,
                    "clientId"
                ),
            ]
            for (body, field) in cases {
                let reply = try await fixture.api.post("/api/v1/payments", body)
                #expect(reply.status == .unprocessableEntity, "\(body) → \(reply.text)")
                #expect(reply.json["error"]["fields"][field].string != nil, "\(body) → \(reply.text)")
            }
            #expect(try await Payment.query(on: app.db).count() == 0, "nothing was written")
            #expect(
                try await fixture.api.get("/api/v1/invoices/\(mine["id"].string ?? "")").json["paid"]["amount"].int == 0
            )
        }
    }

    /// Property: after any sequence of invoices, payments, applications and unapplications,
    /// balance = invoiced − applied − credit, credit = payments − applied, invoice total = sum of
    /// its lines, and the ledger ends at the balance.
    @Test func balancesAddUpAfterAnySequenceOfEvents() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let client = try await fixture.makeClient()
            var random = SplitMix64(seed: 99)
            var payments: [String] = []
            var day = -200
            for _ in 0..<25 {
                day += 3
                switch Int.random(in: 0..<4, using: &random) {
                case 0, 1:
                    let attendance =
                        ["show", "show", "lateCancelled", "noShow"].randomElement(using: &random) ?? "show"
                    let session = try await fixture.book(
                        client, daysFromToday: day, attendance: attendance,
                        extra: #", "fee": \#(fixture.money(Int.random(in: 5000...20000, using: &random)))"#)
                    if attendance == "show" {
                        _ = try await fixture.invoice(client, [session], issueDate: fixture.date(daysFromToday: day))
                    }
                case 2:
                    let reply = try await fixture.pay(
                        client, Int.random(in: 1000...30000, using: &random),
                        apply: Bool.random(using: &random) ? #""auto""# : #""none""#)
                    if let id = reply.json["id"].string { payments.append(id) }
                default:
                    guard let payment = payments.randomElement(using: &random) else { continue }
                    let current = try await fixture.api.get("/api/v1/payments/\(payment)").json
                    if let application = current["applications"].array.first?["id"].string, Bool.random(using: &random)
                    {
                        _ = try await fixture.api.delete("/api/v1/payments/\(payment)/applications/\(application)")
                    } else {
                        _ = try await fixture.api.post("/api/v1/payments/\(payment)/applications", "")
                    }
                }
            }
            let invoices = try await Invoice.query(on: app.db).filter(\.$deletedAt == nil).all()
            for invoice in invoices {
                let lines = try await InvoiceLine.query(on: app.db).filter(\.$invoiceID == invoice.requireID()).all()
                #expect(invoice.total == lines.reduce(0) { $0 + $1.amount })
                let applied = try await PaymentApplication.query(on: app.db).filter(\.$invoiceID == invoice.requireID())
                    .all()
                #expect(invoice.paid == applied.reduce(0) { $0 + $1.amount })
                #expect(invoice.paid <= invoice.total)
            }
            let allPayments = try await Payment.query(on: app.db).all()
            let applications = try await PaymentApplication.query(on: app.db).all()
            let invoiced = invoices.reduce(Int64(0)) { $0 + $1.total }
            let applied = applications.reduce(Int64(0)) { $0 + $1.amount }
            let received = allPayments.reduce(Int64(0)) { $0 + $1.amount }
            let balance = try await fixture.balance(client)
            #expect(balance["openBalance"]["amount"].int.map(Int64.init) == invoiced - applied)
            #expect(balance["credit"]["amount"].int.map(Int64.init) == received - applied)
            #expect(balance["balance"]["amount"].int.map(Int64.init) == invoiced - received)
            let ledger = try await fixture.api.get("/api/v1/clients/\(client)/ledger").json.array
            #expect(ledger.last?["balance"]["amount"].int == balance["balance"]["amount"].int)
        }
    }

    /// Applications are listed in a stated order, not the order the database happens to keep the
    /// rows in (a restored backup or a moved row keeps them in another): a payment's in the order they
    /// were made, an invoice's payments by the day each came, then as applied.
    @Test func applicationsAreListedInTheOrderTheyWereMadeWhateverTheRowsOrder() async throws {
        try await withRapport { app in
            let (fixture, client, older, newer) = try await twoInvoices(app)
            let payment = try #require(try await fixture.pay(client, 20000).json["id"].string)
            let early = try await fixture.api.post(
                "/api/v1/payments",
                """
                {"clientId": "\(client)", "amount": \(fixture.money(1000)), "method": "check", "apply": "auto",
                 "receivedOn": "\(fixture.date(daysFromToday: -3))"}
                """)
            #expect(early.status == .created, "\(early.text)")
            let late = try await fixture.api.post(
                "/api/v1/payments",
                """
                {"clientId": "\(client)", "amount": \(fixture.money(5000)), "method": "cash", "apply": "auto",
                 "receivedOn": "\(fixture.date(daysFromToday: -1))"}
                """)
            #expect(late.status == .created, "\(late.text)")
            // The rows moved: each application written again, newest first, so the database keeps
            // them in the reverse of the order they were made.
            let sql = try app.db.sql()
            let rows = try await PaymentApplication.query(on: app.db).sort(\.$createdAt, .descending).all()
            for row in rows {
                let id = try row.requireID()
                try await sql.raw("DELETE FROM payment_applications WHERE id = \(bind: id)").run()
                try await sql.raw(
                    """
                    INSERT INTO payment_applications (id, practice_id, payment_id, invoice_id, amount, created_at)
                    VALUES (\(bind: id), \(bind: row.practiceID), \(bind: row.paymentID), \(bind: row.invoiceID),
                            \(bind: row.amount), \(bind: row.createdAt))
                    """
                ).run()
            }
            // check
            let ids = { (json: JSON) in json["applications"].array.map { $0["invoiceId"].string } }
            #expect(
                ids(try await fixture.api.get("/api/v1/payments/\(payment)").json) == [
                    older["id"].string, newer["id"].string,
                ])
            let listed = try await fixture.api.get("/api/v1/payments?clientId=\(client)").json.array
            #expect(
                ids(listed.first { $0["id"].string == payment } ?? JSON(parsing: "null")) == [
                    older["id"].string, newer["id"].string,
                ])
            let onNewer = try await fixture.api.get("/api/v1/invoices/\(newer["id"].string ?? "")").json
            #expect(
                onNewer["payments"].array.map { $0["paymentId"].string } == [
                    early.json["id"].string, late.json["id"].string, payment,
                ],
                "\(onNewer["payments"])")
        }
    }
}
