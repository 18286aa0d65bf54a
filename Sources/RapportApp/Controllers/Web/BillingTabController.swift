import RapportCore
import Vapor

/// The client's Billing and Insurance tab: Save shows the preview; Confirm applies and re-issues.
struct BillingTabController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("clients", ":id", "billing", "preview", use: preview).requires(.writeBilling)
        routes.post("clients", ":id", "billing", "apply", use: apply).requires(.writeBilling)
        routes.post("clients", ":id", "diagnoses", use: saveDiagnoses).requires(.writeClients)
    }

    static func render(
        _ req: Request, clientID: UUID, form: FormState?, diagnosisForm: FormState? = nil,
        selfPayForm: FormState? = nil, notice: String? = nil
    ) async throws -> Response {
        let client = try await req.useCases.clients.get(clientID)
        let billing = try await req.useCases.billingRules.get(clientID)
        let services = try await req.useCases.services.list().filter(\.active)
        let insurance = InsuranceSection(
            clientID: clientID, policies: try await req.useCases.policies.list(clientID),
            today: try await req.useCases.practice().today, selfPay: client.selfPay,
            csrf: try await req.pageContext(.clients).csrf, form: selfPayForm)
        var page = BillingTabPage(
            client: client, billing: billing, services: services, form: form, insurance: insurance,
            diagnoses: try await req.useCases.diagnoses.get(clientID), diagnosisForm: diagnosisForm,
            context: try await req.pageContext(.clients))
        page.notice = notice
        return HTMLResponse.make(page.render())
    }

    /// Sets the client's diagnosis list; a problem is shown beside the codes or the date.
    @Sendable func saveDiagnoses(req: Request) async throws -> Response {
        let clientID = try req.id()
        let values = try req.formValues()
        var form = FormState(values: values, idPrefix: "dx-")
        var input = DiagnosesSection.input(from: values)
        input.effectiveFrom = form.optionalDate("effectiveFrom", example: try await req.useCases.practice().today)
        if form.errors.isEmpty {
            do {
                _ = try await req.useCases.diagnoses.set(clientID, input)
                return req.redirect(to: "/clients/\(clientID)/edit?tab=billing", redirectType: .normal)
            } catch let error as UseCaseError where error.kind != .notFound {
                form.absorb(error, fields: ["codes": "codes"], fallback: "codes")
            }
        }
        return try await Self.render(req, clientID: clientID, form: nil, diagnosisForm: form)
    }

    /// What Save would do: sessions that change, typed fees kept, invoices that now differ.
    @Sendable func preview(req: Request) async throws -> Response {
        let clientID = try req.id()
        let values = try req.formValues()
        let change: BillingChangeInput
        do {
            change = try await changeInput(req, clientID: clientID, values: values)
        } catch let problem as FormProblem {
            return try await Self.render(req, clientID: clientID, form: problem.form)
        }
        do {
            let report = try await req.useCases.billingChanges.preview(change)
            let client = try await req.useCases.clients.get(clientID)
            let page = BillingPreviewPage(
                report: report, subject: "\(client.firstName) \(client.lastName)",
                applyURL: "/clients/\(clientID)/billing/apply", cancelURL: "/clients/\(clientID)/edit?tab=billing",
                carried: values, context: try await req.pageContext(.clients))
            return HTMLResponse.make(page.render())
        } catch let error as UseCaseError where error.kind != .notFound {
            var form = FormState(values: values)
            form.absorb(
                error, fields: ["effectiveFrom": "effectiveFrom", "defaultServiceId": "defaultServiceId"],
                fallback: "_form")
            return try await Self.render(req, clientID: clientID, form: form)
        }
    }

    /// Confirm: applies the change and re-issues the invoices ticked on the preview.
    @Sendable func apply(req: Request) async throws -> Response {
        let clientID = try req.id()
        let values = try req.formValues()
        do {
            var change = try await changeInput(req, clientID: clientID, values: values)
            change.reissue = Self.tickedReissues(values)
            change.reestimate = values["reestimate"] == "true"
            // One transaction: the change and the ticked re-issues land together or not at all.
            let report = try await req.useCases.billingChanges.apply(change)
            let reissued = report.reissued.count
            let notice =
                "Saved. \(report.sessionsRepriced) session\(report.sessionsRepriced == 1 ? "" : "s") now bill\(report.sessionsRepriced == 1 ? "s" : "") at the new price"
                + (reissued > 0 ? "; \(reissued) invoice\(reissued == 1 ? "" : "s") re-issued" : "")
                + Self.reestimated(report) + "."
            return req.redirect(
                to: "/clients/\(clientID)?notice="
                    + (notice.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""), redirectType: .normal
            )
        } catch let problem as FormProblem {
            return try await Self.render(req, clientID: clientID, form: problem.form)
        } catch let error as UseCaseError where error.kind != .notFound {
            var form = FormState(values: values)
            form.absorb(error, fallback: "_form")
            return try await Self.render(req, clientID: clientID, form: form)
        }
    }

    /// What Confirm said of the Good Faith Estimates it renewed, if any.
    static func reestimated(_ report: BillingChangeReport) -> String {
        let renewed = report.estimatesChanged.filter { $0.newEstimateId != nil }.count
        return renewed == 0 ? "" : "; \(renewed) new Good Faith Estimate\(renewed == 1 ? "" : "s") given"
    }

    /// The invoices ticked for re-issue on a preview (the `reissue` checkboxes), nil when none.
    static func tickedReissues(_ values: [String: String]) -> ReissueChoice? {
        let ids = (values["reissue"] ?? "").split(separator: ",").compactMap { UUID(uuidString: String($0)) }
        return ids.isEmpty ? nil : .invoices(ids)
    }

    struct FormProblem: Error { let form: FormState }

    /// The change the form asks for: only what differs from the client's current settings.
    private func changeInput(
        _ req: Request, clientID: UUID, values: [String: String]
    ) async throws -> BillingChangeInput {
        let practice = try await req.useCases.practice()
        let current = try await req.useCases.billingRules.get(clientID)
        var form = FormState(values: values)
        var change = BillingChangeInput(clientId: clientID)
        let chosen = UUID(uuidString: values["defaultServiceId"] ?? "")
        if chosen != current.defaultServiceId { change.defaultServiceId = chosen.map { .set($0) } ?? .clear }
        var fees: [ClientBillingPatch.FeeChange] = []
        for (key, text) in values where key.hasPrefix("fee-") {
            guard let serviceID = UUID(uuidString: String(key.dropFirst(4))) else { continue }
            let existing = current.fees.first { $0.serviceId == serviceID }?.amount
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                if existing != nil { fees.append(.init(serviceId: serviceID, amount: nil)) }
            } else if let amount = TypedMoney.parse(trimmed, currency: practice.currency) {
                if amount.isNegative {
                    form.errors[key] = "A fee cannot be negative"
                } else if amount != existing {
                    fees.append(.init(serviceId: serviceID, amount: amount))
                }
            } else {
                form.errors[key] = TypedMoney.problem(trimmed, currency: practice.currency)
            }
        }
        change.fees = fees.isEmpty ? nil : fees
        change.effectiveFrom = form.optionalDate("effectiveFrom", example: practice.today)
        if form.errors.isEmpty, change.defaultServiceId == nil, change.fees == nil {
            form.errors["_form"] = "Nothing changed."
        }
        guard form.errors.isEmpty else { throw FormProblem(form: form) }
        return change
    }
}
