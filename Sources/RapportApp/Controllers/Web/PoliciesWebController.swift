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
        policies.get(":policyId", use: policy).requires(.writeBilling).showsClientRecord("policy")
        policies.post(":policyId", use: save).requires(.writeBilling)
        policies.post(":policyId", "delete", use: remove).requires(.writeBilling)
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

    @Sendable func add(req: Request) async throws -> Response {
        let clientID = try req.id()
        let practice = try await req.useCases.practice()
        var form = FormState(values: try req.formValues())
        let input = PolicyForms.input(&form, currency: practice.currency, today: practice.today)
        if form.errors.isEmpty {
            do {
                let policy = try await req.useCases.policies.create(clientID, input)
                return Self.backToTab(req, clientID, notice: "\(policy.payerName) policy added")
            } catch let error as UseCaseError where error.kind != .notFound {
                form.absorb(error, fields: PolicyForms.fields, fallback: "_form")
            }
        }
        return try await render(req, policy: nil, form: form)
    }

    @Sendable func policy(req: Request) async throws -> Response {
        let policy = try await req.useCases.policies.get(req.id(), req.id("policyId"))
        return try await render(req, policy: policy, form: nil, notice: req.query[String.self, at: "notice"])
    }

    @Sendable func save(req: Request) async throws -> Response {
        let (clientID, policyID) = (try req.id(), try req.id("policyId"))
        let practice = try await req.useCases.practice()
        var form = FormState(values: try req.formValues())
        let input = PolicyForms.input(&form, currency: practice.currency, today: practice.today)
        if form.errors.isEmpty {
            do {
                let policy = try await req.useCases.policies.update(clientID, policyID, input)
                return Self.backToTab(req, clientID, notice: "\(policy.payerName) policy saved")
            } catch let error as UseCaseError where error.kind != .notFound {
                form.absorb(error, fields: PolicyForms.fields, fallback: "_form")
            }
        }
        return try await render(req, policy: try await req.useCases.policies.get(clientID, policyID), form: form)
    }

    @Sendable func remove(req: Request) async throws -> Response {
        let (clientID, policyID) = (try req.id(), try req.id("policyId"))
        do {
            let removed = try await req.useCases.policies.delete(clientID, policyID)
            return Self.backToTab(req, clientID, notice: "\(removed.payerName) policy removed")
        } catch let error as UseCaseError where error.kind == .conflict {
            let policy = try await req.useCases.policies.get(clientID, policyID)
            var form = FormState(values: PolicyForms.values(policy))
            form.errors["_form"] = error.message
            return try await render(req, policy: policy, form: form)
        }
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
