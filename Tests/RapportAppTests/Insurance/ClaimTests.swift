import Fluent
import Foundation
import Testing
import Vapor

@testable import RapportApp
import RapportCore

/// Claims made from sessions that bill an insurer, checked, and sent as 837P files.
struct ClaimTests {
    /// A practice ready to claim: billing provider, a clinician with an NPI, the clearinghouse, and
    /// an insured client with demographics and diagnoses.
    struct Claimable {
        let insured: SessionBillingTests.Insured
        var api: APIClient { insured.api }
        var client: String { insured.client }
        var practice: PracticeFixture { insured.setup.practice }

        static func make(_ app: Application, diagnoses: Bool = true, clearinghouse: Bool = true) async throws
            -> Claimable
        {
            let insured = try await SessionBillingTests.Insured.make(app)
            let api = insured.api
            #expect(try await api.send(.PUT, "/api/v1/practice/billing-provider", BillingProviderTests.valid).status == .ok)
            let clinician = try await api.patch(
                "/api/v1/clinicians/\(insured.setup.practice.clinicianID)",
                #"{"npi": "1234567893", "taxonomy": "101YP2500X", "claimLastName": "Chen", "claimFirstName": "Maya"}"#)
            #expect(clinician.status == .ok, "\(clinician.text)")
            let client = try await api.patch(
                "/api/v1/clients/\(insured.client)",
                #"{"dateOfBirth": "1990-05-17", "sex": "female", "address": {"line1": "12 Oak Ave", "city": "Springfield", "state": "IL", "zip": "62704"}}"#
            )
            #expect(client.status == .ok, "\(client.text)")
            if diagnoses {
                _ = try await api.send(.PUT, "/api/v1/clients/\(insured.client)/diagnoses", #"{"codes": ["F41.1", "F33.0"]}"#)
            }
            if clearinghouse {
                let set = try await api.send(.PUT, "/api/v1/practice/clearinghouse", ClaimTests.clearinghouse)
                #expect(set.status == .ok, "\(set.text)")
            }
            return Claimable(insured: insured)
        }
    }

    static let clearinghouse = #"""
        {"name": "Availity", "receiverId": "030240928", "submitterId": "RAP12345", "submitterName": "Calm Waters Counseling",
         "contactName": "Maya Chen", "contactPhone": "(217) 555-0100"}
        """#

    @Test func claimsAreMadeOnePerDateOfServiceFromSessionsThatBillAnInsurer() async throws {
        try await withRapport { app in
            let setup = try await Claimable.make(app)
            let first = try await setup.practice.book(setup.client, daysFromToday: -3, attendance: "show")
            let second = try await setup.practice.book(setup.client, daysFromToday: -2)
            let own = try await setup.practice.book(
                setup.client, daysFromToday: -1, attendance: "show", extra: #", "selfPay": true"#)
            _ = try await setup.practice.book(setup.client, daysFromToday: 2)
            let made = try await setup.api.post("/api/v1/claims", #"{"clientId": "\#(setup.client)"}"#)
            #expect(made.status == .created, "\(made.text)")
            let claims = made.json.array
            #expect(claims.count == 2)
            #expect(claims.map { $0["lines"][0]["sessionId"].string } == [first, second])
            let claim = claims[0]
            #expect(claim["status"].string == "ready", "\(claim["problems"])")
            #expect(claim["payerName"].string == "Aetna" && claim["rank"].string == "primary")
            #expect(claim["total"]["amount"].int == 15000, "the practice's fee is the charge")
            #expect(claim["lines"][0]["procedure"].string == "90834")
            #expect(claim["lines"][0]["diagnosisPointers"].array.map(\.int) == [1, 2])
            #expect(claim["diagnoses"].array.map { $0["code"].string } == ["F41.1", "F33.0"])
            #expect(claim["patientControlNumber"].string?.count == 32)
            #expect(claims.map { $0["number"].int } == [1, 2])
            let session = try await setup.api.get("/api/v1/sessions/\(first)").json
            #expect(session["claimId"].string == claim["id"].string && session["billed"].bool == true)
            #expect(try await setup.api.get("/api/v1/sessions/\(own)").json["claimId"].isNull)
            let again = try await setup.api.post("/api/v1/claims", #"{"clientId": "\#(setup.client)"}"#)
            #expect(again.status == .unprocessableEntity, "nothing is claimed twice")
            let policy = "/api/v1/clients/\(setup.client)/policies/\(setup.insured.policy)"
            let kept = try await setup.api.delete(policy)
            #expect(kept.status == .conflict && kept.json["error"]["code"].string == "policy_has_claims")
            let balance = try await setup.api.get("/api/v1/clients/\(setup.client)/balance").json
            #expect(balance["unclaimed"]["sessions"].int == 0)
            let invoice = try await setup.api.post(
                "/api/v1/invoices", #"{"clientId": "\#(setup.client)", "sessionIds": ["\#(first)"]}"#)
            #expect(invoice.json["error"]["fields"]["sessionIds[0]"].string?.contains("is on claim #1") == true)
        }
    }

    @Test func aSessionsOwnDiagnosesGoOnItsClaimLine() async throws {
        try await withRapport { app in
            let setup = try await Claimable.make(app)
            let session = try await setup.practice.book(setup.client, daysFromToday: -2, attendance: "show")
            _ = try await setup.api.patch("/api/v1/sessions/\(session)", #"{"diagnoses": ["F43.23"]}"#)
            let claim = try await setup.api.post("/api/v1/claims", #"{"clientId": "\#(setup.client)"}"#).json[0]
            #expect(claim["diagnoses"].array.map { $0["code"].string } == ["F43.23"], "not the client's F41.1, F33.0")
            #expect(claim["lines"][0]["diagnosisPointers"].array.map(\.int) == [1])
            #expect(claim["status"].string == "ready")
        }
    }

    @Test func aTelehealthLineCarriesModifier95AndAnAuthorizationItsNumberAndADependentsClaimPassesPyx12()
        async throws
    {
        try await withRapport { app in
            let setup = try await Claimable.make(app)
            let policy = "/api/v1/clients/\(setup.client)/policies/\(setup.insured.policy)"
            _ = try await setup.api.patch(
                policy,
                #"{"relationship": "child", "subscriber": {"firstName": "Sam", "lastName": "Nguyen", "dateOfBirth": "1970-02-03", "sex": "male"}}"#
            )
            let today = setup.insured.setup.today
            _ = try await setup.api.post(
                "\(policy)/authorizations",
                #"{"number": "AUTH-77", "visits": 12, "startsOn": "\#(today.adding(days: -20))", "endsOn": "\#(today.adding(days: 20))"}"#
            )
            _ = try await setup.practice.book(
                setup.client, daysFromToday: -2, attendance: "show", extra: #", "placeOfService": "10""#)
            let claim = try await setup.api.post("/api/v1/claims", #"{"clientId": "\#(setup.client)"}"#).json[0]
            #expect(claim["lines"][0]["modifiers"].array.map(\.string) == ["95"], "Aetna wants 95 on telehealth")
            #expect(claim["placeOfService"].string == "10")
            #expect(claim["priorAuthorization"].string == "AUTH-77")
            #expect(claim["status"].string == "ready", "\(claim["problems"])")
            let file = try await ClaimChangeTests.send(setup.api)
            #expect(file.contains("SV1*HC:90834:95*150*UN*1***1:2~"))
            #expect(file.contains("REF*G1*AUTH-77~"))
            #expect(file.contains("PAT*19~") && file.contains("NM1*IL*1*NGUYEN*SAM"), "the child is the patient")
        }
    }

    @Test func aMonthlyPracticeMakesOneClaimForTheMonthsSessions() async throws {
        try await withRapport { app in
            let setup = try await Claimable.make(app)
            #expect(try await setup.api.patch("/api/v1/practice", #"{"claimGrouping": "month"}"#).status == .ok)
            // Yesterday and the day before: one month, except on the 1st, when each is its own.
            for day in [1, 2] { _ = try await setup.practice.book(setup.client, daysFromToday: -day, attendance: "show") }
            let made = try await setup.api.post("/api/v1/claims", #"{"clientId": "\#(setup.client)"}"#)
            #expect(made.status == .created, "\(made.text)")
            let months = Set(made.json.array.map { $0["dateFrom"].string?.prefix(7) })
            #expect(made.json.array.count == months.count, "one claim per month")
            #expect(made.json.array.map { $0["lines"].array.count }.reduce(0, +) == 2)
        }
    }

    @Test func aClaimIsADraftUntilEveryCheckPassesAndSaysWhereToFixIt() async throws {
        try await withRapport { app in
            let setup = try await Claimable.make(app, diagnoses: false)
            _ = try await setup.practice.book(setup.client, daysFromToday: -3, attendance: "show")
            let made = try await setup.api.post("/api/v1/claims", #"{"clientId": "\#(setup.client)"}"#)
            let claim = made.json[0]
            #expect(claim["status"].string == "draft")
            let problem = claim["problems"].array.first { $0["field"].string == "diagnoses" }
            #expect(problem?["message"].string?.contains("principal diagnosis") == true)
            #expect(problem?["fixAt"].string == "/clients/\(setup.client)/edit?tab=billing")
            _ = try await setup.api.send(.PUT, "/api/v1/clients/\(setup.client)/diagnoses", #"{"codes": ["F43.23"]}"#)
            let fixed = try await setup.api.get("/api/v1/claims/\(claim["id"].string ?? "")")
            #expect(fixed.json["status"].string == "ready", "\(fixed.json["problems"])")
            #expect(fixed.json["lines"][0]["diagnosisPointers"].array.map(\.int) == [1])
            let drafts = try await setup.api.get("/api/v1/claims?status=draft")
            #expect(drafts.json.array.isEmpty)
            #expect(try await setup.api.get("/api/v1/claims?status=ready").json.array.count == 1)
            #expect(try await setup.api.get("/api/v1/claims?status=lost").status == .unprocessableEntity)
        }
    }

    @Test func aNamedSessionThatCannotBeClaimedSaysWhy() async throws {
        try await withRapport { app in
            let setup = try await Claimable.make(app)
            let own = try await setup.practice.book(
                setup.client, daysFromToday: -1, attendance: "show", extra: #", "selfPay": true"#)
            let future = try await setup.practice.book(setup.client, daysFromToday: 3)
            let invoiced = try await setup.practice.book(
                setup.client, daysFromToday: -2, attendance: "show", extra: #", "selfPay": true"#)
            _ = try await setup.practice.invoice(setup.client, [invoiced])
            let other = try await setup.practice.makeClient("Sam", "Okafor")
            let theirs = try await setup.practice.book(other, daysFromToday: -1, attendance: "show")
            let refused = try await setup.api.post(
                "/api/v1/claims",
                #"{"clientId": "\#(setup.client)", "sessionIds": ["\#(own)", "\#(future)", "\#(invoiced)", "\#(theirs)", "\#(UUID())"]}"#
            )
            #expect(refused.status == .unprocessableEntity)
            let fields = refused.json["error"]["fields"]
            #expect(fields["sessionIds[0]"].string?.contains("chosen to be self-pay") == true, "\(refused.text)")
            #expect(fields["sessionIds[1]"].string == "has not happened yet")
            #expect(fields["sessionIds[2]"].string?.contains("billed to the client on invoice") == true)
            #expect(fields["sessionIds[3]"].string == "is another client's session")
            #expect(fields["sessionIds[4]"].string == "does not name a session of this practice")
            #expect(try await setup.api.get("/api/v1/claims").json.array.isEmpty)
        }
    }

    @Test func anUnsentClaimIsRemovedAndItsSessionsCanBeClaimedAgain() async throws {
        try await withRapport { app in
            let setup = try await Claimable.make(app)
            let session = try await setup.practice.book(setup.client, daysFromToday: -3, attendance: "show")
            let claim = try await setup.api.post("/api/v1/claims", #"{"clientId": "\#(setup.client)"}"#).json[0]
            let removed = try await setup.api.delete("/api/v1/claims/\(claim["id"].string ?? "")")
            #expect(removed.status == .ok)
            #expect(try await setup.api.get("/api/v1/sessions/\(session)").json["claimId"].isNull)
            let again = try await setup.api.post(
                "/api/v1/claims", #"{"clientId": "\#(setup.client)", "sessionIds": ["\#(session)"]}"#)
            #expect(again.status == .created)
            #expect(again.json[0]["number"].int == 2, "a claim number is never used again")
        }
    }

    @Test func readyClaimsAreSentAsOne837PerPayerThatPyx12CanRead() async throws {
        try await withRapport { app in
            let setup = try await Claimable.make(app, clearinghouse: false)
            _ = try await setup.practice.book(setup.client, daysFromToday: -3, attendance: "show")
            _ = try await setup.practice.book(setup.client, daysFromToday: -2, attendance: "show")
            _ = try await setup.api.post("/api/v1/claims", #"{"clientId": "\#(setup.client)"}"#)
            let unset = try await setup.api.post("/api/v1/claim-batches", "{}")
            #expect(unset.status == .conflict && unset.json["error"]["code"].string == "no_clearinghouse")
            _ = try await setup.api.send(.PUT, "/api/v1/practice/clearinghouse", Self.clearinghouse)
            let sent = try await setup.api.post("/api/v1/claim-batches", "{}")
            #expect(sent.status == .created, "\(sent.text)")
            let batch = sent.json[0]
            #expect(batch["claimCount"].int == 2 && batch["controlNumber"].int == 1)
            #expect(batch["total"]["amount"].int == 30000)
            let file = try await setup.api.get("/api/v1/claim-batches/\(batch["id"].string ?? "")/837")
            #expect(file.status == .ok)
            let text = file.text
            #expect(text.hasPrefix("ISA*00*"))
            #expect(text.contains("*T*:~"), "a test file until the clearinghouse says production")
            #expect(text.contains("NM1*PR*2*AETNA*****PI*60054~"))
            #expect(text.contains("HI*ABK:F411*ABF:F330~"))
            let claims = try await setup.api.get("/api/v1/claims").json.array
            #expect(claims.allSatisfy { $0["status"].string == "submitted" && $0["batchId"].string == batch["id"].string })
            #expect(claims.allSatisfy { text.contains("CLM*\($0["patientControlNumber"].string ?? "-")*150*") })
            if let folder = ProcessInfo.processInfo.environment["RAPPORT_X12_OUTPUT"] {
                try text.write(
                    toFile: "\(folder)/app-batch-\(UUID().uuidString).837", atomically: true, encoding: .utf8)
            }
            let nothing = try await setup.api.post("/api/v1/claim-batches", "{}")
            #expect(nothing.status == .conflict && nothing.json["error"]["code"].string == "nothing_ready")
            let sentClaim = try await setup.api.delete("/api/v1/claims/\(claims[0]["id"].string ?? "")")
            #expect(sentClaim.status == .conflict, "a sent claim is voided or corrected, not removed")
            _ = try await setup.practice.book(setup.client, daysFromToday: -1, attendance: "show")
            _ = try await setup.api.post("/api/v1/claims", #"{"clientId": "\#(setup.client)"}"#)
            let next = try await setup.api.post("/api/v1/claim-batches", "{}")
            #expect(next.json[0]["controlNumber"].int == 2, "control numbers increase and are never reused")
            // A clinician sees only their own clients: a batch holds others', so it is not theirs to read.
            let clinician = try await PracticeFixture.clinician(app, addedBy: setup.api)
            #expect(try await clinician.get("/api/v1/claim-batches").json.array.isEmpty)
            #expect(try await clinician.get("/api/v1/claim-batches/\(batch["id"].string ?? "")/837").status == .notFound)
        }
    }

    @Test func twoRequestsAtOnceClaimEachSessionOnce() async throws {
        try await withRapport { app in
            let setup = try await Claimable.make(app)
            for day in 1...6 { _ = try await setup.practice.book(setup.client, daysFromToday: -day, attendance: "show") }
            let body = #"{"clientId": "\#(setup.client)"}"#
            async let one = setup.api.post("/api/v1/claims", body)
            async let two = setup.api.post("/api/v1/claims", body)
            let answers = try await [one, two]
            #expect(answers.allSatisfy { $0.status.code < 500 }, "\(answers.map(\.text))")
            #expect(answers.filter { $0.status == .created }.count >= 1)
            let claims = try await setup.api.get("/api/v1/claims").json.array
            #expect(claims.count == 6, "each session on exactly one claim")
            #expect(Set(claims.map { $0["lines"][0]["sessionId"].string }).count == 6)
        }
    }

    @Test(arguments: [
        (#""receiverId": "030240928""#, #""receiverId": "0302 40928""#, "receiverId"),
        (#""contactPhone": "(217) 555-0100""#, #""contactPhone": "555-0100""#, "contactPhone"),
        (#""name": "Availity""#, #""name": " ""#, "name"),
    ])
    func aBadClearinghouseIsNamedOnItsField(good: String, bad: String, field: String) async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let refused = try await practice.api.send(
                .PUT, "/api/v1/practice/clearinghouse", Self.clearinghouse.replacingOccurrences(of: good, with: bad))
            #expect(refused.status == .unprocessableEntity, "\(refused.text)")
            #expect(refused.json["error"]["fields"][field].string != nil)
            #expect(try await practice.api.get("/api/v1/practice/clearinghouse").status == .notFound)
        }
    }

    @Test func theWebMakesChecksPrintsAndSendsClaims() async throws {
        try await withRapport { app in
            let setup = try await Claimable.make(app, diagnoses: false, clearinghouse: false)
            _ = try await setup.practice.book(setup.client, daysFromToday: -3, attendance: "show")
            let browser = try await Browser.signIn(app, email: "owner@example.com", password: "correct horse battery")
            let overview = try await browser.get("/clients/\(setup.client)").body.string
            #expect(overview.contains("To claim") && overview.contains("Create claims"))
            let made = try await browser.post("/clients/\(setup.client)/claims", form: [:])
            #expect(made.status == .seeOther)
            let list = try await browser.get(try #require(made.headers.first(name: .location))).body.string
            #expect(list.contains("1 claim made") && list.contains("Draft (2 to fix)"), "no diagnosis, no pointer")
            let claim = try await setup.api.get("/api/v1/claims").json[0]["id"].string ?? ""
            let draft = try await browser.get("/billing/claims/\(claim)").body.string
            #expect(draft.contains("Diagnoses is empty"))
            #expect(draft.contains(#"href="/clients/\#(setup.client)/edit?tab=billing""#), "it says where to fix it")
            let refused = try await browser.post("/billing/claims/send", form: [:]).body.string
            #expect(refused.contains("Settings → Clearinghouse"))
            let badSettings = try await browser.post(
                "/settings/clearinghouse",
                form: [
                    "name": "Availity", "receiverId": "03 02", "submitterId": "RAP12345", "submitterName": "Calm Waters",
                    "contactName": "Maya Chen", "contactPhone": "2175550100", "production": "false",
                ])
            #expect(badSettings.body.string.contains(#"id="error-receiverId""#))
            let saved = try await browser.post(
                "/settings/clearinghouse",
                form: [
                    "name": "Availity", "receiverId": "030240928", "submitterId": "RAP12345",
                    "submitterName": "Calm Waters", "contactName": "Maya Chen", "contactPhone": "2175550100",
                    "production": "false",
                ])
            #expect(saved.status == .seeOther)
            _ = try await setup.api.send(.PUT, "/api/v1/clients/\(setup.client)/diagnoses", #"{"codes": ["F41.1"]}"#)
            let form = try await browser.get("/billing/claims/\(claim)/cms1500").body.string
            #expect(form.contains("HEALTH INSURANCE CLAIM FORM") && form.contains("W123456789"))
            #expect(form.contains("A. F411") && form.contains("150 00") && form.contains("Group Health Plan"))
            let sent = try await browser.post("/billing/claims/send", form: [:])
            #expect(sent.status == .seeOther)
            let batches = try await browser.get(try #require(sent.headers.first(name: .location))).body.string
            #expect(batches.contains("Sent 1 claim in 1 batch") && batches.contains("Download 837"))
            let batch = try await setup.api.get("/api/v1/claim-batches").json[0]["id"].string ?? ""
            let file = try await browser.get("/billing/claim-batches/\(batch)/837")
            #expect(file.body.string.hasPrefix("ISA*"))
            #expect(file.headers.first(name: .contentDisposition)?.contains("attachment") == true)
        }
    }
}

/// A sent claim is voided or corrected, never edited; automatic claims follow the practice's schedule.
struct ClaimChangeTests {
    /// Sends whatever is ready and returns the first batch's 837, also left for pyx12.
    static func send(_ api: APIClient) async throws -> String {
        let sent = try await api.post("/api/v1/claim-batches", "{}")
        #expect(sent.status == .created, "\(sent.text)")
        let text = try await api.get("/api/v1/claim-batches/\(sent.json[0]["id"].string ?? "")/837").text
        if let folder = ProcessInfo.processInfo.environment["RAPPORT_X12_OUTPUT"] {
            try text.write(toFile: "\(folder)/app-change-\(UUID().uuidString).837", atomically: true, encoding: .utf8)
        }
        return text
    }

    @Test func aSentClaimIsCorrectedFromTodaysRulesThenVoided() async throws {
        try await withRapport { app in
            let setup = try await ClaimTests.Claimable.make(app)
            let session = try await setup.practice.book(setup.client, daysFromToday: -3, attendance: "show")
            let claim = try await setup.api.post("/api/v1/claims", #"{"clientId": "\#(setup.client)"}"#).json[0]
            let path = "/api/v1/claims/\(claim["id"].string ?? "")"
            let early = try await setup.api.post("\(path)/void", #"{"payerClaimNumber": "AET-1"}"#)
            #expect(early.status == .conflict, "an unsent claim is removed, not voided")
            _ = try await Self.send(setup.api)
            let noNumber = try await setup.api.post("\(path)/correct", #"{"payerClaimNumber": "AET 1"}"#)
            #expect(noNumber.json["error"]["fields"]["payerClaimNumber"].string?.contains("letters, digits") == true)
            // The client's fee changes after the claim went: the correction carries the new fee.
            let fee = try await setup.api.patch(
                "/api/v1/clients/\(setup.client)/billing",
                #"{"fees": [{"serviceId": "\#(setup.practice.therapy45)", "amount": {"amount": 13000, "currency": "USD"}}]}"#)
            #expect(fee.status == .ok, "\(fee.text)")
            #expect(try await setup.api.get("/api/v1/sessions/\(session)").json["fee"]["amount"].int == 15000, "frozen")
            let check = try await setup.api.get("/api/v1/billing-check").json["claimedDifferently"]
            #expect(check.array.count == 1 && check[0]["sent"].bool == true)
            #expect(check[0]["claimed"]["amount"]["amount"].int == 15000 && check[0]["rules"]["amount"]["amount"].int == 13000)
            let page = try await Browser.signIn(app, email: "owner@example.com", password: "correct horse battery")
                .get("/clients/\(setup.client)").body.string
            #expect(page.contains("Claim #1: the session of") && page.contains("send a corrected claim"))
            let corrected = try await setup.api.post("\(path)/correct", #"{"payerClaimNumber": "AET-20261201-7"}"#)
            #expect(corrected.status == .created, "\(corrected.text)")
            #expect(corrected.json["frequency"].string == "replacement")
            #expect(corrected.json["replacesClaimId"].string == claim["id"].string)
            #expect(corrected.json["total"]["amount"].int == 13000)
            #expect(try await setup.api.get(path).json["status"].string == "replaced")
            #expect(try await setup.api.get("/api/v1/billing-check").json["claimedDifferently"].array.isEmpty)
            let replacement = try await Self.send(setup.api)
            #expect(replacement.contains(":B:7*") && replacement.contains("REF*F8*AET-20261201-7~"))
            let voided = try await setup.api.post(
                "/api/v1/claims/\(corrected.json["id"].string ?? "")/void", #"{"payerClaimNumber": "AET-20261201-8"}"#)
            #expect(voided.status == .created, "\(voided.text)")
            #expect(voided.json["frequency"].string == "void" && voided.json["status"].string == "ready")
            #expect(try await setup.api.get("/api/v1/sessions/\(session)").json["claimId"].isNull, "unclaimed again")
            let void = try await Self.send(setup.api)
            #expect(void.contains(":B:8*") && void.contains("REF*F8*AET-20261201-8~"))
            let twice = try await setup.api.post(
                "/api/v1/claims/\(corrected.json["id"].string ?? "")/void", #"{"payerClaimNumber": "AET-20261201-8"}"#)
            #expect(twice.status == .conflict)
        }
    }

    @Test func anUnsentVoidTakenBackLetsTheClaimStandAgain() async throws {
        try await withRapport { app in
            let setup = try await ClaimTests.Claimable.make(app)
            let session = try await setup.practice.book(setup.client, daysFromToday: -3, attendance: "show")
            let claim = try await setup.api.post("/api/v1/claims", #"{"clientId": "\#(setup.client)"}"#).json[0]
            _ = try await Self.send(setup.api)
            let path = "/api/v1/claims/\(claim["id"].string ?? "")"
            let void = try await setup.api.post("\(path)/void", #"{"payerClaimNumber": "AET-9"}"#)
            #expect(try await setup.api.get(path).json["status"].string == "voided")
            let takenBack = try await setup.api.delete("/api/v1/claims/\(void.json["id"].string ?? "")")
            #expect(takenBack.status == .ok, "\(takenBack.text)")
            #expect(try await setup.api.get(path).json["status"].string == "submitted")
            #expect(try await setup.api.get("/api/v1/sessions/\(session)").json["claimId"].string == claim["id"].string)
        }
    }

    @Test func automaticClaimsTakeEndedDaysFromTheDateTheyWereSwitchedOn() async throws {
        try await withRapport { app in
            let setup = try await ClaimTests.Claimable.make(app)
            let manual = try await setup.api.post("/api/v1/claims/run", "{}")
            #expect(manual.status == .conflict && manual.json["error"]["code"].string == "manual_claims")
            let today = setup.insured.setup.today
            let on = try await setup.api.patch(
                "/api/v1/practice", #"{"claimMode": "daily", "claimModeSince": "\#(today.adding(days: -4))"}"#)
            #expect(on.json["claimMode"].string == "daily", "\(on.text)")
            _ = try await setup.practice.book(setup.client, daysFromToday: -6, attendance: "show")
            let held = try await setup.practice.book(setup.client, daysFromToday: -3, attendance: "show")
            let unrecorded = try await setup.practice.book(setup.client, daysFromToday: -2)
            _ = try await setup.practice.book(setup.client, daysFromToday: -1, attendance: "noShow")
            let run = try await setup.api.post("/api/v1/claims/run", "{}")
            #expect(run.json["claimsCreated"].int == 2, "\(run.text)")
            let claimed = try await setup.api.get("/api/v1/claims").json.array.map { $0["lines"][0]["sessionId"].string }
            #expect(Set(claimed) == [held, unrecorded], "before the switch, and a no-show, are not claimed")
            #expect(try await setup.api.post("/api/v1/claims/run", "{}").json["claimsCreated"].int == 0)
        }
    }
}

/// The CMS-1500 page: six lines a page, the total on the last.
struct Cms1500PageTests {
    @Test func sevenLinesMakeTwoPagesWithTheTotalOnTheLast() throws {
        let usd = try #require(Currency(code: "USD"))
        let line = ClaimForm.Line(
            from: "03 02 26", to: "03 02 26", place: "11", procedure: "90834", modifiers: [], pointers: "A",
            charge: Money(amount: 15000, currency: usd), units: "1", renderingNPI: "1234567893")
        let form = ClaimForm(
            id: UUID(), number: 7, payerName: "Aetna", payerAddress: nil, insuranceType: "Group Health Plan",
            insuredID: "W1", patientName: "Nguyen, Avery", patientBirthDate: "05 17 1990", patientSex: "F",
            insuredName: "Nguyen, Avery", patientAddress: nil, patientPhone: "", relationship: "Self",
            insuredAddress: nil, otherInsuredName: nil, otherGroup: nil, otherPlan: nil, insuredGroup: "",
            insuredBirthDate: "", insuredSex: "", planName: "Aetna", hasOtherPlan: false, diagnoses: ["F411"],
            resubmissionCode: nil, originalReference: nil, priorAuthorization: nil,
            lines: Array(repeating: line, count: 7), taxID: "123456789", taxIDKind: "EIN", accountNumber: "X",
            total: Money(amount: 105_000, currency: usd), paid: .zero(usd), signingClinician: "Maya Chen",
            signedDate: "03 03 26", facility: ["Calm Waters"], facilityNPI: "1245319599", billingProvider: ["Calm Waters"],
            billingNPI: "1245319599")
        let html = Cms1500Page(form: form).render()
        #expect(html.contains("page 1 of 2") && html.contains("page 2 of 2"))
        let first = try #require(html.range(of: "page 2 of 2"))
        #expect(html[..<first.lowerBound].contains("Continued"), "page 1's total says Continued")
        #expect(html[first.upperBound...].contains("1050 00"), "the total is on the last page")
        #expect(html.components(separatedBy: "90834").count - 1 == 7)
    }
}
