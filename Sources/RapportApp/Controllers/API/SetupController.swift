import Vapor

/// `POST /api/v1/setup`: first run only.
struct SetupController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("setup", use: setup)
    }

    /// Creates the practice and its owner while none exists; returns the owner's API token.
    @Sendable func setup(req: Request) async throws -> Response {
        let input = try req.decodeStrict(PracticeSetup.Input.self)
        let output = try await req.openUseCases.setup.run(
            input)
        return try await output.encodeResponse(status: .created, for: req)
    }
}
