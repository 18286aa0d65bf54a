import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import RapportApp

/// The edges that once let a request through wrongly: redirects, deletes pinned by history, the
/// sign-in throttle under parallel requests, caching, methods, accounts across practices, audits.
struct EdgeHardeningTests {
    // MARK: - Redirects stay on this site

    @Test func signInNextAndPanelReturnAcceptOnlySameSitePaths() async throws {
        try await withRapport { app in
            _ = try await Browser.setUp(app)
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
                #expect(reply.headers.setCookie?.all["evil"] == nil)
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
            try await practice.completeForSuperbills(client)
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
