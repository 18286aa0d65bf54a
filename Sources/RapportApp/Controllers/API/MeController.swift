import Vapor

/// `/api/v1/me`: the token owner's own account.
struct MeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let me = routes.grouped("me")
        me.get(use: profile).requires(.ownAccount)
        me.put("password", use: changePassword).requires(.ownAccount)
        me.get("calendar-feed", use: calendarFeed).requires(.ownAccount)
        me.post("calendar-feed", use: newCalendarFeed).requires(.ownAccount)
        me.delete("calendar-feed", use: revokeCalendarFeed).requires(.ownAccount)
    }

    /// Whether the caller has a live calendar feed link.
    @Sendable func calendarFeed(req: Request) async throws -> CalendarFeeds.Status {
        try await req.useCases.calendarFeeds.status()
    }

    /// A new private link to the caller's sessions as a calendar feed (the old one stops working);
    /// its address is in this answer only.
    @Sendable func newCalendarFeed(req: Request) async throws -> Response {
        var created = try await req.useCases.calendarFeeds.create()
        created.url = req.absoluteURL(created.path)
        return try await created.encodeResponse(status: .created, for: req)
    }

    @Sendable func revokeCalendarFeed(req: Request) async throws -> HTTPStatus {
        try await req.useCases.calendarFeeds.revoke()
        return .noContent
    }

    /// Who the token belongs to: name, email, role and linked clinician.
    @Sendable func profile(req: Request) async throws -> StaffDirectory.Account {
        try await account(req).profile()
    }

    /// Changes the caller's password (the current one is required); their browser sessions end.
    @Sendable func changePassword(req: Request) async throws -> HTTPStatus {
        try await account(req).changePassword(
            req.decodeStrict(MyAccount.Input.self), from: req.clientAddress)
        return .noContent
    }

    private func account(_ req: Request) throws -> MyAccount {
        try req.useCases.myAccount
    }
}
