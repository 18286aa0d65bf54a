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
        payers.post(":id", "rates", "preview", use: previewRate).requires(.manageSettings)
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

    /// What the payer allows for a service from a date; an entry of the same date is replaced. The
    /// change is recorded, to undo with `POST /billing-changes/{id}/undo`.
    @Sendable func setRate(req: Request) async throws -> PayerDetails {
        try await req.useCases.payerRateChanges.apply(req.id(), req.decodeStrict(PayerRateInput.self))
    }

    /// What setting the rate would do to unbilled sessions; nothing is written.
    @Sendable func previewRate(req: Request) async throws -> CoverageChangeReport {
        try await req.useCases.payerRateChanges.preview(req.id(), req.decodeStrict(PayerRateInput.self))
    }
}
