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

    // MARK: - Redirects stay on this site

    @Test func signInNextAndPanelReturnAcceptOnlySameSitePaths() async throws {
        try await withRapport { app in
            let browser = try await Browser.setUp(app)
            let hostile = [
                "/\r\nSet-Cookie: evil=1", "/\t/evil.example", "//evil.example", "/\\evil.example", "https://evil.example",
                "/ /evil.example", "/\u{0}x", "javascript:alert(1)",
            ]
            for next in hostile {
                let reply = try await Browser(app: app).post(
                    "/login", form: ["email": "maya@example.com", "password": "a long enough passphrase", "next": next],
                    csrf: false)
                // Refused (a control character in a form field) or sent to the calendar; never elsewhere.
                let location = reply.headers.first(name: .location)
                #expect(location == "/calendar" || (location == nil && reply.status == .unprocessableEntity),
                    "next=\(next.debugDescription): \(reply.status)")
                #expect(!reply.headers.contains(name: "evil"))
                #expect(!reply.headers.setCookie.map { $0.all.keys.contains("evil") }.map { $0 }.isTrue)
                let page = try await Browser(app: app).get(
                    "/login?next=\(next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")")
                #expect(!page.body.string.contains("evil.example"), "next=\(next.debugDescription)")
            }
            let good = try await Browser(app: app).post(
                "/login",
                form: ["email": "maya@example.com", "password": "a long enough passphrase", "next": "/clients?status=all"],
                csrf: false)
            #expect(good.headers.first(name: .location) == "/clients?status=all")
            #expect(SameSitePath.checked("/calendar?date=2026-12-01&open=x") != nil)
            for value in hostile { #expect(SameSitePath.checked(value) == nil, "\(value.debugDescription)") }
            _ = browser
        }
    }

    // MARK: - History does not pin what may be deleted

    @Test func aSessionWhoseInvoiceWasDeletedCanBeDeletedEveryWay() async throws {
        try await withRapport { app in
            // setup
            let practice = try await PracticeFixture.make(app)
            let client = try await practice.makeClient()
            let single = try await practice.book(client, daysFromToday: -3)
            let invoice = try await practice.invoice(client, [single])
            let series = try await practice.api.post(
                "/api/v1/series",
                #"{"clientId": "\#(client)", "clinicianId": "\#(practice.clinicianID)", "start": "\#(practice.localStart(daysFromToday: -14))", "rule": "FREQ=WEEKLY;COUNT=4"}"#
            )
            let occurrence = series.json["occurrences"][0]["id"].string ?? ""
            let seriesInvoice = try await practice.invoice(client, [occurrence])
            for id in [invoice["id"].string ?? "", seriesInvoice["id"].string ?? ""] {
                #expect(try await practice.api.delete("/api/v1/invoices/\(id)").status == .ok)
            }
            // act
            let deleteOne = try await practice.api.delete("/api/v1/sessions/\(single)")
            let deleteSeries = try await practice.api.delete("/api/v1/sessions/\(occurrence)?scope=all")
            // check
            #expect(deleteOne.status == .ok || deleteOne.status == .noContent, "\(deleteOne.text)")
            #expect(deleteSeries.status == .ok, "\(deleteSeries.text)")
            #expect(try await practice.api.get("/api/v1/sessions/\(single)").status == .notFound)
            let history = try await practice.api.get("/api/v1/invoices/\(invoice["id"].string ?? "")")
            #expect(history.json["status"].string == "deleted")
            #expect(history.json["lines"][0]["serviceCode"].string == "90834", "the deleted invoice keeps its lines")
            #expect(history.json["lines"][0]["sessionId"].isNull)
        }
    }

    @Test func aSessionWhoseInvoiceWasDeletedCanBeDeletedFromTheCalendar() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let client = try await practice.makeClient()
            let session = try await practice.book(client, daysFromToday: -2)
            let invoice = try await practice.invoice(client, [session])
            #expect(try await practice.api.delete("/api/v1/invoices/\(invoice["id"].string ?? "")").status == .ok)
            let browser = try await Browser.signIn(app, email: "owner@example.com", password: "correct horse battery")
            let delete = try await browser.post("/calendar/sessions/\(session)/delete", form: ["scope": "this"])
            #expect(delete.status == .seeOther, "\(delete.body.string)")
            #expect(try await practice.api.get("/api/v1/sessions/\(session)").status == .notFound)
        }
    }

    // MARK: - The sign-in throttle holds under parallel requests

    @Test func parallelWrongPasswordsAreCheckedNoMoreThanTheLimit() async throws {
        try await withRapport { app in
            _ = try await Browser.setUp(app)
            let limit = LoginThrottle.freeFailuresPerAccount
            let replies = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<15 {
                    group.addTask {
                        let reply = try await Browser(app: app).post(
                            "/login", form: ["email": "maya@example.com", "password": "wrong password here"],
                            csrf: false)
                        return reply.body.string
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let checked = replies.filter { $0.contains("do not match an account") }.count
            let refused = replies.filter { $0.contains("Too many attempts") }.count
            #expect(checked <= limit, "\(checked) passwords were checked")
            #expect(checked + refused == 15)
            #expect(checked == limit, "exactly the free attempts are checked, however many arrive at once")
        }
    }

    // MARK: - Smaller findings

    @Test func clientDataOverTheAPIIsNeverCached() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let client = try await practice.makeClient()
            for path in ["/api/v1/clients", "/api/v1/clients/\(client)", "/api/v1/clients/\(client)/overview",
                "/api/v1/clients/\(client)/balance", "/api/v1/nothing-here"]
            {
                let reply = try await practice.api.get(path)
                #expect(reply.headers.first(name: .cacheControl) == "no-store", "\(path)")
            }
        }
    }

    @Test func methodsAPathDoesNotHaveAnswer405WithAllow() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let client = try await practice.makeClient()
            let cases: [(HTTPMethod, String)] = [
                (.PUT, "/api/v1/clients/\(client)"), (.DELETE, "/api/v1/clients"), (.PATCH, "/api/v1/invoices"),
                (.POST, "/api/v1/practice"), (.PUT, "/api/v1/sessions"), (.GET, "/api/v1/setup"),
            ]
            for (method, path) in cases {
                let reply = try await practice.api.send(method, path, method == .GET ? nil : "{}")
                #expect(reply.status == .methodNotAllowed, "\(method) \(path): \(reply.status)")
                #expect(reply.headers.first(name: .allow)?.isEmpty == false)
                #expect(reply.json["error"]["code"].string == "method_not_allowed")
            }
            #expect(try await practice.api.get("/api/v1/no-such-thing").status == .notFound)
        }
    }

    @Test func anEmailInAnotherPracticeIsNotRevealedAndBothCanSignIn() async throws {
        try await withRapport { app in
            // setup: a second practice holding the same email, made directly (setup allows one).
            let practice = try await PracticeFixture.make(app, email: "owner@example.com")
            let other = Practice(name: "Elsewhere", timeZone: "UTC", currency: "USD")
            try await other.create(on: app.db)
            let hash = try await app.passwords.hash("the other practice's pass")
            try await User(
                practiceID: try other.requireID(), name: "Sam", email: "sam@example.com", passwordHash: hash,
                role: .owner, clinicianID: nil
            ).create(on: app.db)
            // act
            let added = try await practice.api.post(
                "/api/v1/users",
                #"{"name": "Sam", "email": "sam@example.com", "role": "biller", "password": "a fine long password"}"#)
            let again = try await practice.api.post(
                "/api/v1/users",
                #"{"name": "Sam", "email": "sam@example.com", "role": "biller", "password": "a fine long password"}"#)
            // check
            #expect(added.status == .created, "\(added.text)")
            #expect(again.json["error"]["fields"]["email"].string == "already has an account in this practice")
            for (password, practiceName) in [
                ("a fine long password", "Riverside Counseling"), ("the other practice's pass", "Elsewhere"),
            ] {
                let signIn = try await Browser(app: app).post(
                    "/login", form: ["email": "sam@example.com", "password": password], csrf: false)
                #expect(signIn.status == .seeOther, "\(practiceName)")
                let cookie = signIn.headers.setCookie?.all.first.map { "\($0.key)=\($0.value.string)" } ?? ""
                let calendar = try await app.testing().sendRequest(.GET, "/calendar", headers: ["Cookie": cookie])
                #expect(calendar.body.string.contains(practiceName))
            }
        }
    }

    @Test func readsOfStatementsSuperbillsInvoicesAndTheEditPageAreAudited() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let client = try await practice.makeClient()
            let session = try await practice.book(client, daysFromToday: -1)
            let invoice = try await practice.invoice(client, [session])
            let range = "from=\(practice.date(daysFromToday: -30))&to=\(practice.today)"
            for path in [
                "/api/v1/clients/\(client)/statement?\(range)", "/api/v1/clients/\(client)/superbill?\(range)",
                "/api/v1/invoices/\(invoice["id"].string ?? "")",
            ] {
                let before = try await readEvents(app, client)
                #expect(try await practice.api.get(path).status == .ok, "\(path)")
                #expect(try await readEvents(app, client) == before + 1, "\(path) is audited")
            }
        }
    }

    private func readEvents(_ app: Application, _ client: String) async throws -> Int {
        try await AuditEvent.query(on: app.db).filter(\.$entityID == UUID(uuidString: client) ?? UUID())
            .filter(\.$action == "read").count()
    }
}

extension Optional where Wrapped == Bool {
    fileprivate var isTrue: Bool { self == true }
}

/// A stored rule that does not read is reported, never quietly left out of a price.
struct UnreadableRuleTests {
    @Test func aFeeWhoseDateDoesNotParseStopsPricingInsteadOfChangingIt() async throws {
        try await withRapport { app in
            // setup: a client fee of 90.00 whose stored date was corrupted by hand
            let practice = try await PracticeFixture.make(app)
            let client = try await practice.makeClient()
            let clientID = try #require(UUID(uuidString: client))
            let serviceID = try #require(UUID(uuidString: practice.therapy45))
            let stored = try #require(try await Client.find(clientID, on: app.db))
            try await ClientFee(
                practiceID: stored.practiceID, clientID: clientID, serviceID: serviceID, amount: 9_000,
                effectiveFrom: "2026-13-45"
            ).create(on: app.db)
            let context = try await PracticeContext.load(stored.practiceID, on: app.db)
            // act, check: the loader says which row is unreadable rather than pricing at the rate
            await #expect(throws: PricingRulesLoader.UnreadableRule.self) {
                _ = try await PricingRulesLoader(database: app.db, practice: context).rules(forClient: clientID)
            }
            // The API answers with the error shape (logged on the server), not a price of 150.00.
            let booked = try await practice.api.post(
                "/api/v1/sessions", #"{"clientId": "\#(client)", "start": "\#(practice.instant(daysFromToday: 1))"}"#)
            #expect(booked.status == .internalServerError)
            #expect(booked.json["error"]["code"].string == "internal_error")
        }
    }
}

/// A clinician account not linked to a calendar sees nothing — as a type, not a made-up id.
struct CalendarScopeTests {
    @Test func aClinicianWithoutACalendarSeesNoSessionsAndNoClients() async throws {
        try await withRapport { app in
            // setup: a practice with a client and a session, and a clinician account with no calendar
            let practice = try await PracticeFixture.make(app)
            let client = try await practice.makeClient()
            let session = try await practice.book(client, daysFromToday: 1)
            let owner = try #require(try await User.query(on: app.db).first())
            let unlinked = User(
                practiceID: owner.practiceID, name: "New Hire", email: "new@example.com", passwordHash: "x",
                role: .clinician, clinicianID: nil)
            try await unlinked.create(on: app.db)
            let (token, hash) = TokenHasher.newToken()
            try await APIToken(
                practiceID: owner.practiceID, userID: try unlinked.requireID(), name: "test", tokenHash: hash
            ).create(on: app.db)
            let api = APIClient(app: app, token: token)
            // act, check
            let from = practice.instant(daysFromToday: -7)
            let to = practice.instant(daysFromToday: 7)
            #expect(try await api.get("/api/v1/sessions?from=\(from)&to=\(to)").json.array.isEmpty)
            #expect(try await api.get("/api/v1/sessions/\(session)").status == .notFound)
            #expect(try await api.get("/api/v1/clients").json.array.isEmpty)
            #expect(try await api.get("/api/v1/clients/\(client)").status == .notFound)
            let booking = try await api.post(
                "/api/v1/sessions",
                #"{"clientId": "\#(client)", "clinicianId": "\#(practice.clinicianID)", "start": "\#(practice.instant(daysFromToday: 2))"}"#
            )
            #expect(booking.status == .notFound || booking.status == .forbidden || booking.status == .unprocessableEntity)
        }
    }
}
