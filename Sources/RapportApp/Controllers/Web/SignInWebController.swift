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
        if try await !req.openUseCases.setup.isDone() { return req.redirect(to: "/setup") }
        return req.redirect(to: req.auth.has(Actor.self) ? "/calendar" : "/login")
    }

    /// The first-run form; once a practice exists, sign-in instead.
    @Sendable func setupPage(req: Request) async throws -> Response {
        if try await req.openUseCases.setup.isDone() { return req.redirect(to: "/login") }
        return HTMLResponse.make(
            SetupPage.render(FormState(values: ["timeZone": "America/New_York", "currency": "USD"])))
    }

    /// Creates the practice and its owner, signs the owner in, and opens the calendar.
    @Sendable func setup(req: Request) async throws -> Response {
        if try await req.openUseCases.setup.isDone() { return req.redirect(to: "/login") }
        let values = try req.formValues()
        let input = PracticeSetup.Input(
            practiceName: values["practiceName"], timeZone: values["timeZone"], currency: values["currency"],
            ownerName: values["ownerName"], email: values["email"], password: values["password"], ownerIsClinician: true
        )
        do {
            let output = try await req.openUseCases.setup.run(input)
            let session = try await req.openUseCases.signIn.start(
                forUserID: output.userId, replacing: req.storage[CurrentWebSession.self]?.id)
            return redirect(req, to: "/calendar", session: session)
        } catch let error as UseCaseError {
            if error.code == "already_set_up" { return req.redirect(to: "/login") }
            var form = FormState(values: values)
            form.values["password"] = nil
            form.absorb(error, fallback: "_form")
            return HTMLResponse.make(SetupPage.render(form))
        }
    }

    @Sendable func loginPage(req: Request) async throws -> Response {
        if try await !req.openUseCases.setup.isDone() { return req.redirect(to: "/setup") }
        if req.auth.has(Actor.self) { return req.redirect(to: "/calendar") }
        return HTMLResponse.make(LoginPage.render(FormState(), next: try req.queryValue("next")))
    }

    /// Signs in with email and password (``SignIn``). Unknown email and wrong password get the same answer.
    @Sendable func login(req: Request) async throws -> Response {
        let values = try req.formValues()
        let outcome = try await req.openUseCases.signIn.attempt(
            email: values["email"] ?? "", password: values["password"] ?? "", from: req.clientAddress,
            replacing: req.storage[CurrentWebSession.self]?.id)
        var form = FormState(values: ["email": (values["email"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()])
        switch outcome {
        case .signedIn(let session):
            return redirect(req, to: req.safeReturn(values["next"], fallback: "/calendar"), session: session)
        case .wait(let minutes):
            form.errors["_form"] = "Too many attempts. Try again in \(minutes) minute\(minutes == 1 ? "" : "s")."
        case .noMatch:
            form.errors["_form"] = "That email and password do not match an account."
        }
        return HTMLResponse.make(LoginPage.render(form, next: values["next"]))
    }

    /// Ends the browser session.
    @Sendable func logout(req: Request) async throws -> Response {
        let sessions = req.openUseCases.webSessions
        if let session = req.storage[CurrentWebSession.self] { try await sessions.end(session.id) }
        let response = req.redirect(to: "/login")
        response.cookies[sessions.cookieName] = sessions.expiredCookie
        return response
    }

    private func redirect(_ req: Request, to location: String, session: WebSessions.Started) -> Response {
        let response = req.redirect(to: location, redirectType: .normal)
        let sessions = req.openUseCases.webSessions
        response.cookies[sessions.cookieName] = sessions.cookie(for: session)
        return response
    }
}
