import Foundation
import Testing
import Vapor

@testable import RapportApp
import RapportCore

/// Sessions know how they bill: while unbilled, who pays, the allowed amount and the client's
/// share follow the client's current policies, choices and the payer's rates.
struct SessionBillingTests {
    /// An insured client: Aetna from 30 days ago with a $20 copay, and Aetna allowing $98 for 90834.
    struct Insured {
        let setup: PolicyTests.Setup
        let policy: String
        var api: APIClient { setup.practice.api }
        var client: String { setup.client }

        static func make(_ app: Application) async throws -> Insured {
            let setup = try await PolicyTests.Setup.make(app)
            _ = try await setup.practice.api.post(
                "/api/v1/payers/\(setup.aetna)/rates",
                #"{"serviceId": "\#(setup.practice.therapy45)", "amount": {"amount": 9800, "currency": "USD"}}"#)
            let policy = try await setup.practice.api.post(setup.path, setup.primary(from: setup.today.adding(days: -30)))
            #expect(policy.status == .created, "\(policy.text)")
            return Insured(setup: setup, policy: policy.json["id"].string ?? "")
        }
    }

    @Test func aCoveredSessionBillsThePayerAndOneBeforeThePolicyBillsTheClient() async throws {
        try await withRapport { app in
            let insured = try await Insured.make(app)
            let covered = try await insured.setup.practice.book(insured.client, daysFromToday: -2, attendance: "show")
            let before = try await insured.setup.practice.book(insured.client, daysFromToday: -40, attendance: "show")
            let billing = try await insured.api.get("/api/v1/sessions/\(covered)").json["billing"]
            #expect(billing["to"].string == "insurance")
            #expect(billing["payerName"].string == "Aetna" && billing["policyId"].string == insured.policy)
            #expect(billing["allowed"]["amount"].int == 9800 && billing["contracted"].bool == true)
            #expect(billing["clientShare"]["amount"].int == 2000, "the copay")
            let earlier = try await insured.api.get("/api/v1/sessions/\(before)").json["billing"]
            #expect(earlier["to"].string == "client" && earlier["reason"].string == "noPolicy")
            let overview = try await insured.api.get("/api/v1/clients/\(insured.client)/overview")
            #expect(overview.json["recent"].array.map { $0["billing"]["to"].string }.contains("insurance"))
            let balance = overview.json["balance"]
            #expect(balance["unbilled"]["sessions"].int == 1 && balance["unbilled"]["amount"]["amount"].int == 15000)
            #expect(balance["unclaimed"]["sessions"].int == 1, "the covered session is Aetna's to pay")
        }
    }

    @Test func aCopayOrRateChangeIsFollowedAtOnceByUnbilledSessions() async throws {
        try await withRapport { app in
            let insured = try await Insured.make(app)
            let session = try await insured.setup.practice.book(insured.client, daysFromToday: 3)
            _ = try await insured.api.patch(
                "\(insured.setup.path)/\(insured.policy)",
                #"{"copay": null, "coinsurancePercent": 20}"#)
            _ = try await insured.api.post(
                "/api/v1/payers/\(insured.setup.aetna)/rates",
                #"{"serviceId": "\#(insured.setup.practice.therapy45)", "amount": {"amount": 11000, "currency": "USD"}}"#
            )
            let billing = try await insured.api.get("/api/v1/sessions/\(session)").json["billing"]
            #expect(billing["allowed"]["amount"].int == 11000)
            #expect(billing["clientShare"]["amount"].int == 2200, "20% of $110.00")
        }
    }

    @Test func theClientsAndTheSessionsChoiceToPaySelfAreFollowed() async throws {
        try await withRapport { app in
            let insured = try await Insured.make(app)
            let session = try await insured.setup.practice.book(insured.client, daysFromToday: 3)
            let path = "/api/v1/sessions/\(session)"
            let own = try await insured.api.patch(path, #"{"selfPay": true}"#)
            #expect(own.json["changed"][0]["billing"]["reason"].string == "sessionChoice", "\(own.text)")
            #expect(own.json["changed"][0]["selfPay"].bool == true)
            _ = try await insured.api.patch(path, #"{"selfPay": null}"#)
            let client = try await insured.api.send(.PUT, "/api/v1/clients/\(insured.client)/self-pay", #"{"selfPay": true}"#)
            #expect(client.json["selfPay"].bool == true, "\(client.text)")
            #expect(try await insured.api.get(path).json["billing"]["reason"].string == "clientChoice")
            let exception = try await insured.api.patch(path, #"{"selfPay": false}"#)
            #expect(exception.json["changed"][0]["billing"]["to"].string == "insurance", "this one bills Aetna")
        }
    }

    @Test func aSeriesWideChangeRefusesTheSessionsChoiceOfWhoPays() async throws {
        try await withRapport { app in
            let insured = try await Insured.make(app)
            let series = try await insured.setup.practice.bookWeekly(insured.client, startingDaysFromToday: 2, count: 3)
            let first = series["occurrences"][0]["id"].string ?? ""
            let refused = try await insured.api.patch("/api/v1/sessions/\(first)?scope=all", #"{"selfPay": true}"#)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.json["error"]["fields"]["selfPay"].string?.contains("per session") == true)
            #expect(series["occurrences"].array.allSatisfy { $0["billing"]["to"].string == "insurance" })
        }
    }

    @Test func aSessionThatBillsAnInsurerIsNotInvoicedToTheClient() async throws {
        try await withRapport { app in
            let insured = try await Insured.make(app)
            let practice = insured.setup.practice
            let covered = try await practice.book(insured.client, daysFromToday: -2, attendance: "show")
            let before = try await practice.book(insured.client, daysFromToday: -40, attendance: "show")
            let refused = try await insured.api.post(
                "/api/v1/invoices", #"{"clientId": "\#(insured.client)", "sessionIds": ["\#(covered)"]}"#)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.json["error"]["fields"]["sessionIds[0]"].string?.contains("bills Aetna") == true)
            let leftOff = try await insured.api.post(
                "/api/v1/invoices",
                #"{"clientId": "\#(insured.client)", "sessionIds": ["\#(covered)", "\#(before)"], "leaveOutUnbillable": true}"#
            )
            #expect(leftOff.status == .created, "\(leftOff.text)")
            #expect(leftOff.json["lines"].array.count == 1)
            #expect(leftOff.json["leftOut"][0]["sessionId"].string == covered)
        }
    }

    @Test func theInvoiceRunSkipsSessionsThatBillAnInsurer() async throws {
        try await withRapport { app in
            let insured = try await Insured.make(app)
            let practice = insured.setup.practice
            _ = try await insured.api.patch(
                "/api/v1/practice",
                #"{"invoiceMode": "daily", "invoiceModeSince": "\#(insured.setup.today.adding(days: -50))"}"#)
            let covered = try await practice.book(insured.client, daysFromToday: -2, attendance: "show")
            let own = try await practice.book(insured.client, daysFromToday: -3, attendance: "show", extra: #", "selfPay": true"#)
            let run = try await insured.api.post("/api/v1/invoices/run", "{}")
            #expect(run.json["invoicesCreated"].int == 1, "\(run.text)")
            #expect(try await insured.api.get("/api/v1/sessions/\(own)").json["billed"].bool == true)
            #expect(try await insured.api.get("/api/v1/sessions/\(covered)").json["billed"].bool == false)
        }
    }

    @Test func aPolicyAddedForInvoicedSessionsLetsTheirInvoiceBeReissuedWithoutThem() async throws {
        try await withRapport { app in
            let setup = try await PolicyTests.Setup.make(app)
            let first = try await setup.practice.book(setup.client, daysFromToday: -5, attendance: "show")
            let second = try await setup.practice.book(setup.client, daysFromToday: -20, attendance: "show")
            let invoice = try await setup.practice.invoice(setup.client, [first, second])
            _ = try await setup.practice.api.post(setup.path, setup.primary(from: setup.today.adding(days: -10)))
            let check = try await setup.practice.api.get("/api/v1/billing-check")
            #expect(check.json["billedDifferently"].array.map { $0["sessionId"].string } == [first])
            #expect(check.json["billedDifferently"][0]["nowBillsInsurer"].string == "Aetna")
            let page = try await Browser.signIn(app, email: "owner@example.com", password: "correct horse battery")
                .get("/clients/\(setup.client)").body.string
            #expect(page.contains("the client&#39;s policies now send it to Aetna"))
            let reissued = try await setup.practice.api.post("/api/v1/invoices/\(invoice["id"].string ?? "")/reissue", "{}")
            #expect(reissued.status == .ok || reissued.status == .created, "\(reissued.text)")
            #expect(reissued.json["lines"].array.map { $0["sessionId"].string } == [second])
            let now = try await setup.practice.api.get("/api/v1/sessions/\(first)").json
            #expect(now["billed"].bool == false && now["billing"]["to"].string == "insurance")
        }
    }

    @Test func theFlyoutAndTheClientPageSayWhoPays() async throws {
        try await withRapport { app in
            let insured = try await Insured.make(app)
            let session = try await insured.setup.practice.book(insured.client, daysFromToday: -2, attendance: "show")
            let browser = try await Browser.signIn(app, email: "owner@example.com", password: "correct horse battery")
            let panel = try await browser.get("/calendar/sessions/\(session)").body.string
            #expect(panel.contains("Bills Aetna · client&#39;s share $20.00"), "\(panel)")
            let page = try await browser.get("/clients/\(insured.client)").body.string
            #expect(page.contains("Bills Aetna"))
            #expect(!page.contains(#"value="\#(session)""#), "a session that bills Aetna offers no invoice tick box")
            let chosen = try await browser.post(
                "/calendar/sessions/\(session)/edit",
                form: ["serviceId": "", "fee": "", "placeOfService": "", "selfPay": "true", "return": "/calendar"])
            #expect(chosen.status == .seeOther)
            #expect(try await browser.get("/calendar/sessions/\(session)").body.string.contains("Self-pay: chosen for this session"))
            let tab = try await browser.post("/clients/\(insured.client)/self-pay", form: ["selfPay": "maybe"])
            #expect(tab.body.string.contains(#"id="error-selfPay""#))
        }
    }
}
