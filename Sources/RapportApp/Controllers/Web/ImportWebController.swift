import Foundation
import Vapor

/// Settings → Import: check a client list, a list of repeating appointments or opening balances
/// (nothing written), then import it.
struct ImportWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let imports = routes.grouped("settings", "import")
        let body = HTTPBodyStreamStrategy.collect(maxSize: ImportsController.maximumBody)
        imports.get(use: page).requires(.manageSettings)
        imports.on(.POST, "check", body: body, use: check).requires(.manageSettings)
        imports.on(.POST, body: body, use: importFile).requires(.manageSettings)
    }

    @Sendable func page(req: Request) async throws -> Response {
        try await render(req, form: FormState(), report: nil, notice: try req.queryValue("notice"))
    }

    @Sendable func check(req: Request) async throws -> Response {
        try await run(req, commit: false)
    }

    @Sendable func importFile(req: Request) async throws -> Response {
        try await run(req, commit: true)
    }

    private func run(_ req: Request, commit: Bool) async throws -> Response {
        let values = try req.formValues()
        var form = FormState(values: values)
        let text = values["csv"] ?? ""
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            form.errors["csv"] = "Choose a CSV file, or paste its text"
            return try await render(req, form: form, report: nil, notice: nil)
        }
        guard let kind = ImportKind(rawValue: values["what"] ?? ImportKind.clients.rawValue) else {
            form.errors["what"] = "Choose clients, schedules or opening balances"
            return try await render(req, form: form, report: nil, notice: nil)
        }
        do {
            let report = try await req.useCases.importFile(kind, Data(text.utf8), commit: commit)
            if report.imported {
                let notice =
                    switch kind {
                    case .clients:
                        "Imported: \(report.added) client\(report.added == 1 ? "" : "s") added, \(report.updated) updated."
                    case .schedules:
                        "Imported: \(report.added) schedule\(report.added == 1 ? "" : "s") added as repeating sessions."
                    case .balances:
                        "Imported: \(report.added) opening balance\(report.added == 1 ? "" : "s") added, \(report.updated) replaced."
                    }
                return req.redirect(
                    to: "/settings/import?notice=" + (notice.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""),
                    redirectType: .normal)
            }
            return try await render(req, form: form, report: report, notice: nil)
        } catch let error as UseCaseError where error.kind == .invalid {
            form.absorb(error, fallback: "csv")
            return try await render(req, form: form, report: nil, notice: nil)
        }
    }

    /// A form with problems comes back as a page like any other, the problems beside the fields.
    private func render(
        _ req: Request, form: FormState, report: ImportReport?, notice: String?
    ) async throws -> Response {
        let page = ImportPage(form: form, report: report, notice: notice, context: try await req.pageContext(.settings))
        return HTMLResponse.make(page.render())
    }
}
