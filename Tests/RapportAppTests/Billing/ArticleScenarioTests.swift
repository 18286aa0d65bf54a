import Fluent
import Foundation
import Testing
import Vapor

@testable import RapportApp

/// The help article's situation, end to end: a client's default code and fee change after sessions
/// were booked and some were invoiced. In Rapport one preview + apply and one re-issue fix it all.
struct ArticleScenarioTests {
    @Test func oneChangeAndOneReissueReplaceTheWholeRepairProcedure() async throws {
        try await withRapport { app in
            // setup: practice default 90834 at 150.00; weekly sessions — 6 past and attended, 20 upcoming
            let fixture = try await PracticeFixture.make(app)
            let api = fixture.api
            let client = try await fixture.makeClient()
            let series = try await api.post(
                "/api/v1/series",
                """
                {"clientId": "\(client)", "clinicianId": "\(fixture.clinicianID)", "start": "\(fixture.localStart(daysFromToday: -41))", "rule": "FREQ=WEEKLY;COUNT=26"}
                """)
            let sessions = series.json["occurrences"].array.compactMap { $0["id"].string }
            #expect(sessions.count == 26)
            let past = Array(sessions.prefix(6)), future = Array(sessions.dropFirst(6))
            for id in past { _ = try await api.patch("/api/v1/sessions/\(id)", #"{"attendance": "show"}"#) }
            let invoice = try await fixture.invoice(client, Array(past.prefix(2)))
            let change = """
                {"clientId": "\(client)", "defaultServiceId": "\(fixture.therapy60)",
                 "fees": [{"serviceId": "\(fixture.therapy60)", "amount": \(fixture.money(13000))}],
                 "effectiveFrom": "\(fixture.date(daysFromToday: -41))"}
                """

            // act 1: preview — nothing changes yet
            let preview = try await api.post("/api/v1/billing-changes/preview", change)
            #expect(preview.status == .ok, "\(preview.text)")
            #expect(preview.json["applied"].bool == false)
            #expect(preview.json["sessionsRepriced"].int == 24)
            #expect(preview.json["difference"]["amount"].int == 24 * (13000 - 15000))
            #expect(preview.json["billedDiffering"].array.count == 2)
            #expect(
                preview.json["billedDiffering"].array.allSatisfy {
                    $0["invoiceNumber"].int == 1 && $0["canReissue"].bool == true
                })
            #expect(
                try await api.get("/api/v1/sessions/\(future[0])").json["fee"]["amount"].int == 15000,
                "a preview writes nothing")

            // act 2: apply
            let applied = try await api.post("/api/v1/billing-changes", change)
            #expect(applied.status == .created)
            for id in past.dropFirst(2) + future {
                let session = try await api.get("/api/v1/sessions/\(id)").json
                #expect(session["service"]["code"].string == "90837")
                #expect(session["fee"]["amount"].int == 13000)
                #expect(session["feeSource"].string == "clientFee")
            }
            let check = try await api.get("/api/v1/billing-check?clientId=\(client)")
            #expect(
                check.json["billedDifferently"].array.compactMap { $0["sessionId"].string }.sorted()
                    == past.prefix(2).sorted())

            // act 3: one re-issue fixes the invoiced sessions
            let reissued = try await api.post("/api/v1/invoices/\(invoice["id"].string ?? "")/reissue", "")
            #expect(
                reissued.json["lines"].array.allSatisfy {
                    $0["serviceCode"].string == "90837" && $0["amount"]["amount"].int == 13000
                })
            #expect(
                try await api.get("/api/v1/billing-check?clientId=\(client)").json["billedDifferently"].array.isEmpty)

            // act 4: "delete this and all future sessions" from the 10th upcoming session
            let deleted = try await api.delete("/api/v1/sessions/\(future[9])?scope=following")
            #expect(deleted.json["deleted"].array.count == 11)
            let left = try await api.get("/api/v1/series/\(series.json["id"].string ?? "")").json["occurrences"].array
            #expect(left.compactMap { $0["id"].string } == past + future.prefix(9))
            #expect(left.allSatisfy { $0["fee"]["amount"].int == 13000 })
        }
    }
}
