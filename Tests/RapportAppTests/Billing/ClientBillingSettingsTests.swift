import Foundation
import Testing

@testable import RapportApp

/// A client's Billing settings show the rules in force today and every rule ever set, oldest
/// first, each with its service's code.
struct ClientBillingSettingsTests {
    @Test func theSettingsShowTodaysRulesAndEveryRuleOldestFirstWithItsCode() async throws {
        try await withRapport { app in
            // setup: from the beginning 90834 at 130.00 and 90837 as the default; from ten days ago
            // 90837 at 170.00; from today the 90834 fee ends and the practice's default applies again
            let fixture = try await PracticeFixture.make(app)
            let client = try await fixture.makeClient()
            let today = fixture.zone.localDate(Date())
            let tenDaysAgo = today.adding(days: -10)
            let changes = [
                """
                {"defaultServiceId": "\(fixture.therapy60)",
                 "fees": [{"serviceId": "\(fixture.therapy45)", "amount": \(fixture.money(13000))}]}
                """,
                """
                {"fees": [{"serviceId": "\(fixture.therapy60)", "amount": \(fixture.money(17000))}],
                 "effectiveFrom": "\(tenDaysAgo)"}
                """,
                """
                {"defaultServiceId": null, "fees": [{"serviceId": "\(fixture.therapy45)", "amount": null}],
                 "effectiveFrom": "\(today)"}
                """,
            ]
            for change in changes {
                let reply = try await fixture.api.patch("/api/v1/clients/\(client)/billing", change)
                #expect(reply.status == .ok, "\(reply.text)")
            }

            // act
            let reply = try await fixture.api.get("/api/v1/clients/\(client)/billing")

            // check
            #expect(reply.status == .ok, "\(reply.text)")
            let billing = reply.json
            #expect(billing["defaultServiceId"].isNull, "the practice's default again from today")
            let defaults = billing["defaultServiceHistory"].array
            #expect(defaults.map { $0["serviceCode"].string } == ["90837", nil])
            #expect(defaults.map { $0["serviceId"].string } == [fixture.therapy60, nil])
            #expect(defaults.map { $0["effectiveFrom"].string } == [nil, "\(today)"])
            let fees = billing["fees"].array
            #expect(fees.map { $0["serviceCode"].string } == ["90837"], "the 90834 fee has ended")
            #expect(fees.map { $0["amount"]["amount"].int } == [17000])
            let history = billing["feeHistory"].array
            #expect(history.map { $0["serviceCode"].string } == ["90834", "90837", "90834"])
            #expect(history.map { $0["amount"]["amount"].int } == [13000, 17000, nil])
            #expect(history.map { $0["effectiveFrom"].string } == [nil, "\(tenDaysAgo)", "\(today)"])
            #expect(history.map { $0["serviceId"].string } == [fixture.therapy45, fixture.therapy60, fixture.therapy45])
        }
    }
}
