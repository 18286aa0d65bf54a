import Fluent
import Foundation
import Testing
import Vapor

@testable import RapportApp

struct InvoiceTests {
    @Test func anInvoiceFreezesItsPricesWhileUnbilledSessionsFollowTheRules() async throws {
        try await withRapport { app in
            // setup
            let fixture = try await PracticeFixture.make(app)
            let client = try await fixture.makeClient()
            let billed = try await fixture.book(client, daysFromToday: -14, attendance: "show")
            let unbilled = try await fixture.book(client, daysFromToday: -7, attendance: "show")
            let invoice = try await fixture.invoice(client, [billed])
            // act: the client's fee changes for every unbilled session
            _ = try await fixture.api.patch(
                "/api/v1/clients/\(client)/billing",
                #"{"fees": [{"serviceId": "\#(fixture.therapy45)", "amount": \#(fixture.money(13000))}]}"#)
            // check
            let read = try await fixture.api.get("/api/v1/invoices/\(invoice["id"].string ?? "")")
            #expect(read.json["number"].int == 1)
            #expect(read.json["total"]["amount"].int == 15000)
            #expect(read.json["lines"][0]["serviceCode"].string == "90834")
            #expect(read.json["lines"][0]["amount"]["amount"].int == 15000)
            #expect(read.json["lines"][0]["clinician"].string == "Maya Chen")
            #expect(try await fixture.api.get("/api/v1/sessions/\(billed)").json["fee"]["amount"].int == 15000)
            #expect(try await fixture.api.get("/api/v1/sessions/\(billed)").json["billed"].bool == true)
            #expect(try await fixture.api.get("/api/v1/sessions/\(unbilled)").json["fee"]["amount"].int == 13000)
        }
    }

    @Test func lateCancelAndNoShowBillByThePracticeRule() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            _ = try await fixture.api.patch(
                "/api/v1/practice",
                """
                {"lateCancel": {"kind": "percent", "percent": 50}, "noShow": {"kind": "fixed", "amount": \(fixture.money(4000))}}
                """)
            let client = try await fixture.makeClient()
            let late = try await fixture.book(client, daysFromToday: -3, attendance: "lateCancelled")
            let missed = try await fixture.book(client, daysFromToday: -2, attendance: "noShow")
            let invoice = try await fixture.invoice(client, [late, missed])
            #expect(invoice["lines"].array.map { $0["amount"]["amount"].int } == [7500, 4000])
            #expect(invoice["total"]["amount"].int == 11500)
        }
    }

    @Test func refusesSessionsThatCannotBeInvoicedAndWritesNothing() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let client = try await fixture.makeClient()
            let other = try await fixture.makeClient("Blake", "Garcia")
            let cancelled = try await fixture.book(client, daysFromToday: -5, attendance: "cancelled")
            let theirs = try await fixture.book(other, daysFromToday: -5, attendance: "show")
            let billed = try await fixture.book(client, daysFromToday: -4, attendance: "show")
            _ = try await fixture.invoice(client, [billed])
            let fine = try await fixture.book(client, daysFromToday: -3, attendance: "show")
            let reply = try await fixture.api.post(
                "/api/v1/invoices",
                """
                {"clientId": "\(client)", "sessionIds": ["\(fine)", "\(cancelled)", "\(theirs)", "\(billed)", "\(UUID())"]}
                """)
            #expect(reply.status == .unprocessableEntity)
            let fields = reply.json["error"]["fields"]
            #expect(fields["sessionIds[1]"].string?.contains("cancelled") == true)
            #expect(fields["sessionIds[2]"].string == "is another client's session")
            #expect(fields["sessionIds[3]"].string == "is already billed on invoice #1")
            #expect(fields["sessionIds[4]"].string != nil)
            #expect(fields["sessionIds[0]"].isNull)
            let empty = try await fixture.api.post("/api/v1/invoices", #"{"clientId": "\#(client)", "sessionIds": []}"#)
            #expect(empty.json["error"]["fields"]["sessionIds"].string != nil)
            #expect(try await Invoice.query(on: app.db).count() == 1, "nothing was written")
            #expect(try await fixture.api.get("/api/v1/sessions/\(fine)").json["billed"].bool == false)
        }
    }

    @Test func deletingAnInvoiceUnbillsItsSessionsKeepsItInHistoryAndNeverReusesItsNumber() async throws {
        try await withRapport { app in
            // setup
            let fixture = try await PracticeFixture.make(app)
            let client = try await fixture.makeClient()
            let session = try await fixture.book(client, daysFromToday: -7, attendance: "show")
            let first = try await fixture.invoice(client, [session])
            _ = try await fixture.api.patch(
                "/api/v1/clients/\(client)/billing", #"{"defaultServiceId": "\#(fixture.therapy60)"}"#)
            // act
            let deleted = try await fixture.api.delete(
                "/api/v1/invoices/\(first["id"].string ?? "")?reason=wrong%20code")
            let again = try await fixture.invoice(client, [session])
            // check
            #expect(deleted.json["status"].string == "deleted")
            #expect(deleted.json["deleted"]["by"].string == "Maya Chen")
            #expect(deleted.json["deleted"]["reason"].string == "wrong code")
            #expect(again["number"].int == 2, "number 1 is never used again")
            #expect(
                again["lines"][0]["serviceCode"].string == "90837", "unbilled again, it followed the client's rules")
            let history = try await fixture.api.get("/api/v1/invoices?clientId=\(client)&status=deleted")
            #expect(history.json.array.map { $0["number"].int } == [1])
            let ledger = try await fixture.api.get("/api/v1/clients/\(client)/ledger")
            #expect(ledger.json.array.map { $0["kind"].string } == ["invoice", "invoiceDeleted", "invoice"])
            #expect(ledger.json.array.last?["balance"]["amount"].int == 18000)
        }
    }

    @Test func aPaidInvoiceCannotBeDeleted() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let client = try await fixture.makeClient()
            let invoice = try await fixture.invoice(
                client, [try await fixture.book(client, daysFromToday: -7, attendance: "show")])
            _ = try await fixture.pay(client, 5000)
            let reply = try await fixture.api.delete("/api/v1/invoices/\(invoice["id"].string ?? "")")
            #expect(reply.status == .conflict)
            #expect(reply.json["error"]["code"].string == "invoice_has_payments")
            #expect(reply.json["error"]["message"].string?.contains("unapply the payments first") == true)
            #expect(
                try await fixture.api.get("/api/v1/invoices/\(invoice["id"].string ?? "")").json["status"].string
                    == "open")
        }
    }

    @Test func reissueBillsTheSameSessionsAtTodaysRules() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let client = try await fixture.makeClient()
            let sessions = [
                try await fixture.book(client, daysFromToday: -14, attendance: "show"),
                try await fixture.book(client, daysFromToday: -7, attendance: "show"),
            ]
            let old = try await fixture.invoice(client, sessions)
            _ = try await fixture.api.patch(
                "/api/v1/clients/\(client)/billing",
                #"{"fees": [{"serviceId": "\#(fixture.therapy45)", "amount": \#(fixture.money(13000))}]}"#)
            let reply = try await fixture.api.post("/api/v1/invoices/\(old["id"].string ?? "")/reissue", "")
            #expect(reply.status == .created, "\(reply.text)")
            #expect(reply.json["total"]["amount"].int == 26000)
            #expect(reply.json["origin"].string == "reissue")
            let replaced = try await fixture.api.get("/api/v1/invoices/\(old["id"].string ?? "")")
            #expect(replaced.json["status"].string == "deleted")
            #expect(replaced.json["replacedByInvoiceId"].string == reply.json["id"].string)
            let check = try await fixture.api.get("/api/v1/billing-check?clientId=\(client)")
            #expect(check.json["billedDifferently"].array.isEmpty)
        }
    }

    @Test func invoiceNumbersAreDistinctUnderConcurrency() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let client = try await fixture.makeClient()
            var sessions: [String] = []
            for day in 1...8 {
                sessions.append(try await fixture.book(client, daysFromToday: -day, attendance: "show"))
            }
            let numbers = try await withThrowingTaskGroup(of: Int?.self) { group in
                for session in sessions {
                    group.addTask {
                        let reply = try await fixture.api.post(
                            "/api/v1/invoices", #"{"clientId": "\#(client)", "sessionIds": ["\#(session)"]}"#)
                        return reply.json["number"].int
                    }
                }
                return try await group.reduce(into: [Int]()) { if let number = $1 { $0.append(number) } }
            }
            #expect(numbers.sorted() == Array(1...8))
        }
    }
}
