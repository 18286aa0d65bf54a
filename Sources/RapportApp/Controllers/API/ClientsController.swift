import Vapor

/// `/api/v1/clients` and their billing settings.
struct ClientsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let clients = routes.grouped("clients")
        clients.get(use: list).requires(.readClients)
        clients.post(use: create).requires(.writeClients)
        clients.get(":id", use: get).requires(.readClients).showsClientRecord("client details")
        clients.patch(":id", use: update).requires(.writeClients)
        clients.get(":id", "overview", use: overview).requires(.readClients).showsClientRecord("client overview")
        clients.get(":id", "billing", use: getBilling).requires(.readBilling).showsClientRecord("billing settings")
        clients.patch(":id", "billing", use: updateBilling).requires(.writeBilling)
        clients.get(":id", "diagnoses", use: getDiagnoses).requires(.readClients).showsClientRecord("diagnoses")
        clients.put(":id", "diagnoses", use: setDiagnoses).requires(.writeClients)
        routes.get("diagnosis-codes", use: searchDiagnosisCodes).requires(.readClients)
    }

    /// The client's diagnoses in force today, and every list by date.
    @Sendable func getDiagnoses(req: Request) async throws -> ClientDiagnoses {
        try await req.useCases.diagnoses.get(req.id())
    }

    /// Sets the list from a date (principal first, at most 12).
    @Sendable func setDiagnoses(req: Request) async throws -> ClientDiagnoses {
        try await req.useCases.diagnoses.set(req.id(), req.decodeStrict(DiagnosesInput.self))
    }

    /// Common ICD-10-CM codes matching `?search=` by code or words (Rapport's short public list).
    @Sendable func searchDiagnosisCodes(req: Request) async throws -> [DiagnosisEntry] {
        try req.useCases.diagnoses.codes(matching: try req.queryValue("search") ?? "")
    }

    struct ListQuery: Content {
        var search: String?
        var status: String?
        var clinicianId: UUID?
        var limit: Int?
        var offset: Int?
    }

    /// Clients by last name; `?search=` matches any part of the name, `?status=active|inactive`.
    @Sendable func list(req: Request) async throws -> [ClientDetails] {
        let query = try req.query.decode(ListQuery.self)
        if let status = query.status, !["active", "inactive"].contains(status) {
            throw UseCaseError.invalid("status", "must be active or inactive")
        }
        let page = try Page(limit: query.limit, offset: query.offset)
        return try await req.useCases.clients
            .list(search: query.search, status: query.status, clinicianID: query.clinicianId, page: page)
    }

    /// Adds a client, optionally with a default service.
    @Sendable func create(req: Request) async throws -> Response {
        let content = try await req.useCases.clients.create(
            req.decodeStrict(ClientInput.self))
        return try await content.encodeResponse(status: .created, for: req)
    }

    /// One client.
    @Sendable func get(req: Request) async throws -> ClientDetails {
        let client = try await req.useCases.clients.get(req.id())
        return client
    }

    /// The client screen in one call: details, balance, billing rules, sessions, invoices, differences.
    @Sendable func overview(req: Request) async throws -> Response {
        let cache = req.acceptsKeptAnswer ? req.application.readCaches.clientOverviewJSON : nil
        let body = try await req.useCases.overview.load(req.id(), cache: cache) {
            var json = JSONBytes(capacity: 64 << 10)
            $0.write(to: &json)
            return ByteBuffer(bytes: try json.result())
        }
        return .json(body)
    }

    /// Changes a client's details (billing settings have their own endpoint).
    @Sendable func update(req: Request) async throws -> ClientDetails {
        try await req.useCases.clients.update(
            req.id(), req.decodeStrict(ClientInput.self))
    }

    /// The client's default service and custom fees, with history.
    @Sendable func getBilling(req: Request) async throws -> ClientBilling {
        let billing = try await req.useCases.billingRules.get(req.id())
        return billing
    }

    /// Changes the default service and/or custom fees from `effectiveFrom`; unbilled sessions follow.
    @Sendable func updateBilling(req: Request) async throws -> BillingChangeResult {
        try await req.useCases.billingRules.update(
            req.id(), req.decodeStrict(ClientBillingPatch.self))
    }
}
