import Vapor

/// `/export`: choose what to export; the page then offers the file as a download link (a form
/// cannot download without navigating away). `/export/file` streams the CSV; a bad date comes
/// back as the form with a sentence beside the field.
struct ExportWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("export", use: page).requires(.exportData)
        routes.get("export", "file", use: file).requires(.exportData)
    }

    @Sendable func page(req: Request) async throws -> Response {
        guard let chosen = try req.queryValue("dataset") else {
            return try await render(req, form: FormState(values: ["dataset": ExportDataset.sessions.rawValue]))
        }
        var form = FormState(values: try Self.values(req))
        guard let dataset = ExportDataset(rawValue: chosen) else {
            form.errors["dataset"] = "Choose clients, sessions, invoices or payments"
            return try await render(req, form: form)
        }
        let bound = { (name: String) in form[name].isEmpty ? nil : form[name] }
        do {
            let file = try req.useCases.dataExport.check(dataset, from: bound("from"), to: bound("to"))
            return try await render(req, form: form, download: (Self.fileLink(form), file))
        } catch let error as UseCaseError where error.kind == .invalid {
            for (field, problem) in error.fields { form.errors[field.description] = "This " + problem }
            return try await render(req, form: form)
        }
    }

    private static func values(_ req: Request) throws -> [String: String] {
        try ["dataset", "from", "to"].reduce(into: [String: String]()) { values, name in
            values[name] = try req.queryValue(name) ?? ""
        }
    }

    private static func fileLink(_ form: FormState) -> String {
        var components = URLComponents()
        components.path = "/export/file"
        components.queryItems = ["dataset", "from", "to"].map { URLQueryItem(name: $0, value: form[$0]) }
        return components.string ?? "/export/file"
    }

    @Sendable func file(req: Request) async throws -> Response {
        let values = try Self.values(req)
        var form = FormState(values: values)
        guard let dataset = ExportDataset(rawValue: values["dataset"] ?? "") else {
            form.errors["dataset"] = "Choose clients, sessions, invoices or payments"
            return try await render(req, form: form)
        }
        do {
            // An empty date field means no bound.
            let bound = { (name: String) in values[name].flatMap { $0.isEmpty ? nil : $0 } }
            return try await req.csvExport(dataset, from: bound("from"), to: bound("to"))
        } catch let error as UseCaseError where error.kind == .invalid {
            for (field, problem) in error.fields { form.errors[field.description] = "This " + problem }
            return try await render(req, form: form)
        }
    }

    private func render(_ req: Request, form: FormState, download: (link: String, name: String)? = nil)
        async throws -> Response
    {
        var context = try await req.pageContext(.settings)
        if !context.showsSettings { context.section = .billing }
        return HTMLResponse.make(ExportPage(form: form, download: download, context: context).render())
    }
}
