import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import RapportApp

/// Walks the route table — not a hand-made list — and asks every route as each role and as a
/// user of another practice, checking each answer against the route's declared permission.
struct AccessMatrixTests {
    /// The only routes anyone may call without signing in.
    static let publicRoutes: Set<String> = [
        "GET /", "GET /setup", "POST /setup", "GET /login", "POST /login", "POST /logout", "GET /healthz", "GET /readyz",
        "POST /api/v1/setup", "GET /api/v1/openapi.json", "GET /calendar-feeds/:file",
        "GET /metrics",
    ]

    struct Caller {
        let role: Role
        let token: String
        let browser: Browser
    }

    @Test func everyRouteAnswersEveryRoleAsItsPolicySays() async throws {
        try await withRapport { app in
            // setup: a practice with one of everything, a user of each role, and a second practice
            let fixture = try await PracticeFixture.make(app)
            let owner = try await Browser.signIn(app, email: "owner@example.com", password: "correct horse battery")
            let ids = try await Self.records(fixture)
            var callers = [Caller(role: .owner, token: fixture.api.token ?? "", browser: owner)]
            for role in [Role.admin, .clinician, .biller] {
                let email = "\(role.rawValue)@example.com"
                let created = try await fixture.api.post(
                    "/api/v1/users",
                    """
                    {"name": "\(role.rawValue.capitalized)", "email": "\(email)", "role": "\(role.rawValue)", "password": "a long enough passphrase"}
                    """)
                #expect(created.status == .created, "\(created.text)")
                let (token, hash) = TokenHasher.newToken()
                let user = try await User.query(on: app.db).filter(\.$email == email).first()
                try await APIToken(
                    practiceID: user?.practiceID ?? UUID(), userID: user?.id ?? UUID(), name: "matrix", tokenHash: hash
                ).create(on: app.db)
                callers.append(
                    Caller(
                        role: role, token: token,
                        browser: try await Browser.signIn(app, email: email, password: "a long enough passphrase")))
            }
            let stranger = try await SecondPractice.make(app)

            // act: GETs first, deletes last, and the least privileged roles before the owner
            let routes = app.routes.all.sorted { Self.order($0.method) < Self.order($1.method) }
            var unexpected: [String] = []
            var refusals = 0
            var checkedRoutes = 0
            for route in routes {
                let name = "\(route.method.rawValue) /" + route.path.map(\.description).joined(separator: "/")
                guard let permission = route.permission else {
                    if !Self.publicRoutes.contains(name) {
                        unexpected.append("\(name) declares no permission")
                    }
                    continue
                }
                checkedRoutes += 1
                let path = Self.fill(route, ids: ids)
                let isAPI = route.path.first?.description == "api"
                for caller in callers.sorted(by: { $0.role == .owner ? false : $1.role == .owner }) {
                    let status = try await Self.call(app, route: route, path: path, api: isAPI, caller: caller)
                    let allowed = caller.role.permissions.contains(permission)
                    if status == .forbidden { refusals += 1 }
                    if allowed, [.forbidden, .unauthorized, .internalServerError].contains(status) {
                        unexpected.append("\(name) as \(caller.role): \(status.code), expected it to be allowed")
                    } else if !allowed, status != .forbidden {
                        unexpected.append("\(name) as \(caller.role): \(status.code), expected 403 (\(permission))")
                    }
                }
                // A user of another practice never reaches this practice's records.
                if isAPI, route.path.contains(where: { if case .parameter = $0 { true } else { false } }) {
                    let status = try await Self.call(
                        app, route: route, path: path, api: true,
                        caller: Caller(role: .owner, token: stranger.api.token ?? "", browser: owner))
                    if status.code < 400 || status == .internalServerError {
                        unexpected.append("\(name) as another practice's owner: \(status.code), expected 404")
                    }
                }
            }
            // check
            #expect(checkedRoutes > 80, "the route table was walked")
            #expect(refusals > 50, "clinicians and billers were refused somewhere")
            #expect(unexpected == [], "\(unexpected.count) unexpected answers:\n\(unexpected.joined(separator: "\n"))")
        }
    }

    /// Pages and lists that show clients' names among others' (to pick one), not a client's record.
    static let namesOnly: Set<String> = [
        "GET /clients", "GET /calendar", "GET /calendar/sessions/:id", "GET /invoices", "GET /billing/outstanding",
        "GET /billing/check", "GET /payments/new", "GET /sessions/new", "GET /audit", "GET /api/v1/clients",
        "GET /api/v1/reports/outstanding", "GET /api/v1/audit-events", "GET /api/v1/claims",
        "GET /billing/claims", "GET /payments",
    ]

    /// Whole-practice CSV exports: each is recorded once as an `export` event naming the dataset
    /// and range (ExportTests), not as a read of every client in it.
    static let exports: Set<String> = Set(ExportDataset.allCases.map { "GET /api/v1/exports/\($0.rawValue).csv" })

    @Test func everyRouteThatShowsAClientsRecordDeclaresItAndEveryLookIsAudited() async throws {
        try await withRapport { app in
            // setup
            let fixture = try await PracticeFixture.make(app)
            let owner = try await Browser.signIn(app, email: "owner@example.com", password: "correct horse battery")
            let ids = try await Self.records(fixture)
            let client = try #require(UUID(uuidString: ids["clients"] ?? ""))
            let caller = Caller(role: .owner, token: fixture.api.token ?? "", browser: owner)
            func reads() async throws -> Int {
                try await AuditEvent.query(on: app.db).filter(\.$entityID == client).filter(\.$action == "read").count()
            }
            var unexpected: [String] = []
            var declared = 0
            // act: every GET route, as the owner
            for route in app.routes.all where route.method == .GET && route.permission != nil {
                let name = "GET /" + route.path.map(\.description).joined(separator: "/")
                var path = Self.fill(route, ids: ids)
                if ["statement", "superbill"].contains(route.path.last?.description) {
                    path += "?from=2000-01-01&to=2100-01-01"
                }
                let before = try await reads()
                let body: String
                if route.path.first?.description == "api" {
                    var headers = HTTPHeaders()
                    headers.bearerAuthorization = BearerAuthorization(token: caller.token)
                    body = try await app.testing().sendRequest(.GET, path, headers: headers).body.string
                } else {
                    body = try await owner.get(path).body.string
                }
                let looks = try await reads() - before
                // check: a client's record shown is declared, and a declared route is audited once
                if let read = route.clientRecordRead {
                    declared += 1
                    if looks != 1 { unexpected.append("\(name) declares \(read.view) but recorded \(looks) reads") }
                    // The audit log says what was looked at in words ("Good Faith Estimates"), so
                    // no stored name such as goodFaithEstimates.
                    if read.view.contains(/[a-z][A-Z]/) { unexpected.append("\(name) names its view \(read.view)") }
                } else if body.contains("Nguyen"), !Self.namesOnly.contains(name), !Self.exports.contains(name) {
                    unexpected.append("\(name) shows a client's record without declaring showsClientRecord")
                }
            }
            #expect(declared >= 14, "the client-record routes were found")
            #expect(unexpected == [], "\(unexpected.joined(separator: "\n"))")
        }
    }

    static func order(_ method: HTTPMethod) -> Int {
        switch method {
        case .GET: 0
        case .POST, .PATCH: 1
        default: 2
        }
    }

    static func call(
        _ app: Application, route: Route, path: String, api: Bool, caller: Caller
    ) async throws -> HTTPStatus {
        if api {
            var headers = HTTPHeaders()
            headers.bearerAuthorization = BearerAuthorization(token: caller.token)
            let hasBody = [.POST, .PATCH].contains(route.method)
            if hasBody { headers.contentType = .json }
            return try await app.testing().sendRequest(
                route.method, path, headers: headers, body: hasBody ? ByteBuffer(string: "{}") : nil
            ).status
        }
        if route.method == .GET { return try await caller.browser.get(path).status }
        return try await caller.browser.post(path, form: [:]).status
    }

    /// The route's path with each parameter replaced by the id of a real record of the practice.
    static func fill(_ route: Route, ids: [String: String]) -> String {
        var previous = ""
        var parts: [String] = []
        for component in route.path {
            switch component {
            case .parameter(let name):
                parts.append(name == "applicationId" ? ids["applicationId"] ?? "" : ids[previous] ?? UUID().uuidString)
            default:
                previous = component.description
                parts.append(previous)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// One record of each kind, with the path segment that names it.
    static func records(_ fixture: PracticeFixture) async throws -> [String: String] {
        let api = fixture.api
        let client = try await fixture.makeClient()
        let session = try await fixture.book(client, daysFromToday: -3, attendance: "show")
        let invoice = try await fixture.invoice(client, [session])
        let payment = try await fixture.pay(client, 5000)
        let series = try await api.post(
            "/api/v1/series",
            """
            {"clientId": "\(client)", "clinicianId": "\(fixture.clinicianID)", "start": "\(fixture.localStart(daysFromToday: 2))", "rule": "FREQ=WEEKLY;COUNT=3"}
            """)
        let change = try await api.post(
            "/api/v1/billing-changes", #"{"serviceId": "\#(fixture.therapy60)", "rate": \#(fixture.money(18500))}"#)
        let spareToken = try await api.post("/api/v1/tokens", #"{"name": "spare"}"#)
        let staff = try await api.post(
            "/api/v1/users",
            """
            {"name": "Temp", "email": "temp@example.com", "role": "biller", "password": "a long enough passphrase"}
            """)
        let payer = try await api.post("/api/v1/payers", PayerTests.aetna)
        let policy = try await api.post(
            "/api/v1/clients/\(client)/policies",
            #"{"payerId": "\#(payer.json["id"].string ?? "")", "rank": "primary", "memberId": "W1", "effectiveFrom": "2026-01-01"}"#
        )
        let authorized = try await api.post(
            "/api/v1/clients/\(client)/policies/\(policy.json["id"].string ?? "")/authorizations",
            #"{"number": "PA1", "visits": 10, "startsOn": "2026-01-01", "endsOn": "2026-12-31"}"#)
        _ = try await api.send(.PUT, "/api/v1/practice/billing-provider", BillingProviderTests.valid)
        let claimed = try await fixture.book(client, daysFromToday: -4, attendance: "show")
        let claim = try await api.post("/api/v1/claims", #"{"clientId": "\#(client)", "sessionIds": ["\#(claimed)"]}"#)
        #expect(claim.status == .created, "\(claim.text)")
        try await fixture.completeForSuperbills(client)
        // An estimate needs sessions that bill the client: the insured client pays for a moment.
        _ = try await api.send(.PUT, "/api/v1/clients/\(client)/self-pay", #"{"selfPay": true}"#)
        let estimate = try await api.post("/api/v1/clients/\(client)/good-faith-estimates", "{}")
        #expect(estimate.status == .created, "\(estimate.text)")
        _ = try await api.send(.PUT, "/api/v1/clients/\(client)/self-pay", #"{"selfPay": false}"#)
        return [
            "claims": claim.json[0]["id"].string ?? "",
            "payers": payer.json["id"].string ?? "", "policies": policy.json["id"].string ?? "",
            "authorizations": authorized.json["authorizations"][0]["id"].string ?? "",
            "clients": client, "sessions": series.json["occurrences"][0]["id"].string ?? session,
            "series": series.json["id"].string ?? "",
            "invoices": invoice["id"].string ?? "", "payments": payment.json["id"].string ?? "",
            "applicationId": payment.json["applications"][0]["id"].string ?? "", "services": fixture.therapy60,
            "clinicians": fixture.clinicianID, "tokens": spareToken.json["id"].string ?? "",
            "billing-changes": change.json["changeId"].string ?? "",
            "users": staff.json["id"].string ?? "",
            "good-faith-estimates": estimate.json["id"].string ?? "",
        ]
    }
}

extension Browser {
    /// Signs in through the sign-in form.
    static func signIn(_ app: Application, email: String, password: String) async throws -> Browser {
        var browser = Browser(app: app)
        let reply = try await browser.post("/login", form: ["email": email, "password": password])
        browser.cookie = reply.headers.setCookie?.all.first.map { "\($0.key)=\($0.value.string)" } ?? ""
        let page = try await browser.get("/calendar")
        browser.csrf =
            page.body.string.firstMatch(of: /name="csrf-token" content="([^"]+)"/).map { String($0.output.1) } ?? ""
        #expect(!browser.csrf.isEmpty, "\(email) could not sign in")
        return browser
    }
}
