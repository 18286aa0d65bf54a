import Fluent
import Foundation
import Testing
import Vapor

@testable import RapportApp
import RapportCore

/// What insurers and clients owe once remittances are posted: patient responsibility goes on the
/// client's next invoice naming the claim and payer, balances split between insurers and the
/// client, and the ledger, statement and outstanding report agree.
struct InsuranceBalanceTests {
    typealias Sent = RemittanceTests.Sent

    private func balance(_ sent: Sent) async throws -> JSON {
        try await sent.api.get("/api/v1/clients/\(sent.setup.client)/balance").json
    }

    private func ledger(_ sent: Sent) async throws -> JSON {
        try await sent.api.get("/api/v1/clients/\(sent.setup.client)/ledger").json
    }

    @Test func theClientOwesExactlyThePatientResponsibilityAndItGoesOnTheirNextInvoice() async throws {
        try await withRapport { app in
            let sent = try await Sent.make(app)
            #expect(try await balance(sent)["insurersOwe"]["amount"].int == 15000)
            let waiting = try await sent.api.get("/api/v1/reports/outstanding").json
            #expect(waiting["payers"][0]["claims"].int == 1 && waiting["payers"][0]["aging"]["0-30"]["amount"].int == 15000)
            #expect(waiting["insurersOwe"]["amount"].int == 15000 && waiting["clients"].array.isEmpty)

            #expect(try await sent.api.post("/api/v1/remittances", Sent.input(sent.remittance())).status == .created)
            let owed = try await balance(sent)
            #expect(owed["insurersOwe"]["amount"].int == 0)
            #expect(owed["patientResponsibility"]["amount"].int == 2000 && owed["balance"]["amount"].int == 2000)
            let entries = try await ledger(sent)
            #expect(entries.array.map { $0["kind"].string ?? "" } == [
                "claim", "insurerPayment", "adjustment", "patientResponsibility",
            ])
            #expect(entries.array.map { $0["insurerBalance"]["amount"].int ?? -1 } == [15000, 7200, 2000, 0])
            #expect(entries.array.map { $0["balance"]["amount"].int ?? -1 } == [0, 0, 0, 2000])
            let report = try await sent.api.get("/api/v1/reports/outstanding").json
            #expect(report["payers"].array.isEmpty && report["insurersOwe"]["amount"].int == 0)
            #expect(report["clients"][0]["balance"]["amount"].int == 2000)
            #expect(report["clients"][0]["aging"]["0-30"]["amount"].int == 2000, "aged from the day it was posted")

            // An invoice dated before it was posted does not bill it.
            let yesterday = sent.setup.practice.zone.localDate(Date()).adding(days: -1)
            let early = try await sent.api.post(
                "/api/v1/invoices", #"{"clientId": "\#(sent.setup.client)", "sessionIds": [], "issueDate": "\#(yesterday)"}"#)
            #expect(early.status == .unprocessableEntity && early.json["error"]["fields"]["sessionIds"].string != nil)

            // The next invoice bills it, naming the payer and the claim; nothing is left to bill twice.
            let invoice = try await sent.api.post(
                "/api/v1/invoices", #"{"clientId": "\#(sent.setup.client)", "sessionIds": []}"#)
            #expect(invoice.status == .created, "\(invoice.text)")
            #expect(invoice.json["total"]["amount"].int == 2000 && invoice.json["lines"].array.isEmpty)
            let line = invoice.json["patientResponsibility"][0]
            #expect(line["claimId"].string == sent.claimID && line["amount"]["amount"].int == 2000)
            #expect(line["description"].string?.hasPrefix("Patient responsibility after Aetna paid: claim #") == true, "\(line)")
            let billed = try await balance(sent)
            #expect(billed["patientResponsibility"]["amount"].int == 0 && billed["openBalance"]["amount"].int == 2000)
            #expect(billed["balance"]["amount"].int == 2000, "invoicing it does not count it twice")
            #expect(try await ledger(sent).array.last?["balance"]["amount"].int == 2000)
            let twice = try await sent.api.post(
                "/api/v1/invoices", #"{"clientId": "\#(sent.setup.client)", "sessionIds": []}"#)
            #expect(twice.status == .unprocessableEntity && twice.json["error"]["fields"]["sessionIds"].string != nil)

            let zone = sent.setup.practice.zone
            let period = "from=\(zone.localDate(Date()).adding(days: -30))&to=\(zone.localDate(Date()))"
            let statement = try await sent.api.get("/api/v1/clients/\(sent.setup.client)/statement?\(period)").json
            let claim = statement["insurance"][0]
            #expect(claim["payer"].string == "Aetna" && claim["charged"]["amount"].int == 15000)
            #expect(claim["insurerPaid"]["amount"].int == 7800 && claim["adjusted"]["amount"].int == 5200)
            #expect(claim["patientResponsibility"]["amount"].int == 2000 && claim["status"].string == "paid")
            #expect(statement["closingBalance"]["amount"].int == 2000)

            // Deleting the invoice puts the patient responsibility back to wait for the next one.
            let id = invoice.json["id"].string ?? ""
            #expect(try await sent.api.delete("/api/v1/invoices/\(id)?reason=wrong+date").status == .ok)
            let back = try await balance(sent)
            #expect(back["patientResponsibility"]["amount"].int == 2000 && back["balance"]["amount"].int == 2000)
            #expect(try await ledger(sent).array.last?["balance"]["amount"].int == 2000)
            #expect(try await AuditChain.verify(on: app.db).flatMap(\.problems) == [], "the audit chain holds")
        }
    }

    /// Posting and then reversing returns every balance to where it was; a take-back already
    /// invoiced nets against what the re-adjudication leaves the client.
    @Test func aReversalTakesThePatientResponsibilityBackAndTheNextInvoiceNetsIt() async throws {
        try await withRapport { app in
            let sent = try await Sent.make(app)
            _ = try await sent.api.post("/api/v1/remittances", Sent.input(sent.remittance()))
            _ = try await sent.api.post("/api/v1/invoices", #"{"clientId": "\#(sent.setup.client)", "sessionIds": []}"#)
            let reversal = sent.remittance(
                trace: "CHK1002", status: "22", paid: "-78", patient: "-20", adjustments: ["CO*45*-52", "PR*3*-20"],
                charge: "-150")
            #expect(try await sent.api.post("/api/v1/remittances", Sent.input(reversal)).status == .created)
            let reversed = try await balance(sent)
            #expect(reversed["insurersOwe"]["amount"].int == 15000, "the insurer owes the whole claim again")
            #expect(reversed["patientResponsibility"]["amount"].int == -2000)
            #expect(reversed["balance"]["amount"].int == 0, "the invoiced $20 is taken back")
            #expect(try await ledger(sent).array.last?["insurerBalance"]["amount"].int == 15000)
            let nothing = try await sent.api.post(
                "/api/v1/invoices", #"{"clientId": "\#(sent.setup.client)", "sessionIds": []}"#)
            #expect(nothing.status == .unprocessableEntity, "a take-back alone is not invoiced")

            let anew = sent.remittance(trace: "CHK1003", paid: "68", patient: "30", adjustments: ["CO*45*52", "PR*2*30"])
            #expect(try await sent.api.post("/api/v1/remittances", Sent.input(anew)).status == .created)
            let netted = try await sent.api.post(
                "/api/v1/invoices", #"{"clientId": "\#(sent.setup.client)", "sessionIds": []}"#)
            #expect(netted.status == .created, "\(netted.text)")
            #expect(netted.json["total"]["amount"].int == 1000, "$30 owed less the $20 taken back")
            #expect(netted.json["patientResponsibility"].array.map { $0["amount"]["amount"].int ?? 0 } == [-2000, 3000])
            let settled = try await balance(sent)
            #expect(settled["balance"]["amount"].int == 3000 && settled["insurersOwe"]["amount"].int == 0)
            let last = try await ledger(sent).array.last
            #expect(last?["balance"]["amount"].int == 3000 && last?["insurerBalance"]["amount"].int == 0)
        }
    }

    @Test func automaticInvoicingBillsPatientResponsibilityForAClientWithNoSessionsToBill() async throws {
        try await withRapport { app in
            let sent = try await Sent.make(app)
            _ = try await sent.api.post("/api/v1/remittances", Sent.input(sent.remittance()))
            #expect(try await sent.api.patch("/api/v1/practice", #"{"invoiceMode": "daily"}"#).status == .ok)
            let today = sent.setup.practice.zone.localDate(Date()).description
            let run = try await sent.api.post("/api/v1/invoices/run", #"{"through": "\#(today)"}"#)
            #expect(run.json["invoicesCreated"].int == 1, "\(run.text)")
            let invoices = try await sent.api.get("/api/v1/invoices?clientId=\(sent.setup.client)").json
            #expect(invoices.array.count == 1 && invoices[0]["total"]["amount"].int == 2000)
            #expect(try await sent.api.post("/api/v1/invoices/run", #"{"through": "\#(today)"}"#).json["invoicesCreated"].int == 0)
        }
    }

    @Test func aPaymentThePayerSentThatAPersonKeptUnappliedIsThePayersCredit() async throws {
        try await withRapport { app in
            let sent = try await Sent.make(app)
            let stored = try await sent.api.post(
                "/api/v1/remittances", Sent.input(sent.remittance(claim: "0123456789ABCDEF0123456789ABCDEF")))
            let id = stored.json["exceptions"][0]["id"].string ?? ""
            let kept = try await sent.api.post(
                "/api/v1/remittance-exceptions/\(id)/resolve",
                #"{"action": "unappliedPayment", "reason": "Aetna will say which claim"}"#)
            #expect(kept.status == .ok, "\(kept.text)")
            let payer = try await sent.api.get("/api/v1/reports/outstanding").json["payers"][0]
            #expect(payer["payerName"].string == "Aetna" && payer["unapplied"]["amount"].int == 7800, "\(payer)")
            #expect(payer["owed"]["amount"].int == 15000)
        }
    }
    /// A clinician's report shows the claims of the clients they see and no payer's unapplied
    /// money (remittances are the billing staff's); the practice's report shows them all.
    @Test func aCliniciansPayerRowsCoverOnlyTheirOwnClientsClaims() async throws {
        try await withRapport { app in
            let sent = try await Sent.make(app)
            let stored = try await sent.api.post(
                "/api/v1/remittances", Sent.input(sent.remittance(claim: "0123456789ABCDEF0123456789ABCDEF")))
            let kept = try await sent.api.post(
                "/api/v1/remittance-exceptions/\(stored.json["exceptions"][0]["id"].string ?? "")/resolve",
                #"{"action": "unappliedPayment", "reason": "Aetna will say which claim"}"#)
            #expect(kept.status == .ok, "\(kept.text)")
            let clinician = try await PracticeFixture.clinician(app, addedBy: sent.api)
            let mine = try await clinician.get("/api/v1/reports/outstanding").json
            #expect(mine["payers"].array.isEmpty && mine["insurersOwe"]["amount"].int == 0, "\(mine)")
            #expect(mine["payerAging"]["0-30"]["amount"].int == 0)

            let sam = try #require(
                try await User.query(on: app.db).filter(\.$email == "sam@example.com").first()?.clinicianID)
            let moved = try await sent.api.patch("/api/v1/clients/\(sent.setup.client)", #"{"primaryClinicianId": "\#(sam)"}"#)
            #expect(moved.status == .ok, "\(moved.text)")
            let payers = try await clinician.get("/api/v1/reports/outstanding").json["payers"]
            #expect(payers.array.count == 1 && payers[0]["claims"].int == 1 && payers[0]["owed"]["amount"].int == 15000)
            #expect(payers[0]["unapplied"]["amount"].int == 0, "unapplied payments are not a clinician's to see")
            let practice = try await sent.api.get("/api/v1/reports/outstanding").json["payers"]
            #expect(practice.array.count == 1 && practice[0]["unapplied"]["amount"].int == 7800)
        }
    }
}
