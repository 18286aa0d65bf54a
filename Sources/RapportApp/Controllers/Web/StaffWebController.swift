import Fluent
import Vapor

/// Settings → Staff and Settings → API tokens.
struct StaffWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("settings", "staff", use: staff).requires(.manageUsers)
        routes.post("settings", "staff", use: addStaff).requires(.manageUsers)
        routes.post("settings", "staff", ":id", use: changeStaff).requires(.manageUsers)
        routes.get("settings", "tokens", use: tokens).requires(.ownTokens)
        routes.post("settings", "tokens", use: createToken).requires(.ownTokens)
        routes.post("settings", "tokens", ":id", "revoke", use: revokeToken).requires(.ownTokens)
    }

    @Sendable func staff(req: Request) async throws -> Response {
        try await renderStaff(
            req, form: FormState(values: ["role": "clinician"]), notice: req.query[String.self, at: "notice"])
    }

    @Sendable func addStaff(req: Request) async throws -> Response {
        let values = req.formValues()
        do {
            _ = try await directory(req).create(
                .init(name: values["name"], email: values["email"], role: values["role"], password: values["password"]))
            return req.redirect(to: "/settings/staff?notice=Staff%20member%20added", redirectType: .normal)
        } catch let error as APIError {
            var form = FormState(values: values)
            form.values["password"] = nil
            form.absorb(error, fallback: "name")
            return try await renderStaff(req, form: form, notice: nil)
        }
    }

    @Sendable func changeStaff(req: Request) async throws -> Response {
        let values = req.formValues()
        var input = StaffDirectory.Input()
        input.role = values["role"]
        input.active = values["active"].map { $0 == "true" }
        do {
            _ = try await directory(req).update(req.id(), input)
            return req.redirect(to: "/settings/staff?notice=Saved", redirectType: .normal)
        } catch let error as APIError where error.status != .notFound {
            return try await renderStaff(req, form: FormState(values: ["role": "clinician"]), notice: error.message)
        }
    }

    @Sendable func tokens(req: Request) async throws -> Response {
        try await renderTokens(req, created: nil, form: FormState())
    }

    @Sendable func createToken(req: Request) async throws -> Response {
        let values = req.formValues()
        do {
            let created = try await APITokens(database: req.db, actor: req.actor).create(.init(name: values["name"]))
            return try await renderTokens(req, created: created, form: FormState())
        } catch let error as APIError {
            var form = FormState(values: values)
            form.absorb(error, fallback: "name")
            return try await renderTokens(req, created: nil, form: form)
        }
    }

    @Sendable func revokeToken(req: Request) async throws -> Response {
        _ = try await APITokens(database: req.db, actor: req.actor).revoke(req.id())
        return req.redirect(to: "/settings/tokens", redirectType: .normal)
    }

    private func directory(_ req: Request) throws -> StaffDirectory {
        StaffDirectory(database: req.db, actor: try req.actor, passwordCost: req.application.settings.passwordCost)
    }

    private func renderStaff(_ req: Request, form: FormState, notice: String?) async throws -> Response {
        let page = StaffPage(
            users: try await directory(req).list(), form: form, notice: notice,
            context: try await req.pageContext(.settings))
        return HTMLResponse.make(page.render())
    }

    private func renderTokens(_ req: Request, created: APITokens.Created?, form: FormState) async throws -> Response {
        let actor = try req.actor
        let practice = try await PracticeContext.of(actor, on: req.db)
        let format = DisplayFormat(currency: practice.currency)
        let page = TokensPage(
            tokens: try await APITokens(database: req.db, actor: actor).list(), created: created, form: form,
            format: { date in
                guard let date else { return "" }
                let local = practice.timeZone.local(date)
                return "\(format.date(local.date)) \(format.time(local.time))"
            },
            context: try await req.pageContext(.settings))
        return HTMLResponse.make(page.render())
    }
}
