import Fluent
import Foundation
import Testing
import Vapor

@testable import RapportApp

struct ClientOverviewTests {
    @Test func theOverviewGathersTheClientScreenInOneCall() async throws {
        try await withRapport { app in
            // setup: three past sessions (two invoiced, partly paid), two upcoming, then a new custom fee
            let fixture = try await PracticeFixture.make(app)
            let client = try await fixture.makeClient("Avery", "Nguyen")
            let oldest = try await fixture.book(client, daysFromToday: -9, attendance: "show")
            let middle = try await fixture.book(client, daysFromToday: -6, attendance: "show")
            let latest = try await fixture.book(client, daysFromToday: -3, attendance: "show")
            let soon = try await fixture.book(client, daysFromToday: 2)
            let later = try await fixture.book(
                client, daysFromToday: 5, extra: #", "fee": \#(fixture.money(9000))"#)
            let invoice = try await fixture.invoice(client, [oldest, middle])
            #expect(try await fixture.pay(client, 10000).status == .created)
            _ = try await fixture.api.patch(
                "/api/v1/clients/\(client)/billing",
                #"{"fees": [{"serviceId": "\#(fixture.therapy45)", "amount": \#(fixture.money(12000))}]}"#)
            // act
            let reply = try await fixture.api.get("/api/v1/clients/\(client)/overview")
            // check
            #expect(reply.status == .ok, "\(reply.text)")
            let overview = reply.json
            #expect(overview["client"]["firstName"].string == "Avery")
            #expect(overview["recent"].array.map { $0["id"].string } == [latest, middle, oldest], "newest first")
            #expect(overview["upcoming"].array.map { $0["id"].string } == [soon, later], "soonest first")
            #expect(overview["recent"].array.first?["fee"]["amount"].int == 12000, "unbilled follows the new fee")
            #expect(overview["recent"].array.last?["fee"]["amount"].int == 15000, "billed stays frozen")
            #expect(overview["balance"]["openBalance"]["amount"].int == 20000)
            #expect(overview["balance"]["unbilled"]["sessions"].int == 1)
            #expect(overview["balance"]["unbilled"]["amount"]["amount"].int == 12000)
            #expect(overview["billing"]["fees"].array.count == 1)
            #expect(overview["invoices"].array.map { $0["id"].string } == [invoice["id"].string])
            #expect(
                Set(overview["billedDifferently"].array.map { $0["sessionId"].string }) == [oldest, middle],
                "both billed sessions now differ from the rules")
            #expect(overview["unbilledWithOverride"].array.map { $0["sessionId"].string } == [later])
            let audit = try await AuditEvent.query(on: app.db).filter(\.$action == "read").all()
            #expect(audit.contains { $0.entityID == UUID(uuidString: client) }, "the read is audited")
        }
    }

    @Test func anotherPracticesClientHasNoOverview() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let other = try await SecondPractice.make(app)
            let theirs = try await other.api.post("/api/v1/clients", #"{"firstName": "Casey", "lastName": "Smith"}"#)
            let reply = try await fixture.api.get("/api/v1/clients/\(theirs.json["id"].string ?? "")/overview")
            #expect(reply.status == .notFound)
            #expect(reply.json["error"]["code"].string == "not_found")
        }
    }
}
