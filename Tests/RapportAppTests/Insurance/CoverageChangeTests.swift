import Foundation
import Testing
import Vapor

@testable import RapportApp
import RapportCore

/// A policy or contracted-rate change goes the way of a fee change: previewed (nothing written),
/// applied and recorded, and undone.
struct CoverageChangeTests {
    @Test func aPolicyAddedForPastSessionsIsPreviewedAppliedAndUndone() async throws {
        try await withRapport { app in
            let setup = try await PolicyTests.Setup.make(app)
            let api = setup.practice.api
            let past = try await setup.practice.book(setup.client, daysFromToday: -3, attendance: "show")
            let upcoming = try await setup.practice.book(setup.client, daysFromToday: 4)
            let invoiced = try await setup.practice.book(setup.client, daysFromToday: -5, attendance: "show")
            _ = try await setup.practice.invoice(setup.client, [invoiced])
            let body = setup.primary(from: setup.today.adding(days: -30))
            let preview = try await api.post("\(setup.path)/preview", #"{"policy": \#(body)}"#)
            #expect(preview.status == .ok, "\(preview.text)")
            #expect(preview.json["applied"].bool == false && preview.json["changeId"].isNull)
            let rerouted = preview.json["rerouted"].array
            #expect(Set(rerouted.map { $0["sessionId"].string }) == [past, upcoming])
            #expect(rerouted.allSatisfy { $0["before"]["to"].string == "client" && $0["after"]["payerName"].string == "Aetna" })
            #expect(preview.json["billedDiffering"][0]["nowBillsInsurer"].string == "Aetna")
            #expect(try await api.get(setup.path).json.array.isEmpty, "a preview writes nothing")
            #expect(try await api.get("/api/v1/sessions/\(past)").json["billing"]["to"].string == "client")

            let applied = try await api.post(setup.path, body)
            let change = try #require(applied.json["changeId"].string)
            #expect(try await api.get("/api/v1/sessions/\(past)").json["billing"]["to"].string == "insurance")
            let undone = try await api.post("/api/v1/billing-changes/\(change)/undo", "{}")
            #expect(undone.status == .ok, "\(undone.text)")
            #expect(undone.json["sessionsRerouted"].int == 2)
            #expect(try await api.get(setup.path).json.array.isEmpty)
            #expect(try await api.get("/api/v1/sessions/\(upcoming)").json["billing"]["to"].string == "client")
            #expect(try await api.post("/api/v1/billing-changes/\(change)/undo", "{}").status == .conflict)
        }
    }

    @Test func aCopayChangeAndARemovalArePreviewedAndARemovalIsUndoneWithItsAuthorizations() async throws {
        try await withRapport { app in
            let setup = try await PolicyTests.Setup.make(app)
            let api = setup.practice.api
            let policy = try await api.post(setup.path, setup.primary(from: setup.today.adding(days: -30))).json
            let id = policy["id"].string ?? ""
            _ = try await api.post(
                "\(setup.path)/\(id)/authorizations",
                #"{"number": "PA1", "visits": 10, "startsOn": "\#(setup.today.adding(days: -10))", "endsOn": "\#(setup.today.adding(days: 50))"}"#
            )
            _ = try await setup.practice.book(setup.client, daysFromToday: 2)
            let copay = try await api.post(
                "\(setup.path)/preview",
                #"{"policyId": "\#(id)", "policy": {"copay": {"amount": 3500, "currency": "USD"}}}"#)
            let moved = copay.json["rerouted"][0]
            #expect(moved["before"]["clientShare"]["amount"].int == 2000 && moved["after"]["clientShare"]["amount"].int == 3500)
            let bad = try await api.post("\(setup.path)/preview", #"{"policyId": "\#(id)", "policy": {"memberId": "W*1"}}"#)
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.json["error"]["fields"]["policy.memberId"].string != nil, "\(bad.text)")
            let removal = try await api.post("\(setup.path)/preview", #"{"policyId": "\#(id)", "remove": true}"#)
            #expect(removal.json["rerouted"][0]["after"]["reason"].string == "noPolicy")
            let unclear = try await api.post("\(setup.path)/preview", #"{"remove": true}"#)
            #expect(unclear.status == .unprocessableEntity)

            let removed = try await api.delete("\(setup.path)/\(id)")
            let change = try #require(removed.json["changeId"].string)
            #expect(try await api.get(setup.path).json.array.isEmpty)
            #expect(try await api.post("/api/v1/billing-changes/\(change)/undo", "{}").status == .ok)
            let back = try await api.get("\(setup.path)/\(id)")
            #expect(back.status == .ok, "the policy is back under its own id")
            #expect(back.json["authorizations"][0]["number"].string == "PA1" && back.json["copay"]["amount"].int == 2000)
        }
    }

    @Test func aContractedRateChangeIsPreviewedAcrossThePayersClientsAppliedAndUndone() async throws {
        try await withRapport { app in
            let claimable = try await ClaimTests.Claimable.make(app)
            let insured = claimable.insured
            let api = insured.api
            let practice = insured.setup.practice
            _ = try await api.patch("\(insured.setup.path)/\(insured.policy)", #"{"copay": null, "coinsurancePercent": 20}"#)
            let upcoming = try await practice.book(insured.client, daysFromToday: 3)
            let past = try await practice.book(insured.client, daysFromToday: -2, attendance: "show")
            let claimed = try await practice.book(insured.client, daysFromToday: -4, attendance: "show")
            let claim = try await api.post(
                "/api/v1/claims", #"{"clientId": "\#(insured.client)", "sessionIds": ["\#(claimed)"]}"#)
            #expect(claim.status == .created, "\(claim.text)")
            let rates = "/api/v1/payers/\(insured.setup.aetna)/rates"
            let body =
                #"{"serviceId": "\#(practice.therapy45)", "amount": {"amount": 11000, "currency": "USD"}, "effectiveFrom": "\#(insured.setup.today.adding(days: -30))"}"#
            let preview = try await api.post("\(rates)/preview", body)
            #expect(preview.status == .ok, "\(preview.text)")
            let moved = preview.json["rerouted"].array
            #expect(Set(moved.map { $0["sessionId"].string }) == [upcoming, past], "not the claimed session")
            #expect(moved.allSatisfy { $0["before"]["allowed"]["amount"].int == 9800 && $0["after"]["allowed"]["amount"].int == 11000 })
            #expect(moved.allSatisfy { $0["after"]["clientShare"]["amount"].int == 2200 }, "20% of $110.00")
            #expect(try await api.get("/api/v1/sessions/\(past)").json["billing"]["allowed"]["amount"].int == 9800, "nothing written")

            let bad = try await api.post("\(rates)/preview", #"{"serviceId": "\#(practice.therapy45)", "amount": {"amount": -5, "currency": "USD"}}"#)
            #expect(bad.status == .unprocessableEntity && bad.json["error"]["fields"]["amount.amount"].string != nil, "\(bad.text)")
            #expect(try await api.post("/api/v1/payers/\(UUID())/rates/preview", body).status == .notFound)

            let applied = try await api.post(rates, body)
            let change = try #require(applied.json["changeId"].string, "\(applied.text)")
            #expect(try await api.get("/api/v1/sessions/\(past)").json["billing"]["allowed"]["amount"].int == 11000)
            let undone = try await api.post("/api/v1/billing-changes/\(change)/undo", "{}")
            #expect(undone.status == .ok, "\(undone.text)")
            #expect(undone.json["sessionsRerouted"].int == 2)
            #expect(try await api.get("/api/v1/sessions/\(upcoming)").json["billing"]["allowed"]["amount"].int == 9800)
            let payer = try await api.get("/api/v1/payers/\(insured.setup.aetna)").json
            #expect(payer["rates"].array.map { $0["amount"]["amount"].int } == [9800], "the rate as it was")

            // Undoing a change the rate has moved on from would lose the later one: refused.
            let first = try await api.post(rates, body).json["changeId"].string ?? ""
            _ = try await api.post(rates, body.replacingOccurrences(of: "11000", with: "12000"))
            let refused = try await api.post("/api/v1/billing-changes/\(first)/undo", "{}")
            #expect(refused.status == .conflict && refused.json["error"]["code"].string == "rate_changed_since", "\(refused.text)")
        }
    }
}
