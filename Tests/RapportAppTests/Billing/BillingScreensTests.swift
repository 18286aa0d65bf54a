import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import RapportApp

/// What the biller sees on the client page, the flyout, Settings and an invoice agrees with what is billed.
struct BillingScreensTests {
    private func practiceWithCharges(_ app: Application) async throws -> PracticeFixture {
        let practice = try await PracticeFixture.make(app)
        let rules = try await practice.api.patch(
            "/api/v1/practice", #"{"lateCancel": {"kind": "percent", "percent": 50}, "noShow": {"kind": "notBilled"}}"#)
        #expect(rules.status == .ok, "\(rules.text)")
        return practice
    }

    private func owner(_ app: Application) async throws -> Browser {
        try await Browser.signIn(app, email: "owner@example.com", password: "correct horse battery")
    }

    @Test func invoicingTickedSessionsLeavesOffThoseThatBillNothingAndSaysWhy() async throws {
        try await withRapport { app in
            // setup
            let practice = try await practiceWithCharges(app)
            let client = try await practice.makeClient()
            let attended = try await practice.book(client, daysFromToday: -3, attendance: "show")
            let noShow = try await practice.book(client, daysFromToday: -2, attendance: "noShow")
            // act
            let refused = try await practice.api.post(
                "/api/v1/invoices", #"{"clientId": "\#(client)", "sessionIds": ["\#(attended)", "\#(noShow)"]}"#)
            let browser = try await owner(app)
            let made = try await browser.post("/clients/\(client)/invoices", form: ["session": "\(attended),\(noShow)"])
            // check
            #expect(
                refused.json["error"]["fields"]["sessionIds[1]"].string
                    == "was a no-show, and the practice does not bill no-shows")
            #expect(made.status == .seeOther)
            let location = try #require(made.headers.first(name: .location))
            let page = try await browser.get(location).body.string
            #expect(page.contains("Left off this invoice"), "\(location)")
            #expect(page.contains("was a no-show, and the practice does not bill no-shows"))
            let invoices = try await practice.api.get("/api/v1/invoices?clientId=\(client)").json.array
            #expect(invoices.count == 1)
            #expect(invoices.first?["total"]["amount"].int == 15_000)
            let api = try await practice.api.post(
                "/api/v1/invoices",
                #"{"clientId": "\#(client)", "sessionIds": ["\#(noShow)"], "leaveOutUnbillable": true}"#)
            #expect(api.status == .unprocessableEntity, "nothing left to bill: \(api.text)")
        }
    }

    @Test func aSessionShowsWhatItBillsNotOnlyItsFee() async throws {
        try await withRapport { app in
            let practice = try await practiceWithCharges(app)
            let client = try await practice.makeClient()
            let late = try await practice.book(client, daysFromToday: -4, attendance: "lateCancelled")
            let cancelled = try await practice.book(client, daysFromToday: -3, attendance: "cancelled")
            let unbilledLate = try await practice.book(client, daysFromToday: -2, attendance: "lateCancelled")
            _ = try await practice.invoice(client, [late])
            let billed = try await practice.api.get("/api/v1/sessions/\(late)").json
            #expect(billed["fee"]["amount"].int == 15_000)
            #expect(billed["bills"]["amount"].int == 7_500, "the invoice line's amount")
            #expect(try await practice.api.get("/api/v1/sessions/\(cancelled)").json["bills"].isNull)
            #expect(try await practice.api.get("/api/v1/sessions/\(unbilledLate)").json["bills"]["amount"].int == 7_500)
            // The practice's rule changes: the billed one keeps its invoice's amount.
            _ = try await practice.api.patch(
                "/api/v1/practice", #"{"lateCancel": {"kind": "percent", "percent": 100}}"#)
            #expect(try await practice.api.get("/api/v1/sessions/\(late)").json["bills"]["amount"].int == 7_500)
            #expect(
                try await practice.api.get("/api/v1/sessions/\(unbilledLate)").json["bills"]["amount"].int == 15_000)
            let browser = try await owner(app)
            let page = try await browser.get("/clients/\(client)").body.string
            #expect(page.contains("Billed (Late cancel of $150.00)"))
            #expect(page.contains("Cancelled: not billed"))
            let panel = try await browser.get("/calendar/sessions/\(late)").body.string
            #expect(panel.contains("Bills $75.00 on invoice #1, as invoiced."))
            let cancelledPanel = try await browser.get("/calendar/sessions/\(cancelled)").body.string
            #expect(
                cancelledPanel.contains("Bills nothing: it was cancelled, and cancelled sessions are not billable."))
        }
    }

    @Test func aRateChangeInSettingsIsPreviewedThenConfirmed() async throws {
        try await withRapport { app in
            // setup
            let practice = try await PracticeFixture.make(app)
            let client = try await practice.makeClient()
            let session = try await practice.book(client, daysFromToday: 7)
            let browser = try await owner(app)
            // act
            let preview = try await browser.post(
                "/settings/services/\(practice.therapy45)/rate", form: ["rate": "160.00", "effectiveFrom": ""])
            // check: nothing changed yet, and the page says what would
            #expect(preview.status == .ok)
            #expect(preview.body.string.contains("Review the change to the 90834 rate"))
            #expect(preview.body.string.contains("will change from 90834 $150.00 to 90834 $160.00"))
            #expect(try await practice.api.get("/api/v1/sessions/\(session)").json["fee"]["amount"].int == 15_000)
            let badDate = try await browser.post(
                "/settings/services/\(practice.therapy45)/rate",
                form: ["rate": "160.00", "effectiveFrom": "2026-02-30"])
            #expect(badDate.body.string.contains("Enter a date such as"))
            // act: Confirm
            let confirm = try await browser.post(
                "/settings/services/\(practice.therapy45)/rate/apply", form: ["rate": "160.00", "effectiveFrom": ""])
            #expect(confirm.status == .seeOther)
            #expect(try await practice.api.get("/api/v1/sessions/\(session)").json["fee"]["amount"].int == 16_000)
        }
    }

    @Test func aPaidInvoiceIsCorrectedByUnapplyingItsPaymentFromItsPage() async throws {
        try await withRapport { app in
            // setup
            let practice = try await PracticeFixture.make(app)
            let client = try await practice.makeClient()
            let session = try await practice.book(client, daysFromToday: -2)
            let invoice = try await practice.invoice(client, [session])
            let invoiceID = invoice["id"].string ?? ""
            #expect(try await practice.pay(client, 15_000).status == .created)
            let browser = try await owner(app)
            let page = try await browser.get("/invoices/\(invoiceID)").body.string
            let action = try #require(
                page.firstMatch(of: /action="(\/payments\/[^"]+\/unapply)"/).map { String($0.output.1) },
                "the invoice page lists its payment with Unapply")
            let refused = try await browser.post("/invoices/\(invoiceID)/delete", form: ["reason": "wrong fee"])
            #expect(
                refused.body.string.contains("unapply the payments first (each has Unapply on the invoice&#39;s page)"))
            // act
            let unapplied = try await browser.post(action, form: [:])
            // check
            #expect(unapplied.status == .seeOther)
            #expect(unapplied.headers.first(name: .location)?.hasPrefix("/invoices/\(invoiceID)") == true)
            #expect(try await practice.api.get("/api/v1/invoices/\(invoiceID)").json["paid"]["amount"].int == 0)
            #expect(try await practice.balance(client)["credit"]["amount"].int == 15_000)
            let deleted = try await browser.post("/invoices/\(invoiceID)/delete", form: ["reason": "wrong fee"])
            #expect(deleted.status == .seeOther)
        }
    }

    @Test func aChargeKindTheSettingsFormDoesNotOfferIsNamedBesideItsFieldAndNothingChanges() async throws {
        try await withRapport { app in
            let practice = try await practiceWithCharges(app)
            let browser = try await owner(app)
            let reply = try await browser.post(
                "/settings/practice",
                form: [
                    "name": "Renamed", "timeZone": "America/New_York", "invoiceMode": "manual",
                    "lateCancelKind": "halfPrice", "noShowKind": "notBilled",
                ])
            #expect(reply.status == .ok)
            #expect(reply.body.string.contains("Choose not billed, a percentage or a fixed amount"))
            let settings = try await practice.api.get("/api/v1/practice")
            #expect(settings.json["lateCancel"]["kind"].string == "percent", "not quietly made 'not billed'")
            #expect(settings.json["name"].string != "Renamed", "no partial write")
        }
    }

    /// Form dates are read by one rule: a date that is not one is said beside its field, never taken
    /// as today (a payment's date) or as "every session" (a rate or fee change).
    @Test func aPaymentDateThatIsNotADateIsRefusedBesideItsFieldAndNothingIsRecorded() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let client = try await practice.makeClient()
            let browser = try await owner(app)
            let refused = try await browser.post(
                "/payments/new?client=\(client)", form: ["amount": "50", "method": "cash", "receivedOn": "2026-02-30"])
            #expect(refused.status == .ok)
            #expect(refused.body.string.contains("Enter a date such as"))
            #expect(try await practice.api.get("/api/v1/payments?clientId=\(client)").json.array.isEmpty)
            let recorded = try await browser.post(
                "/payments/new?client=\(client)", form: ["amount": "50", "method": "cash", "receivedOn": "2026-02-27"])
            #expect(recorded.status == .seeOther)
            let payments = try await practice.api.get("/api/v1/payments?clientId=\(client)")
            #expect(payments.json[0]["receivedOn"].string == "2026-02-27")
        }
    }
}
