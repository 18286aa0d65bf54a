import Vapor

/// `/api/v1/payers`: the insurers the practice bills, and their contracted rates.
struct PayersController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let payers = routes.grouped("payers")
        payers.get(use: list).requires(.readBilling)
        payers.post(use: create).requires(.manageSettings)
        payers.get(":id", use: get).requires(.readBilling)
        payers.patch(":id", use: update).requires(.manageSettings)
        payers.post(":id", "rates", use: setRate).requires(.manageSettings)
    }

    @Sendable func list(req: Request) async throws -> [PayerDetails] { try await req.useCases.payers.list() }

    @Sendable func create(req: Request) async throws -> Response {
        let payer = try await req.useCases.payers.create(req.decodeStrict(PayerInput.self))
        return try await payer.encodeResponse(status: .created, for: req)
    }

    @Sendable func get(req: Request) async throws -> PayerDetails { try await req.useCases.payers.get(req.id()) }

    @Sendable func update(req: Request) async throws -> PayerDetails {
        try await req.useCases.payers.update(req.id(), req.decodeStrict(PayerInput.self))
    }

    /// What the payer allows for a service from a date; an entry of the same date is replaced.
    @Sendable func setRate(req: Request) async throws -> PayerDetails {
        try await req.useCases.payers.setRate(req.id(), req.decodeStrict(PayerRateInput.self))
    }
}
