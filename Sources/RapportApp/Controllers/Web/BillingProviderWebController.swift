import Vapor

/// Settings → Billing provider: who the practice's claims say bills.
struct BillingProviderWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("settings", "billing-provider", use: page).requires(.manageSettings)
        routes.post("settings", "billing-provider", use: save).requires(.manageSettings)
    }

    @Sendable func page(req: Request) async throws -> Response {
        let provider = try await req.useCases.billingProvider.get()
        let notice = try req.queryValue("notice")
        return try await render(req) { BillingProviderPage(provider, notice: notice, context: $0) }
    }

    @Sendable func save(req: Request) async throws -> Response {
        let values = try req.formValues()
        do {
            _ = try await req.useCases.billingProvider.set(BillingProviderPage.input(from: values))
            return req.redirect(
                to: "/settings/billing-provider?notice=Billing%20provider%20saved", redirectType: .normal)
        } catch let error as UseCaseError where error.kind != .notFound {
            var form = FormState(values: values)
            form.values["taxId"] = nil
            form.absorb(error, fields: BillingProviderPage.formFields, fallback: "_form")
            let provider = try await req.useCases.billingProvider.get()
            return try await render(req) { [form] in
                BillingProviderPage(form: form, taxIDEnding: provider?.taxIdEnding, context: $0)
            }
        }
    }

    private func render(_ req: Request, _ page: (PageContext) -> BillingProviderPage) async throws -> Response {
        HTMLResponse.make(page(try await req.pageContext(.settings)).render())
    }
}
