import Vapor

/// `/api/v1/me`: the token owner's own account.
struct MeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let me = routes.grouped("me")
        me.get(use: profile).requires(.ownAccount)
        me.put("password", use: changePassword).requires(.ownAccount)
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
