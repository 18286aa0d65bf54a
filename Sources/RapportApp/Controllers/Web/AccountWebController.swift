import Vapor

/// Your account: your details, your password and your API tokens. Every role has one.
struct AccountWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let account = routes.grouped("account")
        account.get(use: page).requires(.ownAccount)
        account.post("password", use: changePassword).requires(.ownAccount)
        account.get("tokens", use: tokens).requires(.ownAccount)
        account.post("tokens", use: createToken).requires(.ownAccount)
        account.post("tokens", ":id", "revoke", use: revokeToken).requires(.ownAccount)
        account.post("calendar-feed", use: newCalendarFeed).requires(.ownAccount)
        account.post("calendar-feed", "revoke", use: revokeCalendarFeed).requires(.ownAccount)
    }

    /// A new calendar feed link, shown once on the page.
    @Sendable func newCalendarFeed(req: Request) async throws -> Response {
        let created = try await req.useCases.calendarFeeds.create()
        return try await render(req, form: FormState(), notice: nil, newFeedURL: req.absoluteURL(created.path))
    }

    @Sendable func revokeCalendarFeed(req: Request) async throws -> Response {
        try await req.useCases.calendarFeeds.revoke()
        return req.redirect(
            to: "/account?notice=Calendar%20feed%20link%20revoked%3B%20it%20no%20longer%20works", redirectType: .normal)
    }

    @Sendable func page(req: Request) async throws -> Response {
        try await render(req, form: FormState(), notice: try req.queryValue("notice"))
    }

    @Sendable func changePassword(req: Request) async throws -> Response {
        let values = try req.formValues()
        var form = FormState()
        if values["newPassword"] != values["confirmPassword"] {
            form.errors["confirmPassword"] = "does not match the new password"
            return try await render(req, form: form, notice: nil)
        }
        do {
            try await account(req).changePassword(
                .init(currentPassword: values["currentPassword"], newPassword: values["newPassword"]),
                from: req.clientAddress, keeping: req.storage[CurrentWebSession.self]?.id)
            return req.redirect(
                to: "/account?notice=Password%20changed%3B%20you%20were%20signed%20out%20everywhere%20else",
                redirectType: .normal)
        } catch let error as UseCaseError {
            form.absorb(error, fallback: "currentPassword")
            return try await render(req, form: form, notice: nil)
        }
    }

    @Sendable func tokens(req: Request) async throws -> Response {
        try await renderTokens(req, created: nil, form: FormState())
    }

    @Sendable func createToken(req: Request) async throws -> Response {
        let values = try req.formValues()
        do {
            let created = try await req.useCases.tokens.create(.init(name: values["name"]))
            return try await renderTokens(req, created: created, form: FormState())
        } catch let error as UseCaseError {
            var form = FormState(values: values)
            form.absorb(error, fallback: "name")
            return try await renderTokens(req, created: nil, form: form)
        }
    }

    @Sendable func revokeToken(req: Request) async throws -> Response {
        _ = try await req.useCases.tokens.revoke(req.id())
        return req.redirect(to: "/account/tokens", redirectType: .normal)
    }

    private func account(_ req: Request) throws -> MyAccount {
        try req.useCases.myAccount
    }

    /// Passwords are never sent back into the form.
    private func render(
        _ req: Request, form: FormState, notice: String?, newFeedURL: String? = nil
    ) async throws -> Response {
        let page = AccountPage(
            profile: try await account(req).profile(), form: form, notice: notice,
            feed: try await req.useCases.calendarFeeds.status(), newFeedURL: newFeedURL,
            context: try await req.pageContext(.account))
        return HTMLResponse.make(page.render())
    }

    private func renderTokens(_ req: Request, created: APITokens.Created?, form: FormState) async throws -> Response {
        let practice = try await req.useCases.practice()
        let format = DisplayFormat()
        let page = TokensPage(
            tokens: try await req.useCases.tokens.list(), created: created, form: form,
            format: { date in
                guard let date else { return "" }
                let local = practice.timeZone.local(date)
                return "\(format.date(local.date)) \(format.time(local.time))"
            },
            context: try await req.pageContext(.account))
        return HTMLResponse.make(page.render())
    }
}
