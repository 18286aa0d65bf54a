import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import RapportApp

/// An invoice line records what it was priced from (the session's typed fee, chosen service,
/// start and self-pay choice), and the billing check compares it with today's rules from that
/// record: a line billed at a typed fee still follows the typed fee when the client's fee changes.
struct BilledLineInputsTests {
    /// A client with a session billed at a typed fee and one billed at the client's fee, whose fee
    /// then rises to 130.00; the billing check's billed differences, by session.
    private func typedAndRuledLines(
        _ app: Application, before check: (PracticeFixture) async throws -> Void = { _ in }
    ) async throws -> (typed: String, ruled: String, differences: [String: JSON]) {
        let fixture = try await PracticeFixture.make(app)
        let client = try await fixture.makeClient()
        let typed = try await fixture.book(
            client, daysFromToday: -14, attendance: "show", extra: #", "fee": \#(fixture.money(9000))"#)
        let ruled = try await fixture.book(client, daysFromToday: -7, attendance: "show")
        _ = try await fixture.invoice(client, [typed, ruled])
        _ = try await fixture.api.patch(
            "/api/v1/clients/\(client)/billing",
            #"{"fees": [{"serviceId": "\#(fixture.therapy45)", "amount": \#(fixture.money(13000))}]}"#)
        try await check(fixture)
        let reply = try await fixture.api.get("/api/v1/billing-check?clientId=\(client)")
        #expect(reply.status == .ok, "\(reply.text)")
        var differences: [String: JSON] = [:]
        for difference in reply.json["billedDifferently"].array {
            differences[difference["sessionId"].string ?? ""] = difference
        }
        return (typed, ruled, differences)
    }

    @Test func aLineBilledAtATypedFeeIsComparedAtThatFee() async throws {
        try await withRapport { app in
            let (typed, ruled, differences) = try await typedAndRuledLines(app)
            #expect(differences[typed] == nil, "the typed 90.00 is still what the rules give it")
            #expect(differences[ruled]?["billed"]["amount"]["amount"].int == 15000)
            #expect(differences[ruled]?["rules"]["amount"]["amount"].int == 13000)
            #expect(differences.count == 1)
        }
    }

    /// Lines written before lines recorded their inputs take them from their sessions when the
    /// migration runs; the check then answers as for lines written since.
    @Test func linesWrittenBeforeTheRecordTakeTheirSessionsInputs() async throws {
        try await withRapport { app in
            let (typed, ruled, differences) = try await typedAndRuledLines(app) { _ in
                let sql = try app.db.sql()
                try await sql.raw(
                    """
                    UPDATE invoice_lines
                    SET starts_at = NULL, chosen_service_id = NULL, fee_override = NULL, self_pay = NULL
                    """
                ).run()
                try await AddInvoiceLinePricingInputs.copySessionInputs(on: sql)
            }
            #expect(differences[typed] == nil)
            #expect(differences[ruled]?["rules"]["amount"]["amount"].int == 13000)
            #expect(try await InvoiceLine.query(on: app.db).all().allSatisfy { $0.startsAt != nil })
        }
    }
}
