import Foundation
import Testing
import Vapor

@testable import RapportApp
import RapportCore

/// A client's policies: payer, rank, member ID, dates, subscriber, what the client pays, and prior
/// authorizations with the visits used counted from the calendar.
struct PolicyTests {
    /// A practice with Aetna, and a client, ready for policies.
    struct Setup {
        let practice: PracticeFixture
        let client: String
        let aetna: String
        let cigna: String
        var path: String { "/api/v1/clients/\(client)/policies" }
        var today: LocalDate { practice.zone.localDate(Date()) }

        static func make(_ app: Application) async throws -> Setup {
            let practice = try await PracticeFixture.make(app)
            let aetna = try await practice.api.post("/api/v1/payers", PayerTests.aetna).json["id"].string ?? ""
            let cigna = try await practice.api.post(
                "/api/v1/payers", #"{"name": "Cigna", "payerId": "62308", "filingIndicator": "CI"}"#
            ).json["id"].string ?? ""
            return Setup(practice: practice, client: try await practice.makeClient(), aetna: aetna, cigna: cigna)
        }

        func primary(from: LocalDate, extra: String = "") -> String {
            """
            {"payerId": "\(aetna)", "rank": "primary", "memberId": "w123456789", "groupNumber": "G-100",
             "effectiveFrom": "\(from)", "copay": {"amount": 2000, "currency": "USD"}\(extra)}
            """
        }

        /// A primary policy's body with some of its fields given other JSON values.
        func primary(with overrides: [String: String]) -> String {
            let fields = [
                "payerId": "\"\(aetna)\"", "rank": #""primary""#, "memberId": #""w123456789""#,
                "effectiveFrom": #""2026-01-01""#, "copay": #"{"amount": 2000, "currency": "USD"}"#,
            ].merging(overrides) { $1 }
            return "{" + fields.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ")
                + "}"
        }
    }

    static let spouse = """
        "relationship": "spouse", "subscriber": {"firstName": "Sam", "lastName": "Nguyen",
         "dateOfBirth": "1980-04-02", "sex": "male", "address": {"line1": "1 Elm St", "city": "Springfield", "state": "IL", "zip": "62701"}}
        """

    @Test func policiesAreAddedAndListedPrimaryFirstWithWhatTheClientPays() async throws {
        try await withRapport { app in
            let setup = try await Setup.make(app)
            let api = setup.practice.api
            let secondary = try await api.post(
                setup.path,
                """
                {"payerId": "\(setup.cigna)", "rank": "secondary", "memberId": "C-77", "effectiveFrom": "\(setup.today.adding(days: -10))",
                 "coinsurancePercent": 20, "deductibleRemaining": {"amount": 50000, "currency": "USD"}, \(Self.spouse)}
                """)
            #expect(secondary.status == .created, "\(secondary.text)")
            #expect(secondary.json["subscriber"]["lastName"].string == "Nguyen")
            #expect(secondary.json["subscriber"]["address"]["zip"].string == "62701")
            #expect(secondary.json["relationship"].string == "spouse")
            let primary = try await api.post(setup.path, setup.primary(from: setup.today.adding(days: -30)))
            #expect(primary.status == .created, "\(primary.text)")
            #expect(primary.json["memberId"].string == "W123456789", "kept as the card prints it, upper-case")
            #expect(primary.json["copay"]["amount"].int == 2000)
            #expect(primary.json["payerName"].string == "Aetna")
            #expect(primary.json["inForce"].bool == true)
            #expect(primary.json["subscriber"].isNull, "the client is the subscriber")
            let list = try await api.get(setup.path)
            #expect(list.json.array.map { $0["rank"].string } == ["primary", "secondary"])
        }
    }

    static let sam = #""firstName": "Sam", "lastName": "Nguyen""#

    @Test(arguments: [
        (["memberId": #""W12*3""#], "memberId", "letters, digits and hyphens"),
        (["groupNumber": #""G~1""#], "groupNumber", "letters, digits and hyphens"),
        (["rank": #""first""#], "rank", "primary, secondary or tertiary"),
        (["relationship": #""spouse""#], "subscriber", "is required when the client is not the subscriber"),
        (
            ["relationship": #""child""#, "subscriber": #"{\#(sam), "sex": "male"}"#], "subscriber.dateOfBirth",
            "is required"
        ),
        (
            ["subscriber": #"{\#(sam), "dateOfBirth": "1980-04-02", "sex": "male"}"#], "subscriber",
            "must be left out"
        ),
        (
            ["relationship": #""child""#, "subscriber": #"{\#(sam), "dateOfBirth": "1980-04-02", "sex": "m"}"#],
            "subscriber.sex", "female, male or unknown"
        ),
        (
            ["relationship": #""child""#, "subscriber": #"{\#(sam), "dateOfBirth": "2999-04-02", "sex": "male"}"#],
            "subscriber.dateOfBirth", "between 1900 and today"
        ),
        (
            [
                "relationship": #""other""#,
                "subscriber":
                    #"{\#(sam), "dateOfBirth": "1980-04-02", "sex": "male", "address": {"line1": "1 Elm St", "city": "Springfield", "state": "IL", "zip": "627"}}"#,
            ], "subscriber.address.zip", "ZIP"
        ),
        (["effectiveTo": #""2001-01-01""#], "effectiveTo", "on or after"),
        (["coinsurancePercent": "120"], "coinsurancePercent", "0 to 100"),
        (["deductibleRemaining": #"{"amount": -1, "currency": "USD"}"#], "deductibleRemaining.amount", "negative"),
        (["copay": #"{"amount": 2000, "currency": "EUR"}"#], "copay.currency", "USD"),
        (["payerId": #""\#(UUID())""#], "payerId", "does not name a payer"),
    ])
    func aBadPolicyIsNamedOnItsFieldAndNothingIsWritten(overrides: [String: String], field: String, words: String)
        async throws
    {
        try await withRapport { app in
            let setup = try await Setup.make(app)
            let refused = try await setup.practice.api.post(setup.path, setup.primary(with: overrides))
            #expect(refused.status == .unprocessableEntity, "\(refused.text)")
            #expect(refused.json["error"]["fields"][field].string?.contains(words) == true, "\(refused.text)")
            #expect(try await setup.practice.api.get(setup.path).json.array.isEmpty)
        }
    }

    @Test func aPolicyNeedsItsRequiredFieldsAndAPayerOfThisPractice() async throws {
        try await withRapport { app in
            let setup = try await Setup.make(app)
            let empty = try await setup.practice.api.post(setup.path, "{}")
            #expect(empty.status == .unprocessableEntity)
            for field in ["payerId", "rank", "memberId", "effectiveFrom"] {
                #expect(empty.json["error"]["fields"][field].string == "is required", "\(field): \(empty.text)")
            }
            let elsewhere = try await SecondPractice.make(app)
            let theirs = try await elsewhere.api.post("/api/v1/payers", PayerTests.aetna).json["id"].string ?? ""
            let foreign = try await setup.practice.api.post(
                setup.path,
                #"{"payerId": "\#(theirs)", "rank": "primary", "memberId": "W1", "effectiveFrom": "2026-01-01"}"#)
            #expect(foreign.status == .unprocessableEntity)
            #expect(foreign.json["error"]["fields"]["payerId"].string == "does not name a payer of this practice")
            let notTheirs = try await elsewhere.api.get(setup.path)
            #expect(notTheirs.status == .notFound, "another practice cannot list this client's policies")
            #expect(try await setup.practice.api.get(setup.path).json.array.isEmpty)
        }
    }

    @Test func aClientHasOnePolicyOfARankOnAnyDay() async throws {
        try await withRapport { app in
            let setup = try await Setup.make(app)
            let api = setup.practice.api
            let first = try await api.post(setup.path, setup.primary(from: LocalDate(year: 2025, month: 1, day: 1)!))
            let id = first.json["id"].string ?? ""
            let second = #"{"payerId": "\#(setup.cigna)", "rank": "primary", "memberId": "C-1", "effectiveFrom": "2026-01-01"}"#
            let taken = try await api.post(setup.path, second)
            #expect(taken.status == .unprocessableEntity)
            #expect(taken.json["error"]["fields"]["rank"].string?.contains("Aetna covers from 2025-01-01") == true)
            let ended = try await api.patch("\(setup.path)/\(id)", #"{"effectiveTo": "2025-12-31"}"#)
            #expect(ended.json["inForce"].bool == false && ended.json["effectiveTo"].string == "2025-12-31")
            let next = try await api.post(setup.path, second)
            #expect(next.status == .created, "\(next.text)")
            let reopened = try await api.patch("\(setup.path)/\(id)", #"{"effectiveTo": null}"#)
            #expect(reopened.json["error"]["fields"]["rank"].string != nil, "reopening would overlap Cigna")
            #expect(try await api.get("\(setup.path)/\(id)").json["effectiveTo"].string == "2025-12-31")
        }
    }

    @Test func aChangeKeepsWhatItLeavesOutAndNullClears() async throws {
        try await withRapport { app in
            let setup = try await Setup.make(app)
            let api = setup.practice.api
            let made = try await api.post(setup.path, setup.primary(from: setup.today, extra: ", \(Self.spouse)"))
            let path = "\(setup.path)/\(made.json["id"].string ?? "")"
            let changed = try await api.patch(path, #"{"copay": null, "coinsurancePercent": 10}"#)
            #expect(changed.json["copay"].isNull && changed.json["coinsurancePercent"].int == 10)
            #expect(changed.json["subscriber"]["firstName"].string == "Sam", "left out, kept")
            let own = try await api.patch(path, #"{"relationship": "self"}"#)
            #expect(own.json["subscriber"].isNull, "the client is now the subscriber")
            let removed = try await api.delete(path)
            #expect(removed.status == .ok)
            #expect(try await api.get(path).status == .notFound)
            let audit = try await api.get("/api/v1/audit-events?entityId=\(made.json["id"].string ?? "")")
            #expect(Set(audit.json.array.compactMap { $0["action"].string }) == ["create", "update", "delete"])
        }
    }

    @Test func anAuthorizationCountsHeldAndBookedVisitsNotMissedOnes() async throws {
        try await withRapport { app in
            let setup = try await Setup.make(app)
            let api = setup.practice.api
            let made = try await api.post(setup.path, setup.primary(from: setup.today.adding(days: -60)))
            let path = "\(setup.path)/\(made.json["id"].string ?? "")"
            _ = try await setup.practice.book(setup.client, daysFromToday: -5, attendance: "show")
            _ = try await setup.practice.book(setup.client, daysFromToday: -4, attendance: "noShow")
            _ = try await setup.practice.book(setup.client, daysFromToday: -3)
            _ = try await setup.practice.book(setup.client, daysFromToday: 3)
            _ = try await setup.practice.book(setup.client, daysFromToday: 40)
            let body = """
                {"number": "pa-2026-1", "visits": 4, "startsOn": "\(setup.today.adding(days: -10))", "endsOn": "\(setup.today.adding(days: 20))"}
                """
            let added = try await api.post("\(path)/authorizations", body)
            #expect(added.status == .created, "\(added.text)")
            let authorization = added.json["authorizations"][0]
            #expect(authorization["number"].string == "PA-2026-1")
            #expect(authorization["visitsUsed"].int == 2, "held, and past with nothing recorded")
            #expect(authorization["visitsScheduled"].int == 1, "the session after its end is not counted")
            #expect(authorization["visitsRemaining"].int == 1)
            let authorizationPath = "\(path)/authorizations/\(authorization["id"].string ?? "")"
            let fewer = try await api.patch(authorizationPath, #"{"visits": 2}"#)
            #expect(fewer.json["authorizations"][0]["visitsRemaining"].int == -1, "over by one")
            let gone = try await api.delete(authorizationPath)
            #expect(gone.json["authorizations"].array.isEmpty)
        }
    }

    @Test(arguments: [
        (#"{"number": "PA 1", "visits": 4, "startsOn": "2026-01-01", "endsOn": "2026-02-01"}"#, "number"),
        (#"{"number": "PA1", "visits": 0, "startsOn": "2026-01-01", "endsOn": "2026-02-01"}"#, "visits"),
        (#"{"number": "PA1", "visits": 4, "startsOn": "2026-02-01", "endsOn": "2026-01-01"}"#, "endsOn"),
        (#"{"number": "PA1", "visits": 4, "startsOn": "2024-01-01", "endsOn": "2026-01-01"}"#, "startsOn"),
        (#"{"visits": 4, "startsOn": "2026-01-01", "endsOn": "2026-02-01"}"#, "number"),
    ])
    func aBadAuthorizationIsNamedOnItsField(body: String, field: String) async throws {
        try await withRapport { app in
            let setup = try await Setup.make(app)
            let made = try await setup.practice.api.post(
                setup.path, setup.primary(from: LocalDate(year: 2025, month: 1, day: 1)!))
            let path = "\(setup.path)/\(made.json["id"].string ?? "")"
            let refused = try await setup.practice.api.post("\(path)/authorizations", body)
            #expect(refused.status == .unprocessableEntity, "\(refused.text)")
            #expect(refused.json["error"]["fields"][field].string != nil, "\(refused.text)")
            #expect(try await setup.practice.api.get(path).json["authorizations"].array.isEmpty)
        }
    }

    @Test func theBillingTabAddsAPolicyAndSaysWhatIsWrongBesideEachField() async throws {
        try await withRapport { app in
            let setup = try await Setup.make(app)
            let browser = try await Browser.signIn(app, email: "owner@example.com", password: "correct horse battery")
            let tab = try await browser.get("/clients/\(setup.client)/edit?tab=billing").body.string
            #expect(tab.contains("No policies") && tab.contains("/clients/\(setup.client)/policies/new"))
            #expect(try await browser.get("/clients/\(setup.client)/policies/new").body.string.contains("Aetna · 60054"))
            var form = [
                "payerId": setup.aetna, "rank": "primary", "memberId": "W1*2", "groupNumber": "",
                "effectiveFrom": "", "effectiveTo": "", "relationship": "spouse", "copay": "twenty",
                "coinsurancePercent": "", "deductibleRemaining": "",
            ]
            let unread = try await browser.post("/clients/\(setup.client)/policies", form: form).body.string
            #expect(unread.contains(#"id="error-effectiveFrom""#) && unread.contains(#"id="error-copay""#))
            #expect(unread.contains(#"value="W1*2""#), "what was typed is kept")
            form["effectiveFrom"] = "\(setup.today.adding(days: -7))"
            form["copay"] = "20"
            let refused = try await browser.post("/clients/\(setup.client)/policies", form: form).body.string
            #expect(refused.contains(#"id="error-memberId""#))
            #expect(refused.contains(#"id="error-subscriber.firstName""#), "a spouse's policy names the subscriber")
            #expect(refused.contains(#"id="error-subscriber.dateOfBirth""#))
            form["memberId"] = "W123456789"
            form["relationship"] = "self"
            let preview = try await browser.post("/clients/\(setup.client)/policies", form: form)
            #expect(preview.body.string.contains("Review the change"), "Save shows what it will do first")
            #expect(try await setup.practice.api.get(setup.path).json.array.isEmpty, "nothing is written until Confirm")
            let added = try await browser.post("/clients/\(setup.client)/policies/apply", form: form)
            #expect(added.status == .seeOther)
            let shown = try await browser.get(try #require(added.headers.first(name: .location))).body.string
            #expect(shown.contains("Aetna policy added"))
            #expect(shown.contains("W123456789") && shown.contains("Copay $20.00"))
            let policy = try await setup.practice.api.get(setup.path).json[0]["id"].string ?? ""
            let page = "/clients/\(setup.client)/policies/\(policy)"
            var authorization = [
                "number": "PA1", "visits": "ten", "startsOn": "\(setup.today)", "endsOn": "\(setup.today.adding(days: 90))",
            ]
            let badVisits = try await browser.post("\(page)/authorizations", form: authorization).body.string
            #expect(badVisits.contains(#"id="error-auth-visits""#))
            authorization["visits"] = "10"
            #expect(try await browser.post("\(page)/authorizations", form: authorization).status == .seeOther)
            #expect(try await browser.get(page).body.string.contains("0 of 10 used, 0 booked, 10 left"))
            #expect(try await browser.post("\(page)/delete", form: [:]).body.string.contains("Review the change"))
            let removed = try await browser.post("\(page)/delete/apply", form: [:])
            #expect(removed.status == .seeOther)
            #expect(try await setup.practice.api.get(setup.path).json.array.isEmpty)
        }
    }
}
