import RapportCore
import Vapor

/// Settings → Payers: the insurers the practice bills, each with its contracted rates.
struct PayersWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let payers = routes.grouped("settings", "payers")
        payers.get(use: list).requires(.manageSettings)
        payers.post(use: add).requires(.manageSettings)
        payers.get(":id", use: payer).requires(.manageSettings)
        payers.post(":id", use: save).requires(.manageSettings)
        payers.post(":id", "rates", use: previewRate).requires(.manageSettings)
        payers.post(":id", "rates", "apply", use: setRate).requires(.manageSettings)
    }

    @Sendable func list(req: Request) async throws -> Response {
        try await renderList(req, form: PayerForms.newPayer, notice: try req.queryValue("notice"))
    }

    @Sendable func add(req: Request) async throws -> Response {
        let values = try req.formValues()
        do {
            let payer = try await req.useCases.payers.create(PayerForms.input(from: values))
            return req.redirect(to: "/settings/payers/\(payer.id)?notice=Payer%20added", redirectType: .normal)
        } catch let error as UseCaseError where error.kind != .notFound {
            var form = FormState(values: values)
            form.absorb(error, fields: AddressFields.fields("address"), fallback: "name")
            return try await renderList(req, form: form, notice: nil)
        }
    }

    @Sendable func payer(req: Request) async throws -> Response {
        try await renderPayer(req, forms: nil, notice: try req.queryValue("notice"))
    }

    @Sendable func save(req: Request) async throws -> Response {
        let values = try req.formValues()
        let id = try req.id()
        do {
            _ = try await req.useCases.payers.update(id, PayerForms.input(from: values))
            return req.redirect(to: "/settings/payers/\(id)?notice=Saved", redirectType: .normal)
        } catch let error as UseCaseError where error.kind != .notFound {
            var form = FormState(values: values)
            form.absorb(error, fields: AddressFields.fields("address"), fallback: "name")
            return try await renderPayer(req, forms: (form, nil), notice: nil)
        }
    }

    /// A contracted rate is previewed first, like a fee: which unbilled sessions of the payer's
    /// clients then have another allowed amount or share; Confirm sets it (``setRate(req:)``).
    @Sendable func previewRate(req: Request) async throws -> Response {
        try await rate(req, apply: false)
    }

    @Sendable func setRate(req: Request) async throws -> Response {
        try await rate(req, apply: true)
    }

    private func rate(_ req: Request, apply: Bool) async throws -> Response {
        let values = try req.formValues()
        let id = try req.id()
        let practice = try await req.useCases.practice()
        var form = FormState(values: values, idPrefix: "rate-")
        let amount = form.money("amount", currency: practice.currency)
        let from = form.optionalDate("effectiveFrom", example: practice.today)
        let service = values["serviceId"].flatMap { UUID(uuidString: $0) }
        if service == nil { form.errors["serviceId"] = "Choose a service" }
        if let amount, let service, form.errors.isEmpty {
            let input = PayerRateInput(serviceId: service, amount: amount, effectiveFrom: from)
            do {
                guard apply else {
                    let report = try await req.useCases.payerRateChanges.preview(id, input)
                    let payer = try await req.useCases.payers.get(id)
                    let code = try await req.useCases.services.get(service).code
                    let page = CoveragePreviewPage(
                        report: report, subject: "\(payer.name)’s rate for \(code)",
                        nothing: "No unbilled session’s allowed amount or client’s share changes.",
                        applyURL: "/settings/payers/\(id)/rates/apply", cancelURL: "/settings/payers/\(id)",
                        carried: values, context: try await req.pageContext(.settings))
                    return HTMLResponse.make(page.render())
                }
                _ = try await req.useCases.payerRateChanges.apply(id, input)
                return req.redirect(to: "/settings/payers/\(id)?notice=Rate%20saved", redirectType: .normal)
            } catch let error as UseCaseError where error.kind != .notFound {
                form.absorb(error, fallback: "amount")
            }
        }
        return try await renderPayer(req, forms: (nil, form), notice: nil)
    }

    private func renderList(_ req: Request, form: FormState, notice: String?) async throws -> Response {
        let page = PayerListPage(
            payers: try await req.useCases.payers.list(), form: form, notice: notice,
            context: try await req.pageContext(.settings))
        return HTMLResponse.make(page.render())
    }

    private func renderPayer(
        _ req: Request, forms: (payer: FormState?, rate: FormState?)?, notice: String?
    )
        async throws -> Response
    {
        let payer = try await req.useCases.payers.get(req.id())
        let services = try await req.useCases.services.list().filter(\.active)
        let page = PayerPage(
            payer: payer, services: services, payerForm: forms?.payer, rateForm: forms?.rate, notice: notice,
            context: try await req.pageContext(.settings))
        return HTMLResponse.make(page.render())
    }
}
