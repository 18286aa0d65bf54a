import Fluent
import Vapor

/// First run, sign in and sign out.
struct SignInWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: home)
        routes.get("setup", use: setupPage)
        routes.post("setup", use: setup)
        routes.get("login", use: loginPage)
        routes.post("login", use: login)
        routes.post("logout", use: logout)
    }

    /// `/`: first-run setup, sign-in, or the calendar.
    @Sendable func home(req: Request) async throws -> Response {
        if try await Practice.query(on: req.db).count() == 0 { return req.redirect(to: "/setup") }
        return req.redirect(to: req.auth.has(Actor.self) ? "/calendar" : "/login")
    }

    /// The first-run form; once a practice exists, sign-in instead.
    @Sendable func setupPage(req: Request) async throws -> Response {
        if try await Practice.query(on: req.db).count() > 0 { return req.redirect(to: "/login") }
        return HTMLResponse.make(
            SetupPage.render(FormState(values: ["timeZone": "America/New_York", "currency": "USD"])))
    }

    /// Creates the practice and its owner, signs the owner in, and opens the calendar.
    @Sendable func setup(req: Request) async throws -> Response {
        if try await Practice.query(on: req.db).count() > 0 { return req.redirect(to: "/login") }
        let values = try req.formValues()
        let input = PracticeSetup.Input(
            practiceName: values["practiceName"], timeZone: values["timeZone"], currency: values["currency"],
            ownerName: values["ownerName"], email: values["email"], password: values["password"], ownerIsClinician: true
        )
        do {
            let output = try await PracticeSetup(database: req.db, passwords: req.application.passwords)
                .run(input)
            guard let user = try await User.find(output.userId, on: req.db) else { throw Abort(.internalServerError) }
            return try await signIn(user, req: req, to: "/calendar")
        } catch let error as APIError {
            if error.code == "already_set_up" { return req.redirect(to: "/login") }
            var form = FormState(values: values)
            form.values["password"] = nil
            form.absorb(error, fallback: "_form")
            return HTMLResponse.make(SetupPage.render(form))
        }
    }

    @Sendable func loginPage(req: Request) async throws -> Response {
        if try await Practice.query(on: req.db).count() == 0 { return req.redirect(to: "/setup") }
        if req.auth.has(Actor.self) { return req.redirect(to: "/calendar") }
        return HTMLResponse.make(LoginPage.render(FormState(), next: req.query[String.self, at: "next"]))
    }

    /// Signs in with email and password. Unknown email and wrong password get the same answer.
    @Sendable func login(req: Request) async throws -> Response {
        let values = try req.formValues()
        let email = (values["email"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let password = values["password"] ?? ""
        let address = req.clientAddress
        let throttle = LoginThrottle(database: req.db)
        let claim: UUID
        switch try await throttle.claim(email: email, address: address) {
        case .granted(let id): claim = id
        case .wait(let wait):
            var form = FormState(values: ["email": email])
            let minutes = Int((wait / 60).rounded(.up))
            form.errors["_form"] = "Too many attempts. Try again in \(minutes) minute\(minutes == 1 ? "" : "s")."
            return HTMLResponse.make(LoginPage.render(form, next: values["next"]))
        }
        // An email is unique within a practice, so one person may hold accounts in several: the
        // password picks the account. Verified against a fixed hash when the email is unknown, so
        // both answers take as long.
        let accounts = try await User.query(on: req.db).filter(\.$email == email).filter(\.$active == true)
            .sort(\.$createdAt).all()
        var user: User?
        for account in accounts where await req.application.passwords.verify(password, against: account.passwordHash) {
            user = account
            break
        }
        if accounts.isEmpty { _ = await req.application.passwords.verify(password, against: Self.decoyHash) }
        try await throttle.finish(claim, succeeded: user != nil)
        guard let user else {
            var form = FormState(values: ["email": email])
            form.errors["_form"] = "That email and password do not match an account."
            return HTMLResponse.make(LoginPage.render(form, next: values["next"]))
        }
        return try await signIn(user, req: req, to: req.safeReturn(values["next"], fallback: "/calendar"))
    }

    /// Ends the browser session.
    @Sendable func logout(req: Request) async throws -> Response {
        let sessions = WebSessions(database: req.db, settings: req.application.settings)
        if let session = req.storage[CurrentWebSession.self] { try await sessions.end(session.id) }
        let response = req.redirect(to: "/login")
        response.cookies[sessions.cookieName] = sessions.expiredCookie
        return response
    }

    private func signIn(_ user: User, req: Request, to location: String) async throws -> Response {
        let sessions = WebSessions(database: req.db, settings: req.application.settings)
        if let old = req.storage[CurrentWebSession.self] { try await sessions.end(old.id) }
        let cookie = try await sessions.start(for: user)
        let response = req.redirect(to: location, redirectType: .normal)
        response.cookies[sessions.cookieName] = cookie
        return response
    }

    /// A bcrypt hash of a random secret, made once, verified against when no account matches.
    static let decoyHash = (try? Bcrypt.hash(UUID().uuidString, cost: 12)) ?? ""
}
