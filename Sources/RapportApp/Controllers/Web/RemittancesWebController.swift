import Foundation
import Vapor

/// Billing → Remittances: upload a payer's 835, review what it posts, Post; Needs attention; and
/// each posted remittance.
struct RemittancesWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let remittances = routes.grouped("billing", "remittances")
        let body = HTTPBodyStreamStrategy.collect(maxSize: RemittancesController.maximumBody)
        remittances.get(use: list).requires(.readBilling)
        remittances.on(.POST, "preview", body: body, use: preview).requires(.writeBilling)
        remittances.on(.POST, body: body, use: post).requires(.writeBilling)
        remittances.get(":id", use: remittance).requires(.readBilling)
        remittances.post("exceptions", ":id", "resolve", use: resolve).requires(.writeBilling)
    }

    /// A decision on an exception from Needs attention; refused, the list again with why beside it.
    @Sendable func resolve(req: Request) async throws -> Response {
        let id = try req.id()
        var form = FormState(values: try req.formValues(), idPrefix: "\(id)-")
        var claimID: UUID?
        if form["action"] == "matchClaim" {
            if let number = Int(form["claimNumber"].trimmingCharacters(in: .whitespaces)) {
                claimID = try await req.useCases.claims.id(number: number)
                if claimID == nil { form.errors["claimNumber"] = "No claim has that number" }
            } else {
                form.errors["claimNumber"] = "Type the number of the claim this payment is for"
            }
        }
        if form.errors.isEmpty {
            do {
                let resolved = try await req.useCases.remittanceExceptions.resolve(
                    id,
                    RemittanceExceptionResolution(
                        action: form["action"], claimId: claimID, reason: form["reason"].isEmpty ? nil : form["reason"]))
                let notice = "Resolved: " + (resolved.resolution ?? "")
                return req.redirect(
                    to: "/billing/remittances?notice="
                        + (notice.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""),
                    redirectType: .normal)
            } catch let error as UseCaseError where [.invalid, .conflict].contains(error.kind) {
                form.absorb(error, fields: ["claimId": "claimNumber"], fallback: "reason")
            }
        }
        return try await renderList(req, form: FormState(), notice: nil, resolving: (id, form))
    }

    @Sendable func list(req: Request) async throws -> Response {
        try await renderList(req, form: FormState(), notice: try req.queryValue("notice"))
    }

    /// Review: what posting the file does, with Post carrying it.
    @Sendable func preview(req: Request) async throws -> Response {
        let values = try req.formValues()
        let x12 = values["x12"] ?? ""
        do {
            let details = try await req.useCases.remittanceImport.preview(RemittanceInput(x12: x12))
            let page = RemittancePage(details: details, x12: x12, notice: nil, context: try await req.pageContext(.billing))
            return HTMLResponse.make(page.render())
        } catch let error as UseCaseError where [.invalid, .conflict].contains(error.kind) {
            return try await renderList(req, form: Self.refused(error, x12: x12), notice: nil)
        }
    }

    @Sendable func post(req: Request) async throws -> Response {
        let values = try req.formValues()
        let x12 = values["x12"] ?? ""
        do {
            let posted = try await req.useCases.remittanceImport.post(RemittanceInput(x12: x12))
            let problems = posted.exceptions.count
            let notice =
                "Posted \(posted.claims.count) claim payment\(posted.claims.count == 1 ? "" : "s")"
                + (problems > 0 ? "; \(problems) need\(problems == 1 ? "s" : "") attention." : ".")
            return req.redirect(
                to: "/billing/remittances/\(posted.id?.uuidString ?? "")?notice="
                    + (notice.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""),
                redirectType: .normal)
        } catch let error as UseCaseError where [.invalid, .conflict].contains(error.kind) {
            return try await renderList(req, form: Self.refused(error, x12: x12), notice: nil)
        }
    }

    @Sendable func remittance(req: Request) async throws -> Response {
        let details = try await req.useCases.remittances.get(req.id())
        let page = RemittancePage(
            details: details, x12: nil, notice: try req.queryValue("notice"),
            context: try await req.pageContext(.billing))
        return HTMLResponse.make(page.render())
    }

    /// The upload form again, with why the file was refused beside it.
    private static func refused(_ error: UseCaseError, x12: String) -> FormState {
        var form = FormState(values: ["x12": x12])
        form.absorb(error, fallback: "x12")
        return form
    }

    private func renderList(
        _ req: Request, form: FormState, notice: String?, resolving: (id: UUID, form: FormState)? = nil
    ) async throws -> Response {
        let useCases = try req.useCases
        let page = RemittanceListPage(
            remittances: try await useCases.remittances.list(try Page(limit: 100, offset: 0)),
            exceptions: try await useCases.remittances.openExceptions(), form: form, resolving: resolving,
            notice: notice,
            canPost: useCases.actor.role?.permissions.contains(.writeBilling) ?? false,
            context: try await req.pageContext(.billing))
        return HTMLResponse.make(page.render())
    }
}
