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
                clinician, form: nil, notice: req.query[String.self, at: "notice"],
                context: try await req.pageContext(.settings)
            ).render())
    }

    @Sendable func save(req: Request) async throws -> Response {
        let values = try req.formValues()
        let id = try req.id()
        do {
            _ = try await req.useCases.clinicians.update(id, ClinicianPage.input(from: values))
            return req.redirect(to: "/settings/clinicians/\(id)?notice=Saved", redirectType: .normal)
        } catch let error as UseCaseError where error.kind != .notFound {
            var form = FormState(values: values)
            form.absorb(error, fallback: "name")
            let clinician = try await req.useCases.clinicians.get(id)
            return HTMLResponse.make(
                ClinicianPage(clinician, form: form, notice: nil, context: try await req.pageContext(.settings))
                    .render())
        }
    }
}
