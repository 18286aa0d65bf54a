import Fluent
import Foundation
import Testing
import Vapor

@testable import RapportApp

struct BillingChangeTests {
    @Test func aServiceRateChangeIsPreviewedAppliedAndUndone() async throws {
        try await withRapport { app in
            // setup
            let fixture = try await PracticeFixture.make(app)
            let client = try await fixture.makeClient()
            let plain = try await fixture.book(client, daysFromToday: 3)
            let typed = try await fixture.book(client, daysFromToday: 4, extra: #", "fee": \#(fixture.money(9000))"#)
            let change = #"{"serviceId": "\#(fixture.therapy45)", "rate": \#(fixture.money(16000))}"#
            // act + check: preview
            let preview = try await fixture.api.post("/api/v1/billing-changes/preview", change)
            #expect(preview.json["repriced"].array.map { $0["sessionId"].string } == [plain])
            #expect(preview.json["overridesKept"].array.map { $0["sessionId"].string } == [typed])
            #expect(
                try await fixture.api.get("/api/v1/services/\(fixture.therapy45)").json["rate"]["amount"].int == 15000)
            // apply
            let applied = try await fixture.api.post("/api/v1/billing-changes", change)
            #expect(try await fixture.api.get("/api/v1/sessions/\(plain)").json["fee"]["amount"].int == 16000)
            #expect(try await fixture.api.get("/api/v1/sessions/\(typed)").json["fee"]["amount"].int == 9000)
            // undo
            let undone = try await fixture.api.post(
                "/api/v1/billing-changes/\(applied.json["changeId"].string ?? "")/undo", "")
            #expect(undone.status == .ok, "\(undone.text)")
            #expect(try await fixture.api.get("/api/v1/sessions/\(plain)").json["fee"]["amount"].int == 15000)
            #expect(
                try await fixture.api.get("/api/v1/services/\(fixture.therapy45)").json["rate"]["amount"].int == 15000)
            let twice = try await fixture.api.post(
                "/api/v1/billing-changes/\(applied.json["changeId"].string ?? "")/undo", "")
            #expect(twice.status == .conflict)
        }
    }

    @Test func undoingAClientFeeChangeBringsTheEarlierFeeBack() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let client = try await fixture.makeClient()
            let session = try await fixture.book(client, daysFromToday: 10)
            let first = try await fixture.api.patch(
                "/api/v1/clients/\(client)/billing",
                #"{"fees": [{"serviceId": "\#(fixture.therapy45)", "amount": \#(fixture.money(14000))}]}"#)
            let second = try await fixture.api.patch(
                "/api/v1/clients/\(client)/billing",
                #"{"fees": [{"serviceId": "\#(fixture.therapy45)", "amount": \#(fixture.money(12000))}]}"#)
            #expect(try await fixture.api.get("/api/v1/sessions/\(session)").json["fee"]["amount"].int == 12000)
            let early = try await fixture.api.post(
                "/api/v1/billing-changes/\(first.json["changeId"].string ?? "")/undo", "")
            #expect(early.json["error"]["code"].string == "change_superseded")
            _ = try await fixture.api.post("/api/v1/billing-changes/\(second.json["changeId"].string ?? "")/undo", "")
            #expect(try await fixture.api.get("/api/v1/sessions/\(session)").json["fee"]["amount"].int == 14000)
        }
    }

    @Test func refusesBadChanges() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let client = try await fixture.makeClient()
            let cases: [(String, String, HTTPStatus)] = [
                (
                    #"{"clientId": "\#(client)", "serviceId": "\#(fixture.therapy45)", "rate": \#(fixture.money(1))}"#,
                    "clientId", .unprocessableEntity
                ),
                (#"{"serviceId": "\#(fixture.therapy45)"}"#, "rate", .unprocessableEntity),
                (
                    #"{"serviceId": "\#(fixture.therapy45)", "rate": {"amount": -1, "currency": "USD"}}"#,
                    "rate.amount", .unprocessableEntity
                ),
                (
                    #"{"clientId": "\#(client)", "defaultServiceId": "\#(fixture.therapy60)", "effectiveFrom": "someday"}"#,
                    "effectiveFrom", .badRequest
                ),
                (
                    #"{"clientId": "\#(client)", "fees": [{"serviceId": "\#(UUID())", "amount": null}]}"#,
                    "fees[0].serviceId", .unprocessableEntity
                ),
                (#"{"clientId": "\#(client)"}"#, "defaultServiceId", .unprocessableEntity),
            ]
            for (body, field, status) in cases {
                let reply = try await fixture.api.post("/api/v1/billing-changes", body)
                #expect(reply.status == status, "\(body) → \(reply.text)")
                #expect(reply.json["error"]["fields"][field].string != nil, "\(body) → \(reply.text)")
            }
            #expect(try await BillingChange.query(on: app.db).count() == 0)
        }
    }
}

struct ReportTests {
    @Test func outstandingBalancesAreAgedByInvoiceDate() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let client = try await fixture.makeClient()
            _ = try await fixture.invoice(
                client, [try await fixture.book(client, daysFromToday: -70, attendance: "show")],
                issueDate: fixture.date(daysFromToday: -65))
            _ = try await fixture.invoice(
                client, [try await fixture.book(client, daysFromToday: -5, attendance: "show")])
            let report = try await fixture.api.get("/api/v1/reports/outstanding").json
            #expect(report["totalOpen"]["amount"].int == 30000)
            #expect(report["aging"]["61-90"]["amount"].int == 15000)
            #expect(report["aging"]["0-30"]["amount"].int == 15000)
            #expect(report["clients"][0]["clientName"].string == "Nguyen, Avery")
        }
    }

    @Test func theOutstandingReportComesAPageAtATimeWithTotalsForEveryone() async throws {
        try await withRapport { app in
            // setup: three clients owing 150.00 × 1, × 2 and × 3
            let fixture = try await PracticeFixture.make(app)
            var clients: [String] = []
            for (index, name) in ["Avery", "Blake", "Casey"].enumerated() {
                let client = try await fixture.makeClient(name, "Nguyen")
                var sessions: [String] = []
                for day in 0...index {
                    sessions.append(try await fixture.book(client, daysFromToday: -3 - day, attendance: "show"))
                }
                _ = try await fixture.invoice(client, sessions)
                clients.append(client)
            }
            // act
            let first = try await fixture.api.get("/api/v1/reports/outstanding?limit=2").json
            let second = try await fixture.api.get("/api/v1/reports/outstanding?limit=2&offset=2").json
            let refused = try await fixture.api.get("/api/v1/reports/outstanding?limit=0")
            // check
            #expect(first["clients"].array.map { $0["clientId"].string } == [clients[2], clients[1]], "largest first")
            #expect(second["clients"].array.map { $0["clientId"].string } == [clients[0]])
            #expect(first["clientCount"].int == 3)
            #expect(first["totalOpen"]["amount"].int == 90000, "totals cover every client, not the page")
            #expect(second["totalOpen"]["amount"].int == 90000)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.json["error"]["fields"]["limit"].string != nil)
        }
    }

    @Test func theStatementListsChargesAndPayments() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let client = try await fixture.makeClient()
            _ = try await fixture.invoice(
                client,
                [
                    try await fixture.book(client, daysFromToday: -10, attendance: "show"),
                    try await fixture.book(client, daysFromToday: -3, attendance: "show"),
                ])
            _ = try await fixture.pay(client, 20000)
            let range = "from=\(fixture.date(daysFromToday: -30))&to=\(fixture.today)"
            let statement = try await fixture.api.get("/api/v1/clients/\(client)/statement?\(range)").json
            #expect(statement["closingBalance"]["amount"].int == 10000)
            #expect(statement["openInvoices"].array.count == 1)
            let bad = try await fixture.api.get(
                "/api/v1/clients/\(client)/statement?from=yesterday&to=\(fixture.today)")
            #expect(bad.json["error"]["fields"]["from"].string != nil)
        }
    }

    /// A deleted or re-issued invoice is the practice's history, not the client's: the statement
    /// shows neither it nor its deletion, and its balances add up without them.
    @Test func theStatementLeavesOutWhatThePracticeDeleted() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let client = try await fixture.makeClient()
            let first = try await fixture.invoice(
                client, [try await fixture.book(client, daysFromToday: -10, attendance: "show")])
            let reissued = try await fixture.api.post("/api/v1/invoices/\(first["id"].string ?? "")/reissue", "{}")
            #expect(reissued.status == .ok || reissued.status == .created, "\(reissued.text)")
            let deleted = try await fixture.invoice(
                client, [try await fixture.book(client, daysFromToday: -5, attendance: "show")])
            let removed = try await fixture.api.delete(
                "/api/v1/invoices/\(deleted["id"].string ?? "")?reason=entered%20by%20mistake")
            #expect(removed.status == .ok, "\(removed.text)")
            _ = try await fixture.pay(client, 5000)
            let range = "from=\(fixture.date(daysFromToday: -30))&to=\(fixture.today)"
            let statement = try await fixture.api.get("/api/v1/clients/\(client)/statement?\(range)")
            let entries = statement.json["entries"].array
            #expect(entries.map { $0["kind"].string } == ["invoice", "payment"], "\(statement.text)")
            #expect(!statement.text.contains("deleted") && !statement.text.contains("mistake"))
            #expect(entries.last?["balance"]["amount"].int == 10000)
            #expect(statement.json["closingBalance"]["amount"].int == 10000)
            let ledger = try await fixture.api.get("/api/v1/clients/\(client)/ledger")
            #expect(ledger.text.contains("entered by mistake"), "the practice's own ledger keeps the history")
        }
    }
}
