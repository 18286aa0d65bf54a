import Vapor

/// `/api/v1/clients/{id}/good-faith-estimates` and `/api/v1/good-faith-estimates`: estimates for
/// clients who pay for themselves, their versions, and who needs one.
struct GoodFaithEstimatesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let client = routes.grouped("clients", ":id", "good-faith-estimates")
        client.get(use: list).requires(.readBilling).showsClientRecord("Good Faith Estimates")
        client.post(use: create).requires(.writeBilling)
        routes.get("good-faith-estimates", "due", use: due).requires(.readBilling)
        routes.get("good-faith-estimates", ":id", use: get).requires(.readBilling)
            .showsClientRecord("Good Faith Estimate", from: .goodFaithEstimate)
    }

    @Sendable func list(req: Request) async throws -> [GoodFaithEstimateDetails] {
        try await req.useCases.goodFaithEstimates.list(req.id())
    }

    @Sendable func create(req: Request) async throws -> Response {
        let made = try await req.useCases.goodFaithEstimates.create(
            req.id(), req.decodeStrict(GoodFaithEstimateInput.self))
        return try await made.encodeResponse(status: .created, for: req)
    }

    @Sendable func get(req: Request) async throws -> GoodFaithEstimateDetails {
        try await req.useCases.goodFaithEstimates.get(req.id())
    }

    @Sendable func due(req: Request) async throws -> [GoodFaithEstimateDue] {
        try await req.useCases.goodFaithEstimates.due()
    }
}
