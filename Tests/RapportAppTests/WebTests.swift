import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import RapportApp

/// A browser signed in by cookie, as the web pages are used.
struct Browser {
    let app: Application
    var cookie = ""
    var csrf = ""

    /// First-run setup through the form; keeps the session cookie and the page's CSRF token.
    static func setUp(
        _ app: Application, practice: String = "Riverside Counseling", timeZone: String = "America/New_York",
        currency: String = "USD", owner: String = "Maya Chen", email: String = "maya@example.com"
    ) async throws -> Browser {
        var browser = Browser(app: app)
        let reply = try await browser.post(
            "/setup",
            form: [
                "practiceName": practice, "timeZone": timeZone, "currency": currency,
                "ownerName": owner, "email": email, "password": "a long enough passphrase",
            ])
        #expect(reply.status == .seeOther)
        browser.cookie = reply.headers.setCookie?.all.first.map { "\($0.key)=\($0.value.string)" } ?? ""
        let calendar = try await browser.get("/calendar")
        browser.csrf =
            calendar.body.string.firstMatch(of: /name="csrf-token" content="([^"]+)"/).map { String($0.output.1) } ?? ""
        return browser
    }

    func get(_ path: String) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(.GET, path, headers: ["Cookie": cookie])
    }

    func post(
        _ path: String, form: [String: String], csrf: Bool = true, headers extra: HTTPHeaders = [:]
    ) async throws -> TestingHTTPResponse {
        var fields = form
        if csrf, !self.csrf.isEmpty { fields["_csrf"] = self.csrf }
        let body = fields.map { "\($0.key.urlEncoded)=\($0.value.urlEncoded)" }.joined(separator: "&")
        var headers: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie]
        headers.add(contentsOf: extra)
        return try await app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: body))
    }
}

struct WebTests {
    @Test func firstRunLeadsToSetupThenSignsTheOwnerInWithASafeCookie() async throws {
        try await withRapport { app in
            let home = try await app.testing().sendRequest(.GET, "/")
            #expect(home.headers.first(name: .location) == "/setup")
            let browser = try await Browser.setUp(app)
            let cookie = browser.cookie
            #expect(cookie.hasPrefix("rapport_session="))
            let secondSetup = try await Browser(app: app).post("/setup", form: [:]).headers.first(name: .location)
            #expect(secondSetup == "/login", "setup is closed once a practice exists")
            let calendar = try await browser.get("/calendar")
            #expect(calendar.status == .ok)
            #expect(calendar.body.string.contains("Riverside Counseling"))
        }
    }

    @Test func theSessionCookieIsHttpOnlyAndSameSiteLax() async throws {
        try await withRapport { app in
            let reply = try await Browser(app: app).post(
                "/setup",
                form: [
                    "practiceName": "P", "timeZone": "UTC", "currency": "USD", "ownerName": "O",
                    "email": "o@example.com",
                    "password": "a long enough passphrase",
                ])
            let header = reply.headers.first(name: .setCookie) ?? ""
            #expect(header.contains("HttpOnly"))
            #expect(header.contains("SameSite=Lax"))
            #expect(!header.contains("Secure"), "plain HTTP on a workstation; RAPPORT_SECURE_COOKIES turns it on")
        }
    }

    @Test func pagesNeedSigningIn() async throws {
        try await withRapport { app in
            _ = try await Browser.setUp(app)
            let anonymous = try await Browser(app: app).get("/clients")
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.headers.first(name: .location)?.hasPrefix("/login?next=") == true)
        }
    }

    @Test func aFormPostWithoutTheCSRFTokenIsRefused() async throws {
        try await withRapport { app in
            let browser = try await Browser.setUp(app)
            let forged = try await browser.post(
                "/clients/new", form: ["firstName": "Evil", "lastName": "Twin"], csrf: false)
            #expect(forged.status == .forbidden)
            let crossSite = try await browser.post(
                "/clients/new", form: ["firstName": "Evil", "lastName": "Twin"],
                headers: ["Origin": "https://evil.example"])
            #expect(crossSite.status == .forbidden)
            let real = try await browser.post("/clients/new", form: ["firstName": "Avery", "lastName": "Nguyen"])
            #expect(real.status == .seeOther)
            #expect(try await Client.query(on: app.db).count() == 1)
        }
    }

    @Test func securityHeadersAreOnEveryKindOfResponse() async throws {
        try await withRapport { app in
            let browser = try await Browser.setUp(app)
            let responses = [
                try await browser.get("/calendar"), try await app.testing().sendRequest(.GET, "/api/v1/openapi.json"),
                try await app.testing().sendRequest(.GET, "/api/v1/clients"),
                try await app.testing().sendRequest(.GET, "/nowhere"),
                try await app.testing().sendRequest(.GET, "/healthz"),
                try await app.testing().sendRequest(.GET, "/css/app.css"),
                try await app.testing().sendRequest(.GET, "/js/app.js"), try await browser.get("/invoices/not-an-id"),
            ]
            #expect(
                responses[5].status == .ok && responses[5].headers.contentType?.subType == "css",
                "static files are served")
            #expect(responses[7].status == .notFound, "a page that does not exist, as a page")
            for response in responses {
                let policy = response.headers.first(name: "Content-Security-Policy") ?? ""
                #expect(
                    policy.contains("object-src 'none'") && policy.contains("frame-ancestors 'none'")
                        && !policy.contains("unsafe-inline"))
                #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff")
                #expect(response.headers.first(name: "Referrer-Policy") != nil)
            }
        }
    }

    @Test func textPeopleTypeIsEscapedOnEveryPageThatShowsIt() async throws {
        try await withRapport { app in
            let browser = try await Browser.setUp(app)
            let payloads = [
                #"<script>alert(1)</script>"#, #"" onmouseover="alert(2)"#, #"'><img src=x onerror=alert(3)>"#,
                "&lt;b&gt;",
            ]
            _ = try await browser.post(
                "/settings/services",
                form: ["code": "90834", "description": payloads[1], "durationMinutes": "45", "rate": "150"])
            _ = try await browser.post("/settings/clinicians", form: ["name": payloads[0], "email": "c@example.com"])
            _ = try await browser.post(
                "/settings/practice",
                form: [
                    "name": payloads[2], "timeZone": "America/New_York", "invoiceMode": "manual",
                    "lateCancelKind": "notBilled",
                    "noShowKind": "notBilled",
                ])
            _ = try await browser.post(
                "/settings/staff",
                form: [
                    "name": payloads[2], "email": "staff@example.com", "role": "biller",
                    "password": "a long enough passphrase",
                ])
            _ = try await browser.post("/account/tokens", form: ["name": payloads[1]])
            #expect(try await Clinician.query(on: app.db).filter(\.$name == payloads[0]).count() == 1)
            #expect(try await Practice.query(on: app.db).filter(\.$name == payloads[2]).count() == 1)
            #expect(try await User.query(on: app.db).filter(\.$name == payloads[2]).count() == 1)
            let created = try await browser.post(
                "/clients/new", form: ["firstName": payloads[0], "lastName": payloads[2], "phone": payloads[1]])
            let clientPath = created.headers.first(name: .location) ?? ""
            #expect(clientPath.hasPrefix("/clients/"))
            let clientID = String(clientPath.dropFirst("/clients/".count))
            let today = TimeZone(identifier: "America/New_York").map { $0.localDate(Date()) }?.description ?? ""
            let booked = try await browser.post(
                "/sessions/new",
                form: [
                    "client": clientID,
                    "clinician": try await Clinician.query(on: app.db).first()?.id?.uuidString ?? "",
                    "date": today, "time": "10:00", "repeat": "never", "location": payloads[1],
                ])
            let calendar = booked.headers.first(name: .location) ?? ""
            let sessionID = calendar.firstMatch(of: /open=([0-9A-F-]+)/).map { String($0.output.1) } ?? ""
            #expect(!sessionID.isEmpty, "\(booked.body.string)")
            // An invoice deleted with a reason that is a payload.
            let invoice = try await browser.post("/clients/\(clientID)/invoices", form: ["session": sessionID])
            let invoicePath = invoice.headers.first(name: .location) ?? ""
            #expect(invoicePath.hasPrefix("/invoices/"), "\(invoice.body.string.prefix(300))")
            _ = try await browser.post(invoicePath + "/delete", form: ["reason": payloads[1] + payloads[0]])
            // A payer and a policy whose subscriber's names are payloads.
            let payer = try await browser.post(
                "/settings/payers",
                form: ["name": payloads[0], "payerId": "60054", "filingIndicator": "CI", "telehealthModifier": "false"])
            let payerPath = payer.headers.first(name: .location)?.split(separator: "?").first.map(String.init) ?? ""
            let policy = try await browser.post(
                clientPath + "/policies/apply",
                form: [
                    "payerId": String(payerPath.dropFirst("/settings/payers/".count)), "rank": "primary",
                    "memberId": "W1", "effectiveFrom": today, "relationship": "spouse",
                    "subscriber.firstName": payloads[2], "subscriber.lastName": payloads[1],
                    "subscriber.dateOfBirth": "1980-01-02", "subscriber.sex": "female",
                ])
            #expect(policy.status == .seeOther, "\(policy.body.string.prefix(300))")
            let policyID = try await Policy.query(on: app.db).first()?.id?.uuidString ?? ""
            let pages = [
                payerPath, "/settings/payers", clientPath + "/policies/\(policyID)", clientPath + "/policies/new",
                invoicePath, "/invoices",
                clientPath, "/clients", "/settings", clientPath + "/edit", clientPath + "/edit?tab=billing",
                "/sessions/new",
                calendar, "/calendar/sessions/\(sessionID)", clientPath + "/statement", clientPath + "/superbill",
                "/audit", "/settings/staff", "/account/tokens", "/account",
            ]
            for path in pages {
                let html = try await browser.get(path).body.string
                #expect(!html.contains("<script>alert"), "\(path)")
                #expect(!html.contains("<img src=x"), "\(path)")
                #expect(!html.contains(#"" onmouseover="alert"#), "\(path)")
            }
        }
    }
}
