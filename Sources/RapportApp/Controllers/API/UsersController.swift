import Vapor

/// `/api/v1/users`: staff accounts and their roles.
struct UsersController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let users = routes.grouped("users")
        users.get(use: list).requires(.manageUsers)
        users.post(use: create).requires(.manageUsers)
        users.patch(":id", use: update).requires(.manageUsers)
    }

    /// Everyone with an account in the practice.
    @Sendable func list(req: Request) async throws -> [StaffDirectory.Account] {
        try await directory(req).list()
    }

    /// Adds a staff member with a role (admin, clinician or biller) and a first password.
    @Sendable func create(req: Request) async throws -> Response {
        let user = try await directory(req).create(req.decodeStrict(StaffDirectory.Input.self))
        return try await user.encodeResponse(status: .created, for: req)
    }

    /// Renames, changes the role, links a clinician, or deactivates (which ends their sessions and tokens).
    @Sendable func update(req: Request) async throws -> StaffDirectory.Account {
        try await directory(req).update(req.id(), req.decodeStrict(StaffDirectory.Input.self))
    }

    private func directory(_ req: Request) throws -> StaffDirectory {
        try req.useCases.staff
    }
}
