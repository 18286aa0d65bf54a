import Vapor

/// `/export`: choose what to export and download it as CSV (streamed); a bad date comes back as the
/// form with a sentence beside the field.
struct ExportWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("export", use: page).requires(.exportData)
        routes.get("export", "file", use: file).requires(.exportData)
    }

    @Sendable func page(req: Request) async throws -> Response {
        try await render(req, form: FormState(values: ["dataset": ExportDataset.sessions.rawValue]))
    }

    @Sendable func file(req: Request) async throws -> Response {
        let values = ["dataset", "from", "to"].reduce(into: [String: String]()) { values, name in
            values[name] = req.query[String.self, at: name] ?? ""
        }
        var form = FormState(values: values)
        guard let dataset = ExportDataset(rawValue: values["dataset"] ?? "") else {
            form.errors["dataset"] = "Choose clients, sessions, invoices or payments"
            return try await render(req, form: form, status: .unprocessableEntity)
        }
        do {
            // An empty date field means no bound.
            let bound = { (name: String) in values[name].flatMap { $0.isEmpty ? nil : $0 } }
            return try await req.csvExport(dataset, from: bound("from"), to: bound("to"))
        } catch let error as UseCaseError where error.kind == .invalid {
            for (field, problem) in error.fields { form.errors[field.description] = "This " + problem }
            return try await render(req, form: form, status: .unprocessableEntity)
        }
    }

    private func render(_ req: Request, form: FormState, status: HTTPResponseStatus = .ok) async throws -> Response {
        var context = try await req.pageContext(.settings)
        if !context.showsSettings { context.section = .billing }
        let response = HTMLResponse.make(ExportPage(form: form, context: context).render())
        response.status = status
        return response
    }
}
