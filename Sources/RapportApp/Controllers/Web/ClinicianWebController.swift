import Vapor

/// Settings → a clinician: name, email, and what claims say of them (NPI, taxonomy, licence).
struct ClinicianWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("settings", "clinicians", ":id", use: page).requires(.manageSettings)
        routes.post("settings", "clinicians", ":id", use: save).requires(.manageSettings)
    }

    @Sendable func page(req: Request) async throws -> Response {
        let clinician = try await req.useCases.clinicians.get(req.id())
        return HTMLResponse.make(
            ClinicianPage(
                clinician, form: nil, notice: try req.queryValue("notice"),
                context: try await req.pageContext(.settings)
            ).render())
    }

    @Sendable func save(req: Request) async throws -> Response {
        let values = try req.formValues()
        let id = try req.id()
        var form = FormState(values: values)
        let spans = ClinicianPage.workingHours(from: values, problems: &form.errors)
        guard form.errors.isEmpty else { return try await render(req, id: id, form: form) }
        var input = ClinicianPage.input(from: values)
        input.workingHours = spans.map(\.entry)
        do {
            _ = try await req.useCases.clinicians.update(id, input)
            return req.redirect(to: "/settings/clinicians/\(id)?notice=Saved", redirectType: .normal)
        } catch let error as UseCaseError where error.kind != .notFound {
            // A span's problem goes beside its own fields in the form.
            let fields = Dictionary(
                spans.enumerated().map { (FieldPath.item("workingHours", $0.offset), $0.element.field) },
                uniquingKeysWith: { first, _ in first })
            form.absorb(error, fields: fields, fallback: "name")
            return try await render(req, id: id, form: form)
        }
    }

    private func render(_ req: Request, id: UUID, form: FormState) async throws -> Response {
        let clinician = try await req.useCases.clinicians.get(id)
        return HTMLResponse.make(
            ClinicianPage(clinician, form: form, notice: nil, context: try await req.pageContext(.settings)).render())
    }
}
