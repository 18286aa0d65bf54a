import Fluent
import Foundation
import Testing
import Vapor

@testable import RapportApp
import RapportCore

/// An 835 for claims Rapport sent: previewed, posted once in one transaction, and each case a
/// person must decide left as an exception with its reason.
struct RemittanceTests {
    /// A sent claim for one 90834 session of $150.00, and the ids the payer will quote back.
    struct Sent {
        let setup: ClaimTests.Claimable
        let claimID: String
        let patientControlNumber: String
        let lineID: String
        let dateOfService: String
        var api: APIClient { setup.api }

        static func make(_ app: Application) async throws -> Sent {
            let setup = try await ClaimTests.Claimable.make(app)
            _ = try await setup.practice.book(setup.client, daysFromToday: -3, attendance: "show")
            let claim = try await setup.api.post("/api/v1/claims", #"{"clientId": "\#(setup.client)"}"#).json[0]
            let sent = try await setup.api.post("/api/v1/claim-batches", "{}")
            #expect(sent.status == .created, "\(sent.text)")
            let line = claim["lines"][0]
            return Sent(
                setup: setup, claimID: claim["id"].string ?? "", patientControlNumber: claim["patientControlNumber"].string ?? "",
                lineID: (line["id"].string ?? "").replacingOccurrences(of: "-", with: ""),
                dateOfService: (line["dateOfService"].string ?? "").replacingOccurrences(of: "-", with: ""))
        }

        /// An 835 paying the claim: `paid`, with the line's adjustments (`CO*45*52`), as the payer writes it.
        func remittance(
            trace: String = "CHK1001", status: String = "1", paid: String = "78", patient: String = "20",
            adjustments: [String] = ["CO*45*52", "PR*3*20"], payee: String = "1245319599", claim: String? = nil,
            charge: String = "150", payer: (name: String, id: String) = ("AETNA", "60054"), line: String? = nil,
            payment: String? = nil, providerAdjustments: [String] = []
        ) -> String {
            var body = [
                "BPR*I*\(payment ?? paid)*C*CHK************20261201", "TRN*1*\(trace)*1066033492", "N1*PR*\(payer.name)",
                "REF*2U*\(payer.id)",
                "N1*PE*CALM WATERS COUNSELING*XX*\(payee)", "LX*1",
                "CLP*\(claim ?? patientControlNumber)*\(status)*\(charge)*\(paid)*\(patient)*12*AET5551*11*1",
                "NM1*QC*1*NGUYEN*AVERY****MI*W123456789",
                "SVC*HC:90834*\(charge)*\(paid)**1", "DTM*472*\(dateOfService)",
            ]
            body += adjustments.map { "CAS*\($0)" }
            body += ["REF*6R*\(line ?? lineID)", "AMT*B6*98"] + providerAdjustments
            let segments =
                ["ISA*00*          *00*          *ZZ*60054          *ZZ*RAP12345       *261201*1200*^*00501*000000001*0*T*:",
                 "GS*HP*60054*RAP12345*20261201*1200*1*X*005010X221A1", "ST*835*0001"]
                + body + ["SE*\(body.count + 2)*0001", "GE*1*1", "IEA*1*000000001"]
            return segments.joined(separator: "~\n") + "~\n"
        }

        static func input(_ text: String) -> String {
            let data = try? JSONEncoder().encode(["x12": text])
            return String(decoding: data ?? Data(), as: UTF8.self)
        }
    }

    @Test func aRemittanceIsPreviewedThenPostedOnceAndTheClaimIsPaidWithTheClientsShare() async throws {
        try await withRapport { app in
            let sent = try await Sent.make(app)
            let file = Sent.input(sent.remittance())
            let preview = try await sent.api.post("/api/v1/remittances/preview", file)
            #expect(preview.status == .ok, "\(preview.text)")
            let claim = preview.json["claims"][0]
            #expect(preview.json["posted"].bool == false && preview.json["id"].isNull)
            #expect(claim["claimId"].string == sent.claimID && claim["clientName"].string == "Avery Nguyen")
            #expect(claim["paid"]["amount"].int == 7800 && claim["writtenOff"]["amount"].int == 5200)
            #expect(claim["patientResponsibility"]["amount"].int == 2000 && claim["status"].string == "paid")
            #expect(claim["adjustments"].array.map(\.string) == [
                "CO-45: Charge exceeds the fee schedule or maximum allowed amount", "PR-3: Co-payment amount",
            ])
            #expect(try await sent.api.get("/api/v1/claims/\(sent.claimID)").json["status"].string == "submitted", "a preview writes nothing")

            let posted = try await sent.api.post("/api/v1/remittances", file)
            #expect(posted.status == .created, "\(posted.text)")
            #expect(posted.json["posted"].bool == true && posted.json["id"].string != nil)
            let paid = try await sent.api.get("/api/v1/claims/\(sent.claimID)").json
            #expect(paid["status"].string == "paid")
            #expect(paid["paid"]["amount"].int == 7800 && paid["patientResponsibility"]["amount"].int == 2000)
            #expect(paid["payerClaimNumber"].string == "AET5551")
            let again = try await sent.api.post("/api/v1/remittances", file)
            #expect(again.status == .conflict && again.json["error"]["code"].string == "already_posted")
            #expect(again.json["error"]["message"].string?.contains("already posted on") == true, "\(again.text)")
            let events = try await AuditEvent.query(on: app.db).filter(\.$entityType == "claim").filter(\.$action == "payment").count()
            #expect(events == 1)

            // Read back as it was posted, each read audited as a look at the client.
            let listed = try await sent.api.get("/api/v1/remittances").json
            #expect(listed.array.count == 1 && listed[0]["claimsPosted"].int == 1 && listed[0]["openExceptions"].int == 0)
            let client = try #require(UUID(uuidString: sent.setup.client))
            let looks = { try await AuditEvent.query(on: app.db).filter(\.$entityID == client).filter(\.$action == "read").count() }
            let before = try await looks()
            let stored = try await sent.api.get("/api/v1/remittances/\(posted.json["id"].string ?? "")").json
            #expect(stored["claims"][0]["paid"]["amount"].int == 7800 && stored["claims"][0]["status"].string == "paid")
            #expect(stored["claims"][0]["adjustments"].array.map(\.string) == claim["adjustments"].array.map(\.string))
            #expect(stored["traceNumber"].string == "CHK1001" && stored["postedBy"].string != nil)
            #expect(try await looks() == before + 1)
        }
    }

    /// A PLB adjustment is the practice's, not a client's: recorded with the remittance, and the
    /// payment it reduced still balances.
    @Test func aProviderLevelAdjustmentIsRecordedAgainstThePractice() async throws {
        try await withRapport { app in
            let sent = try await Sent.make(app)
            let file = sent.remittance(payment: "68", providerAdjustments: ["PLB*1245319599*20261231*WO:OVERPAY1*10"])
            let posted = try await sent.api.post("/api/v1/remittances", Sent.input(file))
            #expect(posted.status == .created, "\(posted.text)")
            #expect(posted.json["providerAdjustments"][0]["amount"]["amount"].int == 1000)
            let stored = try await ProviderAdjustmentRow.query(on: app.db).all()
            #expect(stored.map(\.reason) == ["WO"] && stored.map(\.amount) == [1000])
            #expect(stored.map(\.reference) == ["OVERPAY1"])
            let balance = try await sent.api.get("/api/v1/clients/\(sent.setup.client)/balance").json
            #expect(balance["patientResponsibility"]["amount"].int == 2000, "the client owes their copay, not the PLB")
            let read = try await sent.api.get("/api/v1/remittances/\(posted.json["id"].string ?? "")").json
            #expect(read["providerAdjustments"][0]["reason"].string == "WO")
        }
    }

    @Test func twoUploadsOfTheSamePaymentAtOncePostItOnce() async throws {
        try await withRapport { app in
            let sent = try await Sent.make(app)
            let file = Sent.input(sent.remittance())
            async let one = sent.api.post("/api/v1/remittances", file)
            async let two = sent.api.post("/api/v1/remittances", file)
            let answers = try await [one, two]
            #expect(answers.map(\.status.code).sorted() == [201, 409], "\(answers.map(\.text))")
            #expect(answers.contains { $0.json["error"]["code"].string == "already_posted" })
            #expect(try await RemittanceRow.query(on: app.db).count() == 1)
            #expect(try await ClaimPaymentRow.query(on: app.db).count() == 1)
            #expect(try await sent.api.get("/api/v1/claims/\(sent.claimID)").json["paid"]["amount"].int == 7800)
        }
    }

    @Test func aReversalPutsTheClaimBackAndItsReadjudicationPostsAnew() async throws {
        try await withRapport { app in
            let sent = try await Sent.make(app)
            _ = try await sent.api.post("/api/v1/remittances", Sent.input(sent.remittance()))
            let reversal = sent.remittance(
                trace: "CHK1002", status: "22", paid: "-78", patient: "-20", adjustments: ["CO*45*-52", "PR*3*-20"],
                charge: "-150")
            let back = try await sent.api.post("/api/v1/remittances", Sent.input(reversal))
            #expect(back.status == .created, "\(back.text)")
            let claim = try await sent.api.get("/api/v1/claims/\(sent.claimID)").json
            #expect(claim["status"].string == "submitted" && claim["paid"]["amount"].int == 0)
            #expect(claim["patientResponsibility"]["amount"].int == 0)
            let anew = sent.remittance(trace: "CHK1003", paid: "88", adjustments: ["CO*45*42", "PR*3*20"])
            #expect(try await sent.api.post("/api/v1/remittances", Sent.input(anew)).status == .created)
            #expect(try await sent.api.get("/api/v1/claims/\(sent.claimID)").json["paid"]["amount"].int == 8800)
        }
    }

    @Test func whatCannotBePostedIsLeftForAPersonWithItsReason() async throws {
        try await withRapport { app in
            let sent = try await Sent.make(app)
            let unknown = sent.remittance(claim: "0123456789ABCDEF0123456789ABCDEF")
            let stored = try await sent.api.post("/api/v1/remittances", Sent.input(unknown))
            #expect(stored.status == .created, "\(stored.text)")
            let exception = stored.json["exceptions"][0]
            #expect(exception["kind"].string == "unmatchedClaim" && exception["id"].string != nil)
            #expect(exception["description"].string?.contains("AVERY NGUYEN") == true)
            #expect(try await sent.api.get("/api/v1/claims/\(sent.claimID)").json["status"].string == "submitted")
            let attention = try await sent.api.get("/api/v1/remittance-exceptions").json
            #expect(attention.array.count == 1 && attention[0]["kind"].string == "unmatchedClaim")
            #expect(attention[0]["traceNumber"].string == "CHK1001" && attention[0]["payerName"].string == "AETNA")
            let clinician = try await PracticeFixture.clinician(app, addedBy: sent.api)
            #expect(try await clinician.get("/api/v1/remittance-exceptions").json.array.isEmpty)
            #expect(try await clinician.get("/api/v1/remittances").json.array.isEmpty)
            #expect(try await clinician.get("/api/v1/remittances/\(stored.json["id"].string ?? "")").status == .notFound)
            let other = try await sent.api.post(
                "/api/v1/remittances/preview", Sent.input(sent.remittance(trace: "CHK2", payee: "1679576722")))
            #expect(other.json["exceptions"][0]["kind"].string == "payeeNotThisPractice" && other.json["claims"].array.isEmpty)
            let elsewhere = try await sent.api.post(
                "/api/v1/remittances", Sent.input(sent.remittance(trace: "CHK2", payee: "1679576722")))
            #expect(elsewhere.status == .unprocessableEntity, "a file for another practice posts nothing")
            #expect(elsewhere.json["error"]["fields"]["x12"].string?.contains("1679576722") == true, "\(elsewhere.text)")
            #expect(try await RemittanceRow.query(on: app.db).count() == 1, "only the first file")
            let unbalanced = sent.remittance(trace: "CHK3", adjustments: ["CO*45*50", "PR*3*20"])
            let off = try await sent.api.post("/api/v1/remittances/preview", Sent.input(unbalanced))
            #expect(off.json["exceptions"][0]["kind"].string == "unbalanced", "\(off.text)")
        }
    }

    /// Nothing leaves Needs attention without a person's decision, and each decision is audited.
    @Test func anExceptionIsResolvedByPostingItToTheClaimAPersonNamesOrByRecordingWhatWasDone() async throws {
        try await withRapport { app in
            let sent = try await Sent.make(app)
            let unknown = "0123456789ABCDEF0123456789ABCDEF"
            _ = try await sent.api.post("/api/v1/remittances", Sent.input(sent.remittance(claim: unknown)))
            _ = try await sent.api.post("/api/v1/remittances", Sent.input(sent.remittance(trace: "CHK2", claim: unknown)))
            let open = try await sent.api.get("/api/v1/remittance-exceptions").json.array
            #expect(open.count == 2)
            let first = open.first { $0["traceNumber"].string == "CHK1001" }?["id"].string ?? ""
            let second = open.first { $0["traceNumber"].string == "CHK2" }?["id"].string ?? ""
            let path = { (id: String) in "/api/v1/remittance-exceptions/\(id)/resolve" }

            let noClaim = try await sent.api.post(path(first), #"{"action": "matchClaim"}"#)
            #expect(noClaim.status == .unprocessableEntity && noClaim.json["error"]["fields"]["claimId"].string != nil)
            let noReason = try await sent.api.post(path(second), #"{"action": "writeOff"}"#)
            #expect(noReason.json["error"]["fields"]["reason"].string?.contains("required") == true, "\(noReason.text)")
            let unknownAction = try await sent.api.post(path(second), #"{"action": "ignore", "reason": "x"}"#)
            #expect(unknownAction.json["error"]["fields"]["action"].string != nil)

            let matched = try await sent.api.post(path(first), #"{"action": "matchClaim", "claimId": "\#(sent.claimID)"}"#)
            #expect(matched.status == .ok, "\(matched.text)")
            #expect(matched.json["resolution"].string?.contains("posted to claim #1") == true)
            let claim = try await sent.api.get("/api/v1/claims/\(sent.claimID)").json
            #expect(claim["status"].string == "paid" && claim["paid"]["amount"].int == 7800)
            // The same payment again: the claim is paid now, so the rules refuse it, in words.
            let twice = try await sent.api.post(path(second), #"{"action": "matchClaim", "claimId": "\#(sent.claimID)"}"#)
            #expect(twice.status == .unprocessableEntity)
            #expect(twice.json["error"]["fields"]["claimId"].string?.contains("not awaiting payment") == true, "\(twice.text)")
            let refunded = try await sent.api.post(path(second), #"{"action": "refund", "reason": "paid twice; refund requested"}"#)
            #expect(refunded.json["resolution"].string == "to be refunded to the payer: paid twice; refund requested")
            #expect(try await sent.api.post(path(second), #"{"action": "refund", "reason": "again"}"#).status == .conflict)
            #expect(try await sent.api.get("/api/v1/remittance-exceptions").json.array.isEmpty)
            let decisions = try await AuditEvent.query(on: app.db).filter(\.$entityType == "remittanceException")
                .filter(\.$action == "resolve").count()
            #expect(decisions == 2)
        }
    }

    /// A sent claim no remittance answers within the practice's follow-up days is listed, with its age.
    @Test func claimsWaitingLongerThanThePracticesFollowUpDaysAreListedWithTheirAge() async throws {
        try await withRapport { app in
            let sent = try await Sent.make(app)
            #expect(try await sent.api.get("/api/v1/claims/follow-up").json.array.isEmpty, "sent today")
            let claim = try #require(UUID(uuidString: sent.claimID))
            try await app.db.sql().update(ClaimRow.schema)
                .set("submitted_at", to: Date().addingTimeInterval(-40 * 86_400)).where("id", .equal, claim).run()
            let waiting = try await sent.api.get("/api/v1/claims/follow-up").json
            #expect(waiting.array.count == 1 && waiting[0]["claimId"].string == sent.claimID)
            #expect(waiting[0]["payerName"].string == "Aetna" && waiting[0]["clientName"].string == "Avery Nguyen")
            #expect((39...41).contains(waiting[0]["daysWaiting"].int ?? 0), "\(waiting)")
            let browser = try await Browser.signIn(app, email: "owner@example.com", password: "correct horse battery")
            let page = try await browser.get("/billing/claims").body.string
            #expect(page.contains("Follow up: no answer after 30 days") && page.contains("Aetna · 1 claim"))

            let longer = try await sent.api.patch("/api/v1/practice", #"{"claimFollowUpDays": 60}"#)
            #expect(longer.json["claimFollowUpDays"].int == 60, "\(longer.text)")
            #expect(try await sent.api.get("/api/v1/claims/follow-up").json.array.isEmpty)
            let refused = try await sent.api.patch("/api/v1/practice", #"{"claimFollowUpDays": 0}"#)
            #expect(refused.status == .unprocessableEntity && refused.json["error"]["fields"]["claimFollowUpDays"].string != nil)
            // Paid: off the list whatever its age.
            _ = try await sent.api.patch("/api/v1/practice", #"{"claimFollowUpDays": 30}"#)
            _ = try await sent.api.post("/api/v1/remittances", Sent.input(sent.remittance()))
            #expect(try await sent.api.get("/api/v1/claims/follow-up").json.array.isEmpty)
        }
    }

    /// `rapport remittances import FILE` posts to the practice the remittance pays, found by NPI.
    @Test func theCommandLineFindsThePracticeTheRemittancePays() async throws {
        try await withRapport { app in
            let sent = try await Sent.make(app)
            let practice = try await RemittanceImport.practice(paidBy: sent.remittance(), on: app.db)
            #expect(try await Practice.query(on: app.db).all().map(\.id) == [practice])
            do {
                _ = try await RemittanceImport.practice(paidBy: sent.remittance(payee: "1679576722"), on: app.db)
                Issue.record("a file for another practice is refused")
            } catch let error as UseCaseError {
                #expect(error.fields["x12"]?.contains("for another practice") == true, "\(error)")
            }
        }
    }

    @Test(arguments: [
        ("ISA*00*cut", "not an X12 file"), ("", "not an X12 file"),
    ])
    func aFileThatDoesNotReadIsRefusedNamingWhy(text: String, reason: String) async throws {
        try await withRapport { app in
            let sent = try await Sent.make(app)
            let refused = try await sent.api.post("/api/v1/remittances", Sent.input(text))
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.json["error"]["fields"]["x12"].string?.contains(reason) == true, "\(refused.text)")
        }
    }

    @Test func aCutFileAPaymentThatDoesNotAddUpAndAClinicianAreRefused() async throws {
        try await withRapport { app in
            let sent = try await Sent.make(app)
            let text = sent.remittance()
            let cut = try await sent.api.post("/api/v1/remittances", Sent.input(String(text.prefix(text.count - 40))))
            #expect(cut.status == .unprocessableEntity)
            #expect(cut.json["error"]["fields"]["x12"].string?.contains("segment") == true, "\(cut.text)")
            let payment = text.replacingOccurrences(of: "BPR*I*78*", with: "BPR*I*80*")
            let wrong = try await sent.api.post("/api/v1/remittances", Sent.input(payment))
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.json["error"]["fields"]["x12"].string?.contains("BPR02") == true, "\(wrong.text)")
            #expect(try await RemittanceRow.query(on: app.db).count() == 0, "nothing posted")
            // A clinician sees only their own clients; a remittance holds every client's claims.
            let clinician = try await PracticeFixture.clinician(app, addedBy: sent.api)
            #expect(try await clinician.post("/api/v1/remittances/preview", Sent.input(text)).status == .forbidden)
        }
    }
}
