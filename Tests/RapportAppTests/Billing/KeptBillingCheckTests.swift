import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import RapportApp

/// A client screen's billing check is kept while the practice's billing inputs stand
/// (``AddBillingVersion``): every change to one of them shows on the next view, and a booking, an
/// attendance mark or a payment, which change none of them, leave the kept check in place.
struct KeptBillingCheckTests {
    /// The billed sessions the client screen lists as differing from the rules, and those the
    /// billing check (never kept) lists, each sorted.
    private func differences(_ api: APIClient, _ client: String) async throws
        -> (screen: [String], check: [String])
    {
        let screen = try await api.get("/api/v1/clients/\(client)/overview").json["billedDifferently"].array
        let check = try await api.get("/api/v1/billing-check?clientId=\(client)").json["billedDifferently"].array
        let sessions = { (lines: [JSON]) in lines.compactMap { $0["sessionId"].string }.sorted() }
        return (sessions(screen), sessions(check))
    }

    private func versions(_ app: Application, _ practiceID: UUID) async throws -> (data: Int64, billing: Int64) {
        let sql = try app.db.sql()
        return (
            try await DataVersion.current(practiceID: practiceID, on: sql),
            try await DataVersion.billing(practiceID: practiceID, on: sql)
        )
    }

    @Test func theClientScreenShowsEveryChangeToWhatBillingIsWorkedOutFrom() async throws {
        try await withRapport { app in
            let setup = try await PolicyTests.Setup.make(app)
            let practice = setup.practice
            let api = practice.api
            let client = setup.client
            let first = try await practice.book(client, daysFromToday: -5, attendance: "show")
            let second = try await practice.book(client, daysFromToday: -20, attendance: "show")
            _ = try await practice.invoice(client, [first, second])
            var seen = try await differences(api, client)
            #expect(seen.screen == [] && seen.check == [])

            // The practice's rate for the service, from before both sessions, and then as it was.
            let rate = { (amount: Int) in
                #"{"rate": \#(practice.money(amount)), "rateEffectiveFrom": "\#(setup.today.adding(days: -60))"}"#
            }
            _ = try await api.patch("/api/v1/services/\(practice.therapy45)", rate(16000))
            seen = try await differences(api, client)
            #expect(seen.screen == [first, second].sorted() && seen.screen == seen.check, "\(seen)")
            _ = try await api.patch("/api/v1/services/\(practice.therapy45)", rate(15000))
            seen = try await differences(api, client)
            #expect(seen.screen == [] && seen.check == [], "the rate as billed: \(seen)")

            // The client's own fee, and then one that is what was billed.
            let fee = { (amount: Int) in
                #"{"fees": [{"serviceId": "\#(practice.therapy45)", "amount": \#(practice.money(amount))}]}"#
            }
            _ = try await api.patch("/api/v1/clients/\(client)/billing", fee(12000))
            seen = try await differences(api, client)
            #expect(seen.screen == [first, second].sorted() && seen.screen == seen.check, "\(seen)")
            _ = try await api.patch("/api/v1/clients/\(client)/billing", fee(15000))
            seen = try await differences(api, client)
            #expect(seen.screen == [] && seen.check == [], "the fee as billed: \(seen)")

            // A policy from ten days ago sends the later session to the insurer.
            let policy = try await api.post(setup.path, setup.primary(from: setup.today.adding(days: -10)))
            #expect(policy.status == .created, "\(policy.text)")
            seen = try await differences(api, client)
            #expect(seen.screen == [first] && seen.check == [first], "\(seen)")
            let screen = try await api.get("/api/v1/clients/\(client)/overview").json["billedDifferently"]
            #expect(screen[0]["nowBillsInsurer"].string == "Aetna")
            #expect(screen[0]["canReissue"].bool == true)

            // The payer's new name, and a payment on the invoice, show on the kept difference.
            _ = try await api.patch("/api/v1/payers/\(setup.aetna)", #"{"name": "Aetna Better Health"}"#)
            #expect(
                try await api.get("/api/v1/clients/\(client)/overview").json["billedDifferently"][0]["nowBillsInsurer"]
                    .string == "Aetna Better Health")
            #expect(try await practice.pay(client, 5000).status == .created)
            #expect(
                try await api.get("/api/v1/clients/\(client)/overview").json["billedDifferently"][0]["canReissue"].bool
                    == false, "a paid invoice is not reissued")

        }
    }

    @Test func aBookingAnAttendanceMarkOrAPaymentLeavesTheBillingVersionWhereItWas() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let practiceID = try #require(try await Practice.query(on: app.db).first()?.id)
            let client = try await practice.makeClient()
            let before = try await versions(app, practiceID)
            let session = try await practice.book(client, daysFromToday: -2)
            _ = try await practice.api.patch("/api/v1/sessions/\(session)", #"{"attendance": "show"}"#)
            let after = try await versions(app, practiceID)
            #expect(after.data > before.data, "the data changed")
            #expect(after.billing == before.billing, "what billing is worked out from did not")
            _ = try await practice.invoice(client, [session])
            let billed = try await versions(app, practiceID)
            #expect(billed.billing == billed.data, "an invoice is a billing input")
            #expect(try await practice.pay(client, 5000).status == .created)
            let paid = try await versions(app, practiceID)
            #expect(paid.data > billed.data && paid.billing == billed.billing, "a payment only says what is paid")
        }
    }

    /// Every table the triggers follow moves the number, whoever writes the row.
    @Test func aChangeToEachBillingInputMovesTheBillingVersion() async throws {
        try await withRapport { app in
            let setup = try await PolicyTests.Setup.make(app)
            let practice = setup.practice
            let api = practice.api
            let practiceID = try #require(try await Practice.query(on: app.db).first()?.id)
            let session = try await practice.book(setup.client, daysFromToday: -5, attendance: "show")
            _ = try await practice.invoice(setup.client, [session])
            let fee = #"{"serviceId": "\#(practice.therapy60)", "amount": \#(practice.money(13000))}"#
            _ = try await api.patch(
                "/api/v1/clients/\(setup.client)/billing",
                #"{"defaultServiceId": "\#(practice.therapy60)", "fees": [\#(fee)]}"#)
            _ = try await api.post(setup.path, setup.primary(from: setup.today.adding(days: -1)))
            _ = try await api.post(
                "/api/v1/payers/\(setup.aetna)/rates",
                #"{"serviceId": "\#(practice.therapy45)", "amount": {"amount": 9800, "currency": "USD"}}"#)
            for source in AddBillingVersion.sources {
                try await VersionMarksChecks.rewrite(
                    app, source, column: source.columns?.first ?? "practice_id", practiceID: practiceID)
                let now = try await versions(app, practiceID)
                #expect(now.billing == now.data, "a change to \(source.table) moves the billing version")
            }
            try await app.db.writeTransaction(practice: practiceID) { db in
                try await db.sql().raw(
                    "UPDATE clients SET first_name = first_name WHERE practice_id = \(bind: practiceID)"
                ).run()
            }
            let renamed = try await versions(app, practiceID)
            #expect(renamed.billing < renamed.data, "a client's name is not a billing input")

            // A row removed (the triggers' other branch), seen inside its transaction, rolled back.
            struct RolledBack: Error {}
            await #expect(throws: RolledBack.self) {
                try await app.db.writeTransaction(practice: practiceID) { db in
                    let sql = try db.sql()
                    try await sql.raw("DELETE FROM invoice_lines WHERE practice_id = \(bind: practiceID)").run()
                    let data = try await DataVersion.current(practiceID: practiceID, on: sql)
                    let billing = try await DataVersion.billing(practiceID: practiceID, on: sql)
                    #expect(billing == data, "removing invoice lines moves the billing version")
                    throw RolledBack()
                }
            }
            #expect(try await versions(app, practiceID) == renamed, "nothing of it stayed")
        }
    }
}
