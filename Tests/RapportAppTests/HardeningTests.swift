import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import RapportApp

/// Input from outside that once crashed the process, billed wrongly or changed data silently:
/// each test is a class of such input, tried at every place of its kind.
struct HardeningTests {
    // MARK: - Integers from outside are bounded before arithmetic

    @Test func pageParametersAtTheEdgeOfIntAreRefusedOnEveryList() async throws {
        try await withRapport { app in
            // setup
            let practice = try await PracticeFixture.make(app)
            let lists = ["/api/v1/clients", "/api/v1/audit-events", "/api/v1/invoices", "/api/v1/payments",
                "/api/v1/reports/outstanding"]
            for list in lists {
                for query in [
                    "offset=9223372036854775807", "offset=9223372036854775708&limit=100", "offset=-1",
                    "limit=0", "limit=9223372036854775807", "offset=99999999999999999999999",
                ] {
                    // act
                    let reply = try await practice.api.get("\(list)?\(query)")
                    // check
                    #expect([.badRequest, .unprocessableEntity].contains(reply.status), "\(list)?\(query): \(reply.text)")
                    #expect(reply.json["error"]["code"].string != nil, "\(list)?\(query)")
                }
                #expect(try await practice.api.get("\(list)?offset=10000000&limit=500").status == .ok, "\(list)")
            }
            // The process is still serving.
            #expect(try await practice.api.get("/api/v1/clients").status == .ok)
        }
    }

    @Test func outstandingPageBringsAnyOffsetWithinBounds() async throws {
        try await withRapport { app in
            let browser = try await Browser.setUp(app)
            for offset in ["9223372036854775807", "-9223372036854775808", "99999999999999999999"] {
                let page = try await browser.get("/billing/outstanding?offset=\(offset)")
                #expect(page.status == .ok, "offset=\(offset)")
            }
        }
    }

    @Test func repeatRulesWithExtremeNumbersAreRefusedNotFatal() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let client = try await practice.makeClient()
            let start = practice.localStart(daysFromToday: 1)
            let base = #""clientId": "\#(client)", "clinicianId": "\#(practice.clinicianID)", "start": "\#(start)""#
            for rule in [
                "FREQ=MONTHLY;BYMONTHDAY=-9223372036854775808", "FREQ=MONTHLY;BYDAY=-9223372036854775808MO",
                "FREQ=MONTHLY;BYDAY=9223372036854775807MO", "FREQ=MONTHLY;BYMONTHDAY=9223372036854775807",
                "FREQ=WEEKLY;INTERVAL=9223372036854775807", "FREQ=WEEKLY;COUNT=9223372036854775807",
                "FREQ=WEEKLY;INTERVAL=-9223372036854775808", "FREQ=MONTHLY;BYMONTHDAY=99999999999999999999",
            ] {
                let reply = try await practice.api.post("/api/v1/series", "{\(base), \"rule\": \"\(rule)\"}")
                #expect(reply.status == .unprocessableEntity, "\(rule): \(reply.text)")
            }
            for fields in [
                #""frequency": "monthly", "byMonthDay": [-9223372036854775808]"#,
                #""frequency": "monthly", "byDay": ["-9223372036854775808MO"]"#,
                #""frequency": "weekly", "interval": 9223372036854775807"#,
                #""frequency": "weekly", "count": 9223372036854775807"#,
            ] {
                let reply = try await practice.api.post("/api/v1/series", "{\(base), \(fields)}")
                #expect(reply.status == .unprocessableEntity, "\(fields): \(reply.text)")
            }
            // A start in year 1 would store 740,000 daily sessions in one request.
            let ancient = try await practice.api.post(
                "/api/v1/series",
                #"{"clientId": "\#(client)", "clinicianId": "\#(practice.clinicianID)", "start": "0001-01-01T09:00", "rule": "FREQ=DAILY"}"#
            )
            #expect(ancient.status == .unprocessableEntity, "\(ancient.text)")
            #expect(ancient.json["error"]["fields"]["start"].string?.contains("5 years") == true)
            #expect(try await practice.api.get("/api/v1/clients").status == .ok)
        }
    }

    @Test func numbersThatAreNotWholeNumbersNameTheirField() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            for amount in ["1.5", "1e30", "9223372036854775808", "-9223372036854775809", "\"150\""] {
                let reply = try await practice.api.post(
                    "/api/v1/services",
                    #"{"code": "90791", "description": "Intake", "rate": {"amount": \#(amount), "currency": "USD"}}"#)
                #expect(reply.status == .badRequest, "\(amount)")
                #expect(reply.json["error"]["fields"]["rate.amount"].string == "must be a whole number", "\(amount): \(reply.text)")
            }
        }
    }

    // MARK: - Unknown keys are refused at every depth

    @Test func aTypoInsideANestedObjectIsRefusedAndChangesNothing() async throws {
        try await withRapport { app in
            // setup
            let practice = try await PracticeFixture.make(app)
            let client = try await practice.makeClient()
            let fee = try await practice.api.patch(
                "/api/v1/clients/\(client)/billing",
                #"{"fees": [{"serviceId": "\#(practice.therapy45)", "amount": \#(practice.money(13000))}]}"#)
            #expect(fee.status == .ok, "\(fee.text)")
            let session = try await practice.book(client, daysFromToday: 3)
            // act
            let typo = try await practice.api.patch(
                "/api/v1/clients/\(client)/billing",
                #"{"fees": [{"serviceId": "\#(practice.therapy45)", "amonut": \#(practice.money(9000))}]}"#)
            let deeper = try await practice.api.patch(
                "/api/v1/clients/\(client)/billing",
                #"{"fees": [{"serviceId": "\#(practice.therapy45)", "amount": {"amount": 9000, "currency": "USD", "cents": 1}}]}"#
            )
            // check
            #expect(typo.status == .badRequest)
            #expect(typo.json["error"]["fields"]["fees[0].amonut"].string != nil, "\(typo.text)")
            #expect(deeper.status == .badRequest)
            #expect(deeper.json["error"]["fields"]["fees[0].amount.cents"].string != nil, "\(deeper.text)")
            let after = try await practice.api.get("/api/v1/sessions/\(session)")
            #expect(after.json["fee"]["amount"].int == 13000, "the custom fee still holds")
        }
    }

    @Test func unknownKeysAreRefusedInTheNestedObjectsOfEveryKindOfBody() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let client = try await practice.makeClient()
            let cases: [(String, String, String)] = [
                ("/api/v1/sessions", #"{"clientId": "\#(client)", "start": "\#(practice.instant(daysFromToday: 1))", "fee": {"amount": 1, "currency": "USD", "x": 1}}"#, "fee.x"),
                ("/api/v1/services", #"{"code": "90791", "description": "Intake", "rate": {"amount": 1, "currency": "USD", "curency": "EUR"}}"#, "rate.curency"),
                ("/api/v1/payments", #"{"clientId": "\#(client)", "amount": {"amount": 100, "currency": "USD"}, "method": "card", "apply": [{"invoiceId": "\#(client)", "amount": {"amount": 1, "currency": "USD"}, "note": ""}]}"#, "apply[0].note"),
            ]
            for (path, body, field) in cases {
                let reply = try await practice.api.post(path, body)
                #expect(reply.status == .badRequest, "\(path): \(reply.text)")
                #expect(reply.json["error"]["fields"][field].string != nil, "\(path): \(reply.text)")
            }
            let practicePatch = try await practice.api.patch(
                "/api/v1/practice", #"{"lateCancel": {"kind": "percent", "percent": 50, "precent": 10}}"#)
            #expect(practicePatch.status == .badRequest, "\(practicePatch.text)")
            #expect(practicePatch.json["error"]["fields"]["lateCancel.precent"].string != nil)
        }
    }

    @Test func anExplicitNullIsRefusedWhereItWouldBeIgnoredAndReadWhereItMeansSomething() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let client = try await practice.makeClient()
            let rename = try await practice.api.patch("/api/v1/clinicians/\(practice.clinicianID)", #"{"name": null}"#)
            #expect(rename.status == .badRequest)
            #expect(rename.json["error"]["fields"]["name"].string == "must not be null", "\(rename.text)")
            let session = try await practice.api.post(
                "/api/v1/sessions", #"{"clientId": "\#(client)", "start": "\#(practice.instant(daysFromToday: 1))", "rule": null}"#)
            #expect(session.json["error"]["fields"]["rule"].string == "must not be null", "\(session.text)")
            // Where null means "clear" or "end", it still does.
            let booked = try await practice.book(client, daysFromToday: 2, extra: #", "fee": \#(practice.money(9000))"#)
            let cleared = try await practice.api.patch("/api/v1/sessions/\(booked)", #"{"fee": null}"#)
            #expect(cleared.status == .ok, "\(cleared.text)")
            let ended = try await practice.api.patch(
                "/api/v1/clients/\(client)/billing", #"{"fees": [{"serviceId": "\#(practice.therapy45)", "amount": null}]}"#)
            #expect(ended.status == .ok, "\(ended.text)")
        }
    }

    // MARK: - Text: no control characters

    @Test func nulBytesAreRefusedInJSONFormsAndAddresses() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let json = try await practice.api.post(
                "/api/v1/clients", #"{"firstName": "Av\u0000ery", "lastName": "Nguyen"}"#)
            #expect(json.status == .badRequest)
            #expect(json.json["error"]["fields"]["firstName"].string?.contains("control characters") == true)
            let nested = try await practice.api.patch(
                "/api/v1/practice", #"{"lateCancel": {"kind": "perc\u0000ent"}}"#)
            #expect(nested.json["error"]["fields"]["lateCancel.kind"].string != nil, "\(nested.text)")
            let query = try await practice.api.get("/api/v1/clients?search=%00")
            #expect(query.status == .badRequest, "\(query.text)")
            let clients = try await practice.api.get("/api/v1/clients")
            #expect(clients.json.array.isEmpty, "nothing was stored")

            let browser = try await Browser.signIn(app, email: "owner@example.com", password: "correct horse battery")
            let form = try await browser.post("/clients/new", form: ["firstName": "Av\u{0}ery", "lastName": "Nguyen"])
            #expect(form.status != .internalServerError)
            #expect(form.status != .seeOther, "nothing was created")
        }
    }

    // MARK: - Dates and times are real

    @Test func impossibleDatesAndTimesAreRefusedNamingTheField() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let client = try await practice.makeClient()
            for start in [
                "2026-02-30T10:00:00-05:00", "2026-13-01T10:00:00Z", "2026-01-01T25:00:00Z", "2026-01-01T10:60:00Z",
                "2026-01-01T10:00:61Z", "2026-01-01T10:00:00+24:00", "2026-1-01T10:00:00Z", "2026-01-01 10:00:00Z",
                "2026-01-01T10:00:00", "2027-02-29T10:00:00Z",
            ] {
                let reply = try await practice.api.post(
                    "/api/v1/sessions", #"{"clientId": "\#(client)", "start": "\#(start)"}"#)
                #expect(reply.status == .badRequest, "\(start): \(reply.text)")
                #expect(reply.json["error"]["fields"]["start"].string != nil, "\(start)")
            }
            let leap = try await practice.api.post(
                "/api/v1/sessions", #"{"clientId": "\#(client)", "start": "2028-02-29T10:00:00.250-05:00"}"#)
            #expect(leap.status == .created, "\(leap.text)")
            #expect(leap.json["start"].string == "2028-02-29T15:00:00Z")
            let calendar = try await practice.api.get("/api/v1/sessions?from=2026-02-30T00:00:00Z&to=2026-03-05T00:00:00Z")
            #expect(calendar.status == .unprocessableEntity || calendar.status == .badRequest, "\(calendar.text)")
        }
    }
}
