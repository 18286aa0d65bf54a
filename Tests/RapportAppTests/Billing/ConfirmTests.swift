import Foundation
import Testing
import Vapor

@testable import RapportApp

/// Confirm — apply a rule change and re-issue the invoices that now differ — is one transaction.
struct ConfirmTests {
    /// A client with a billed past session at $150.00 and a custom-fee change to $130.00 to make.
    private func billedClient(_ app: Application) async throws -> (PracticeFixture, client: String, invoice: String) {
        let practice = try await PracticeFixture.make(app)
        let client = try await practice.makeClient()
        let session = try await practice.book(client, daysFromToday: -5)
        let invoice = try await practice.invoice(client, [session])
        return (practice, client, invoice["id"].string ?? "")
    }

    private func feeChange(_ practice: PracticeFixture, reissue: String) -> String {
        #"{"fees": [{"serviceId": "\#(practice.therapy45)", "amount": \#(practice.money(13000))}], "reissue": \#(reissue)}"#
    }

    @Test func aFeeChangeReissuesTheInvoicesThatNowDifferInTheSameRequest() async throws {
        try await withRapport { app in
            // setup
            let (practice, client, invoice) = try await billedClient(app)
            // act
            let reply = try await practice.api.patch("/api/v1/clients/\(client)/billing", feeChange(practice, reissue: #""all""#))
            // check
            #expect(reply.status == .ok, "\(reply.text)")
            let reissued = reply.json["reissued"].array
            #expect(reissued.count == 1)
            #expect(reissued.first?["invoiceId"].string == invoice)
            let fresh = try await practice.api.get("/api/v1/invoices/\(reissued.first?["newInvoiceId"].string ?? "")")
            #expect(fresh.json["total"]["amount"].int == 13_000)
            #expect(try await practice.api.get("/api/v1/invoices/\(invoice)").json["status"].string == "deleted")
        }
    }

    @Test func aReissueThatCannotHappenUndoesTheWholeChange() async throws {
        try await withRapport { app in
            // setup: the invoice has a payment, so it cannot be re-issued
            let (practice, client, invoice) = try await billedClient(app)
            #expect(try await practice.pay(client, 5_000).status == .created)
            // act
            let reply = try await practice.api.patch(
                "/api/v1/clients/\(client)/billing", feeChange(practice, reissue: #"["\#(invoice)"]"#))
            let bogus = try await practice.api.patch(
                "/api/v1/clients/\(client)/billing", feeChange(practice, reissue: #"["\#(UUID())"]"#))
            let word = try await practice.api.patch("/api/v1/clients/\(client)/billing", feeChange(practice, reissue: #""some""#))
            // check: refused, naming the invoice, and the fee did not change either
            #expect(reply.status == .unprocessableEntity)
            #expect(reply.json["error"]["fields"]["reissue[0]"].string == "is invoice #1, which has payments applied; unapply them first")
            #expect(bogus.json["error"]["fields"]["reissue[0]"].string != nil)
            #expect(word.status == .badRequest)
            let billing = try await practice.api.get("/api/v1/clients/\(client)/billing")
            #expect(billing.json["fees"].array.isEmpty, "no custom fee was written: \(billing.text)")
            #expect(try await practice.api.get("/api/v1/invoices/\(invoice)").json["status"].string != "deleted")
        }
    }

    @Test func confirmOnTheBillingTabAppliesAndReissuesTogether() async throws {
        try await withRapport { app in
            let (practice, client, invoice) = try await billedClient(app)
            #expect(try await practice.pay(client, 5_000).status == .created)
            let browser = try await Browser.signIn(app, email: "owner@example.com", password: "correct horse battery")
            // A paid invoice ticked (as a page left open while a payment came in would send it).
            let confirm = try await browser.post(
                "/clients/\(client)/billing/apply", form: ["fee-\(practice.therapy45)": "130.00", "reissue": invoice])
            #expect(confirm.status == .ok, "the form is shown again with the reason")
            #expect(confirm.body.string.contains("has payments applied"))
            let billing = try await practice.api.get("/api/v1/clients/\(client)/billing")
            #expect(billing.json["fees"].array.isEmpty, "nothing was half-applied")
        }
    }
}
