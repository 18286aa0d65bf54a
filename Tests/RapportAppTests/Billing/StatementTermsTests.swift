import Foundation
import Testing
import Vapor

@testable import RapportApp

/// A statement a client can act on: who the practice is and how to reach it, the amount due and the
/// date to pay it by (the practice's terms).
struct StatementTermsTests {
    @Test func theStatementSaysWhoToPayHowMuchAndByWhen() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let client = try await fixture.makeClient()
            _ = try await fixture.invoice(client, [try await fixture.book(client, daysFromToday: -3, attendance: "show")])
            let range = "from=\(fixture.date(daysFromToday: -30))&to=\(fixture.today)"
            let bare = try await fixture.api.get("/api/v1/clients/\(client)/statement?\(range)").json
            #expect(bare["issuedOn"].string == fixture.today)
            #expect(bare["dueOn"].string == fixture.date(daysFromToday: 30), "30 days unless the practice chooses")
            #expect(bare["amountDue"]["amount"].int == 15000)
            #expect(bare["practiceContact"]["phone"].string == nil, "no billing provider yet: nothing made up")

            try await fixture.completeForSuperbills(client)
            let onReceipt = try await fixture.api.patch("/api/v1/practice", #"{"paymentDueDays": 0}"#)
            #expect(onReceipt.json["paymentDueDays"].int == 0, "\(onReceipt.text)")
            let statement = try await fixture.api.get("/api/v1/clients/\(client)/statement?\(range)").json
            #expect(statement["dueOn"].string == fixture.today)
            #expect(statement["practiceContact"]["phone"].string == "(217) 555-0100")
            #expect(statement["practiceContact"]["taxId"].string == "12-3456789")
            #expect(statement["practiceContact"]["address"]["city"].string == "Springfield")

            _ = try await fixture.pay(client, 20000)
            let inCredit = try await fixture.api.get("/api/v1/clients/\(client)/statement?\(range)").json
            #expect(inCredit["closingBalance"]["amount"].int == -5000)
            #expect(inCredit["amountDue"]["amount"].int == 0, "a credit is not an amount due")
        }
    }

    @Test func paymentTermsOutsideZeroTo365DaysAreRefusedByName() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            for bad in ["-1", "366", "\"30\"", "1.5"] {
                let refused = try await fixture.api.patch("/api/v1/practice", #"{"paymentDueDays": \#(bad)}"#)
                #expect([.badRequest, .unprocessableEntity].contains(refused.status), "\(bad): \(refused.text)")
                #expect(refused.json["error"]["fields"]["paymentDueDays"].string != nil, "\(bad): \(refused.text)")
            }
            #expect(try await fixture.api.get("/api/v1/practice").json["paymentDueDays"].int == 30)
        }
    }

    @Test func clientsAreListedForOneClinician() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let sam = try await fixture.api.post("/api/v1/clinicians", #"{"name": "Sam Ortiz"}"#).json["id"].string ?? ""
            let mine = try await fixture.makeClient("Avery", "Nguyen")
            let other = try await fixture.api.post(
                "/api/v1/clients", #"{"firstName": "Avery", "lastName": "Nguyen", "primaryClinicianId": "\#(sam)"}"#)
            #expect(other.status == .created)
            let all = try await fixture.api.get("/api/v1/clients").json.array
            #expect(all.count == 2)
            let sams = try await fixture.api.get("/api/v1/clients?clinicianId=\(sam)").json.array
            #expect(sams.compactMap { $0["id"].string } == [other.json["id"].string].compactMap { $0 })
            let owners = try await fixture.api.get("/api/v1/clients?clinicianId=\(fixture.clinicianID)").json.array
            #expect(owners.compactMap { $0["id"].string } == [mine])
        }
    }
}
