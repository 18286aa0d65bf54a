import Fluent
import Foundation
import Testing
import Vapor

@testable import RapportApp
import RapportCore

/// A primary that leaves the client a balance, for a client with a secondary policy: the secondary
/// claim is made ready with the primary's adjudication, sent, and its remittance leaves the client
/// only what the secondary did not pay.
struct SecondaryClaimTests {
    typealias Sent = RemittanceTests.Sent

    private func addSecondary(_ sent: Sent) async throws {
        let setup = sent.setup.insured.setup
        let policy = try await sent.api.post(
            setup.path,
            #"{"payerId": "\#(setup.cigna)", "rank": "secondary", "memberId": "C-77", "effectiveFrom": "\#(setup.today.adding(days: -30))"}"#)
        #expect(policy.status == .created, "\(policy.text)")
    }

    private func balance(_ sent: Sent) async throws -> JSON {
        try await sent.api.get("/api/v1/clients/\(sent.setup.client)/balance").json
    }

    @Test func thePrimarysBalanceGoesToTheSecondaryWithThePrimarysAdjudication() async throws {
        try await withRapport { app in
            let sent = try await Sent.make(app)
            try await addSecondary(sent)
            #expect(try await sent.api.post("/api/v1/remittances", Sent.input(sent.remittance())).status == .created)
            let claims = try await sent.api.get("/api/v1/claims?clientId=\(sent.setup.client)").json.array
            let secondary = try #require(claims.first { $0["id"].string != sent.claimID }, "\(claims)")
            #expect(secondary["payerName"].string == "Cigna" && secondary["status"].string == "ready", "\(secondary)")
            #expect(secondary["total"]["amount"].int == 15000)
            let moved = try await balance(sent)
            #expect(moved["patientResponsibility"]["amount"].int == 0, "the $20 waits for Cigna")
            #expect(moved["insurersOwe"]["amount"].int == 2000 && moved["balance"]["amount"].int == 0)
            let report = try await sent.api.get("/api/v1/reports/outstanding").json
            #expect(report["payers"][0]["payerName"].string == "Cigna" && report["insurersOwe"]["amount"].int == 2000)

            let batch = try await sent.api.post("/api/v1/claim-batches", "{}")
            #expect(batch.status == .created, "\(batch.text)")
            let file = try await sent.api.get("/api/v1/claim-batches/\(batch.json[0]["id"].string ?? "")/837").text
            for segment in [
                "SBR*S*18*", "NM1*PR*2*CIGNA*****PI*62308~", "SBR*P*18*G-100******CI~", "AMT*D*78~", "OI***Y*P**Y~",
                "NM1*PR*2*AETNA*****PI*60054~", "SVD*60054*78*HC:90834**1~", "CAS*CO*45*52~", "CAS*PR*3*20~",
                "DTP*573*D8*",
            ] {
                #expect(file.contains(segment), "\(segment) in\n\(file)")
            }
            if let folder = ProcessInfo.processInfo.environment["RAPPORT_X12_OUTPUT"] {
                try file.write(toFile: "\(folder)/app-secondary-\(UUID().uuidString).837", atomically: true, encoding: .utf8)
            }

            // Cigna pays $15 of the $20; $5 is the client's.
            let detail = try await sent.api.get("/api/v1/claims/\(secondary["id"].string ?? "")").json
            let answer = sent.remittance(
                trace: "CIG1", status: "2", paid: "15", patient: "5", adjustments: ["OA*23*130", "PR*2*5"],
                claim: detail["patientControlNumber"].string, payer: ("CIGNA", "62308"),
                line: (detail["lines"][0]["id"].string ?? "").replacingOccurrences(of: "-", with: ""))
            let posted = try await sent.api.post("/api/v1/remittances", Sent.input(answer))
            #expect(posted.status == .created && posted.json["exceptions"].array.isEmpty, "\(posted.text)")
            let settled = try await balance(sent)
            #expect(settled["patientResponsibility"]["amount"].int == 500 && settled["insurersOwe"]["amount"].int == 0)
            #expect(settled["balance"]["amount"].int == 500)
            let last = try await sent.api.get("/api/v1/clients/\(sent.setup.client)/ledger").json.array.last
            #expect(last?["balance"]["amount"].int == 500 && last?["insurerBalance"]["amount"].int == 0)
            let invoice = try await sent.api.post(
                "/api/v1/invoices", #"{"clientId": "\#(sent.setup.client)", "sessionIds": []}"#)
            #expect(invoice.json["total"]["amount"].int == 500, "\(invoice.text)")
            #expect(try await AuditChain.verify(on: app.db).flatMap(\.problems) == [], "the audit chain holds")
            let zone = sent.setup.practice.zone
            let period = "from=\(zone.localDate(Date()).adding(days: -30))&to=\(zone.localDate(Date()))"
            let statement = try await sent.api.get("/api/v1/clients/\(sent.setup.client)/statement?\(period)").json
            let rows = statement["insurance"].array
            #expect(rows.map { $0["payer"].string ?? "" } == ["Aetna", "Cigna (secondary)"], "\(statement)")
            #expect(rows.last?["charged"]["amount"].int == 2000 && rows.last?["insurerPaid"]["amount"].int == 1500)
            #expect(rows.last?["adjusted"]["amount"].int == 0 && rows.last?["patientResponsibility"]["amount"].int == 500)
        }
    }

    @Test func aReversedPrimaryWithdrawsTheSecondaryNotYetSentAndTheBalanceComesBack() async throws {
        try await withRapport { app in
            let sent = try await Sent.make(app)
            try await addSecondary(sent)
            _ = try await sent.api.post("/api/v1/remittances", Sent.input(sent.remittance()))
            let reversal = sent.remittance(
                trace: "CHK1002", status: "22", paid: "-78", patient: "-20", adjustments: ["CO*45*-52", "PR*3*-20"],
                charge: "-150")
            #expect(try await sent.api.post("/api/v1/remittances", Sent.input(reversal)).status == .created)
            let claims = try await sent.api.get("/api/v1/claims?clientId=\(sent.setup.client)").json.array
            #expect(claims.first { $0["id"].string != sent.claimID }?["status"].string == "voided", "\(claims)")
            let back = try await balance(sent)
            #expect(back["insurersOwe"]["amount"].int == 15000 && back["balance"]["amount"].int == 0, "\(back)")
            #expect(try await sent.api.get("/api/v1/clients/\(sent.setup.client)/ledger").json.array.last?["insurerBalance"]["amount"].int == 15000)
            // The re-adjudication makes a new secondary claim.
            #expect(try await sent.api.post("/api/v1/remittances", Sent.input(sent.remittance(trace: "CHK1003"))).status == .created)
            let again = try await sent.api.get("/api/v1/claims?clientId=\(sent.setup.client)").json.array
            #expect(again.filter { $0["status"].string == "ready" }.count == 1)
            #expect(try await balance(sent)["insurersOwe"]["amount"].int == 2000)
        }
    }
}
