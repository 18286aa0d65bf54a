import Vapor

/// `/api/v1/practice`, `/clinicians`, `/services`.
struct PracticeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("practice", use: getPractice).requires(.readSchedule)
        routes.patch("practice", use: updatePractice).requires(.manageSettings)
        routes.get("practice", "billing-provider", use: getBillingProvider).requires(.readBilling)
        routes.put("practice", "billing-provider", use: setBillingProvider).requires(.manageSettings)

        let clinicians = routes.grouped("clinicians")
        clinicians.get(use: listClinicians).requires(.readSchedule)
        clinicians.post(use: createClinician).requires(.manageSettings)
        clinicians.get(":id", use: getClinician).requires(.readSchedule)
        clinicians.patch(":id", use: updateClinician).requires(.manageSettings)

        let services = routes.grouped("services")
        services.get(use: listServices).requires(.readSchedule)
        services.post(use: createService).requires(.manageSettings)
        services.get(":id", use: getService).requires(.readSchedule)
        services.patch(":id", use: updateService).requires(.manageSettings)
        services.delete(":id", use: deleteService).requires(.manageSettings)
    }

    /// The practice's settings.
    @Sendable func getPractice(req: Request) async throws -> PracticeDetails {
        try await req.useCases.practiceSettings.get()
    }

    /// Changes settings; a new default service reprices unbilled sessions.
    @Sendable func updatePractice(req: Request) async throws -> PracticeDetails {
        try await req.useCases.practiceSettings.update(req.decodeStrict(PracticePatch.self))
    }

    /// Who the practice's claims say bills: 404 until it is set.
    @Sendable func getBillingProvider(req: Request) async throws -> BillingProviderDetails {
        guard let provider = try await req.useCases.billingProvider.get() else {
            throw UseCaseError.notFound("billing provider")
        }
        return provider
    }

    /// Sets the whole billing provider; every problem is named on its field.
    @Sendable func setBillingProvider(req: Request) async throws -> BillingProviderDetails {
        try await req.useCases.billingProvider.set(req.decodeStrict(BillingProviderInput.self))
    }

    /// Every clinician, active or not.
    @Sendable func listClinicians(req: Request) async throws -> [ClinicianDetails] {
        try await req.useCases.clinicians.list()
    }

    /// Adds a clinician.
    @Sendable func createClinician(req: Request) async throws -> Response {
        let content = try await req.useCases.clinicians.create(
            req.decodeStrict(ClinicianInput.self))
        return try await content.encodeResponse(status: .created, for: req)
    }

    /// One clinician.
    @Sendable func getClinician(req: Request) async throws -> ClinicianDetails {
        try await req.useCases.clinicians.get(req.id())
    }

    /// Renames, re-addresses or deactivates a clinician.
    @Sendable func updateClinician(req: Request) async throws -> ClinicianDetails {
        try await req.useCases.clinicians.update(
            req.id(), req.decodeStrict(ClinicianInput.self))
    }

    /// Every service with its current rate and rate history.
    @Sendable func listServices(req: Request) async throws -> [ServiceDetails] {
        try await req.useCases.services.list()
    }

    /// Adds a service with its rate.
    @Sendable func createService(req: Request) async throws -> Response {
        let content = try await req.useCases.services.create(
            req.decodeStrict(ServiceInput.self))
        return try await content.encodeResponse(status: .created, for: req)
    }

    /// One service.
    @Sendable func getService(req: Request) async throws -> ServiceDetails {
        try await req.useCases.services.get(req.id())
    }

    /// Changes a service; a new rate applies from `rateEffectiveFrom` and reprices unbilled sessions.
    @Sendable func updateService(req: Request) async throws -> ServiceDetails {
        try await req.useCases.services.update(
            req.id(), req.decodeStrict(ServiceInput.self))
    }

    /// Deletes an unused service; one in use answers 409 (deactivate it instead).
    @Sendable func deleteService(req: Request) async throws -> HTTPStatus {
        try await req.useCases.services.delete(req.id())
        return .noContent
    }
}

extension Request {
    /// The `:id` path parameter as a UUID; anything else is a 404, like an id that does not exist.
    func id(_ name: String = "id") throws -> UUID {
        guard let text = parameters.get(name), let id = UUID(uuidString: text) else {
            throw UseCaseError.notFound("record")
        }
        return id
    }
}
