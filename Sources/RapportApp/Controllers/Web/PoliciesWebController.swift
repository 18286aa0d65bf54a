import Foundation
import Vapor

/// A client's policies on the web: add, change or remove one, and its prior authorizations. Each
/// problem is shown beside its field, with what was typed kept.
struct PoliciesWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post("clients", ":id", "self-pay", use: setSelfPay).requires(.writeBilling)
        let policies = routes.grouped("clients", ":id", "policies")
        policies.get("new", use: newPolicy).requires(.writeBilling).showsClientRecord("new policy")
        policies.post(use: add).requires(.writeBilling)
        policies.post("apply", use: applyAdd).requires(.writeBilling)
        policies.get(":policyId", use: policy).requires(.writeBilling).showsClientRecord("policy")
        policies.post(":policyId", use: save).requires(.writeBilling)
        policies.post(":policyId", "apply", use: applySave).requires(.writeBilling)
        policies.post(":policyId", "delete", use: remove).requires(.writeBilling)
        policies.post(":policyId", "delete", "apply", use: applyRemove).requires(.writeBilling)
        policies.post(":policyId", "authorizations", use: addAuthorization).requires(.writeBilling)
        policies.post(":policyId", "authorizations", ":authorizationId", "delete", use: removeAuthorization)
            .requires(.writeBilling)
    }

    /// Whether the client's sessions bill their insurance or the client.
    @Sendable func setSelfPay(req: Request) async throws -> Response {
        let clientID = try req.id()
        let values = try req.formValues()
        guard let choice = values["selfPay"], ["true", "false"].contains(choice) else {
            let form = FormState(values: values, errors: ["selfPay": "Choose who the client's sessions bill"])
            return try await BillingTabController.render(req, clientID: clientID, form: nil, selfPayForm: form)
        }
        let client = try await req.useCases.policies.setSelfPay(clientID, SelfPayInput(selfPay: choice == "true"))
        return Self.backToTab(
            req, clientID,
            notice: client.selfPay
                ? "Saved: \(client.firstName)'s sessions bill the client" : "Saved: sessions bill insurance when covered")
    }

    @Sendable func newPolicy(req: Request) async throws -> Response {
        try await render(req, policy: nil, form: nil)
    }

    /// Add policy: shows what it will do; Confirm applies it.
    @Sendable func add(req: Request) async throws -> Response {
        try await change(req, policyID: nil, apply: false)
    }

    @Sendable func applyAdd(req: Request) async throws -> Response {
        try await change(req, policyID: nil, apply: true)
    }

    @Sendable func policy(req: Request) async throws -> Response {
        let policy = try await req.useCases.policies.get(req.id(), req.id("policyId"))
        return try await render(req, policy: policy, form: nil, notice: try req.queryValue("notice"))
    }

    /// Save policy: shows what the change will do; Confirm applies it.
    @Sendable func save(req: Request) async throws -> Response {
        try await change(req, policyID: try req.id("policyId"), apply: false)
    }

    @Sendable func applySave(req: Request) async throws -> Response {
        try await change(req, policyID: try req.id("policyId"), apply: true)
    }

    /// Adds or changes a policy as the form says: first the preview (which sessions will bill
    /// someone else, which invoices and claims then differ), then, confirmed, the change itself.
    private func change(_ req: Request, policyID: UUID?, apply: Bool) async throws -> Response {
        let clientID = try req.id()
        let practice = try await req.useCases.practice()
        let values = try req.formValues()
        var form = FormState(values: values)
        let input = PolicyForms.input(&form, currency: practice.currency, today: practice.today)
        var existing: PolicyDetails?
        if let policyID { existing = try await req.useCases.policies.get(clientID, policyID) }
        if form.errors.isEmpty {
            let change: CoverageChanges.Change = policyID.map { .update($0, input) } ?? .create(input)
            do {
                guard apply else {
                    let base = "/clients/\(clientID)/policies" + (policyID.map { "/\($0)" } ?? "")
                    return try await preview(
                        req, clientID: clientID, change: change, applyURL: base + "/apply", cancelURL: base + (policyID == nil ? "/new" : ""),
                        carried: values)
                }
                let policy = try await req.useCases.coverageChanges.apply(clientID, change)
                return Self.backToTab(
                    req, clientID, notice: "\(policy.payerName) policy \(policyID == nil ? "added" : "saved")")
            } catch let error as UseCaseError where error.kind != .notFound {
                form.absorb(error, fields: PolicyForms.fields, fallback: "_form")
            }
        }
        return try await render(req, policy: existing, form: form)
    }

    /// Remove policy: shows what removing it will do; Confirm removes it.
    @Sendable func remove(req: Request) async throws -> Response {
        try await removal(req, apply: false)
    }

    @Sendable func applyRemove(req: Request) async throws -> Response {
        try await removal(req, apply: true)
    }

    private func removal(_ req: Request, apply: Bool) async throws -> Response {
        let (clientID, policyID) = (try req.id(), try req.id("policyId"))
        do {
            guard apply else {
                let base = "/clients/\(clientID)/policies/\(policyID)"
                return try await preview(
                    req, clientID: clientID, change: .delete(policyID), applyURL: base + "/delete/apply",
                    cancelURL: base, carried: [:])
            }
            let removed = try await req.useCases.coverageChanges.apply(clientID, .delete(policyID))
            return Self.backToTab(req, clientID, notice: "\(removed.payerName) policy removed")
        } catch let error as UseCaseError where error.kind == .conflict {
            let policy = try await req.useCases.policies.get(clientID, policyID)
            var form = FormState(values: PolicyForms.values(policy))
            form.errors["_form"] = error.message
            return try await render(req, policy: policy, form: form)
        }
    }

    private func preview(
        _ req: Request, clientID: UUID, change: CoverageChanges.Change, applyURL: String, cancelURL: String,
        carried: [String: String]
    ) async throws -> Response {
        let report = try await req.useCases.coverageChanges.preview(clientID, change)
        let client = try await req.useCases.clients.get(clientID)
        let page = CoveragePreviewPage(
            report: report, subject: "\(client.firstName) \(client.lastName)'s insurance", applyURL: applyURL,
            cancelURL: cancelURL, carried: carried, context: try await req.pageContext(.clients))
        return HTMLResponse.make(page.render())
    }

    @Sendable func addAuthorization(req: Request) async throws -> Response {
        let (clientID, policyID) = (try req.id(), try req.id("policyId"))
        let practice = try await req.useCases.practice()
        var form = FormState(values: try req.formValues(), idPrefix: "auth-")
        let input = PolicyForms.authorization(&form, today: practice.today)
        if form.errors.isEmpty {
            do {
                _ = try await req.useCases.policies.addAuthorization(clientID, policyID, input)
                return req.redirect(
                    to: "/clients/\(clientID)/policies/\(policyID)?notice=Authorization%20added", redirectType: .normal)
            } catch let error as UseCaseError where error.kind != .notFound {
                form.absorb(error, fallback: "number")
            }
        }
        let policy = try await req.useCases.policies.get(clientID, policyID)
        return try await render(req, policy: policy, form: nil, authorizationForm: form)
    }

    @Sendable func removeAuthorization(req: Request) async throws -> Response {
        let (clientID, policyID) = (try req.id(), try req.id("policyId"))
        _ = try await req.useCases.policies.deleteAuthorization(clientID, policyID, req.id("authorizationId"))
        return req.redirect(
            to: "/clients/\(clientID)/policies/\(policyID)?notice=Authorization%20removed", redirectType: .normal)
    }

    private static func backToTab(_ req: Request, _ clientID: UUID, notice: String) -> Response {
        let encoded = notice.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        return req.redirect(to: "/clients/\(clientID)/edit?tab=billing&notice=\(encoded)", redirectType: .normal)
    }

    private func render(
        _ req: Request, policy: PolicyDetails?, form: FormState?, authorizationForm: FormState? = nil,
        notice: String? = nil
    ) async throws -> Response {
        let client = try await req.useCases.clients.get(req.id())
        let page = PolicyPage(
            clientID: client.id, clientName: "\(client.firstName) \(client.lastName)", policy: policy,
            payers: try await req.useCases.payers.list(), form: form, authorizationForm: authorizationForm,
            notice: notice, context: try await req.pageContext(.clients))
        return HTMLResponse.make(page.render())
    }
}
