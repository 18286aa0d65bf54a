import Vapor

/// `/api/v1/clients/{id}/policies`: a client's insurance policies and their prior authorizations.
struct PoliciesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.put("clients", ":id", "self-pay", use: setSelfPay).requires(.writeBilling)
        let policies = routes.grouped("clients", ":id", "policies")
        policies.get(use: list).requires(.readBilling).showsClientRecord("policies")
        policies.post(use: create).requires(.writeBilling)
        policies.post("preview", use: preview).requires(.writeBilling)
        policies.get(":policyId", use: get).requires(.readBilling).showsClientRecord("policy")
        policies.patch(":policyId", use: update).requires(.writeBilling)
        policies.delete(":policyId", use: delete).requires(.writeBilling)
        let authorizations = policies.grouped(":policyId", "authorizations")
        authorizations.post(use: addAuthorization).requires(.writeBilling)
        authorizations.patch(":authorizationId", use: updateAuthorization).requires(.writeBilling)
        authorizations.delete(":authorizationId", use: deleteAuthorization).requires(.writeBilling)
    }

    @Sendable func list(req: Request) async throws -> [PolicyDetails] {
        try await req.useCases.policies.list(req.id())
    }

    /// Whether the client pays for their sessions themselves although insured.
    @Sendable func setSelfPay(req: Request) async throws -> ClientDetails {
        try await req.useCases.policies.setSelfPay(req.id(), req.decodeStrict(SelfPayInput.self))
    }

    /// What a policy change would do, nothing written.
    @Sendable func preview(req: Request) async throws -> CoverageChangeReport {
        try await req.useCases.coverageChanges.preview(req.id(), req.decodeStrict(PolicyPreviewInput.self))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let policy = try await req.useCases.policies.create(req.id(), req.decodeStrict(PolicyInput.self))
        return try await policy.encodeResponse(status: .created, for: req)
    }

    @Sendable func get(req: Request) async throws -> PolicyDetails {
        try await req.useCases.policies.get(req.id(), req.id("policyId"))
    }

    @Sendable func update(req: Request) async throws -> PolicyDetails {
        try await req.useCases.policies.update(req.id(), req.id("policyId"), req.decodeStrict(PolicyInput.self))
    }

    /// Removes a policy entered by mistake; one that ended is given its last day instead.
    @Sendable func delete(req: Request) async throws -> PolicyDetails {
        try await req.useCases.policies.delete(req.id(), req.id("policyId"))
    }

    @Sendable func addAuthorization(req: Request) async throws -> Response {
        let policy = try await req.useCases.policies.addAuthorization(
            req.id(), req.id("policyId"), req.decodeStrict(AuthorizationInput.self))
        return try await policy.encodeResponse(status: .created, for: req)
    }

    @Sendable func updateAuthorization(req: Request) async throws -> PolicyDetails {
        try await req.useCases.policies.updateAuthorization(
            req.id(), req.id("policyId"), req.id("authorizationId"), req.decodeStrict(AuthorizationInput.self))
    }

    @Sendable func deleteAuthorization(req: Request) async throws -> PolicyDetails {
        try await req.useCases.policies.deleteAuthorization(req.id(), req.id("policyId"), req.id("authorizationId"))
    }
}
