import Vapor

/// `POST /api/v1/practices`: a hosting operator (an owner) creates a further practice with its
/// owner in this database. Answered only when the server runs with `RAPPORT_HOSTING=1`; otherwise
/// the route does not exist for callers (404).
struct HostingController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("practices", use: create).requires(.hostPractices)
    }

    @Sendable func create(req: Request) async throws -> Response {
        guard req.application.settings.hosting else { throw UseCaseError.notFound("route") }
        let input = try req.decodeStrict(PracticeSetup.Input.self)
        let output = try await req.openUseCases.setup.createAnother(input, by: try req.actor)
        return try await output.encodeResponse(status: .created, for: req)
    }
}
