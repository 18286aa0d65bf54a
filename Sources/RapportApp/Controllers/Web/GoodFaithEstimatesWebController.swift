import Foundation
import Vapor

/// Good Faith Estimates on the web: a client's estimates with Make an estimate, each estimate as
/// the client keeps it (printable), and Billing → Estimates due.
struct GoodFaithEstimatesWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("clients", ":id", "good-faith-estimates", use: list).requires(.readBilling)
            .showsClientRecord("Good Faith Estimates")
        routes.post("clients", ":id", "good-faith-estimates", use: create).requires(.writeBilling)
        routes.get("good-faith-estimates", ":id", use: estimate).requires(.readBilling)
            .showsClientRecord("Good Faith Estimate", from: .goodFaithEstimate)
        routes.get("billing", "good-faith-estimates", use: due).requires(.readBilling)
    }

    @Sendable func list(req: Request) async throws -> Response {
        try await renderList(req, clientID: try req.id(), form: FormState(values: ["periodMonths": "12"]))
    }

    /// Make an estimate; refused, the form again with why beside the field.
    @Sendable func create(req: Request) async throws -> Response {
        let clientID = try req.id()
        var form = FormState(values: try req.formValues())
        do {
            let made = try await req.useCases.goodFaithEstimates.create(
                clientID,
                GoodFaithEstimateInput(
                    periodMonths: Int(form["periodMonths"]), start: nil, requested: form["requested"] == "true"))
            return req.redirect(to: "/good-faith-estimates/\(made.id)", redirectType: .normal)
        } catch let error as UseCaseError where error.kind == .invalid {
            // What the estimate lacks (an NPI, the practice's tax ID…) is listed above the form.
            let missing = error.fields.filter { !["periodMonths", "start", "clientId"].contains($0.key.description) }
            if missing.isEmpty {
                form.absorb(error, fields: ["clientId": "periodMonths", "start": "periodMonths"], fallback: "periodMonths")
            } else {
                form.errors["_form"] = "Not made: " + Set(missing.values).sorted().joined(separator: "; ") + "."
            }
        }
        return try await renderList(req, clientID: clientID, form: form)
    }

    @Sendable func estimate(req: Request) async throws -> Response {
        let details = try await req.useCases.goodFaithEstimates.get(try req.id())
        return HTMLResponse.make(
            GoodFaithEstimatePage(details: details, context: try await req.pageContext(.clients)).render())
    }

    @Sendable func due(req: Request) async throws -> Response {
        let due = try await req.useCases.goodFaithEstimates.due()
        let today = try await req.useCases.practice().today
        return HTMLResponse.make(
            EstimatesDuePage(due: due, today: today, context: try await req.pageContext(.billing)).render())
    }

    private func renderList(_ req: Request, clientID: UUID, form: FormState) async throws -> Response {
        let client = try await req.useCases.clients.get(clientID)
        let estimates = try await req.useCases.goodFaithEstimates.list(clientID)
        return HTMLResponse.make(
            GoodFaithEstimateListPage(
                clientID: clientID, clientName: "\(client.firstName) \(client.lastName)", estimates: estimates,
                form: form, context: try await req.pageContext(.clients)
            ).render())
    }
}
