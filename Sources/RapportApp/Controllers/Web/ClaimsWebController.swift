import Foundation
import Vapor

/// Billing → Claims and Batches, a client's Create claims, and Settings → Clearinghouse.
struct ClaimsWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let claims = routes.grouped("billing", "claims")
        claims.get(use: list).requires(.readBilling)
        claims.post("send", use: send).requires(.writeBilling)
        claims.get(":id", use: claim).requires(.readBilling).showsClientRecord("claim", from: .claim)
        claims.get(":id", "cms1500", use: form).requires(.readBilling).showsClientRecord("CMS-1500", from: .claim)
        claims.post(":id", "delete", use: remove).requires(.writeBilling)
        claims.post(":id", "amend", use: amend).requires(.writeBilling)
        routes.get("billing", "claim-batches", use: batches).requires(.readBilling)
        routes.get("billing", "claim-batches", ":id", "837", use: file).requires(.readBilling)
        routes.post("clients", ":id", "claims", use: create).requires(.writeBilling)
        routes.get("settings", "clearinghouse", use: clearinghouse).requires(.manageSettings)
        routes.post("settings", "clearinghouse", use: saveClearinghouse).requires(.manageSettings)
    }

    @Sendable func list(req: Request) async throws -> Response {
        try await renderList(req, notice: try req.queryValue("notice"), problem: nil)
    }

    /// The claims the address's filters choose: a status, payer or client that does not read is said
    /// beside its filter (the client, which has none, above the list) and nothing is listed (422),
    /// never every claim in its place.
    private func renderList(_ req: Request, notice: String?, problem: String?) async throws -> Response {
        var filters = FormState(values: try req.queryValues())
        let status = filters.optionalChoice("status", among: Claims.statuses, problem: "Choose a status from the list")
        let payer = filters.optionalID("payerId", problem: "Choose a payer from the list")
        let client = filters.optionalID("clientId", problem: "The clientId in the address is not a client id")
        var claims: [ClaimDetails] = []
        if filters.errors.isEmpty {
            claims = try await req.useCases.claims.list(
                .init(status: status, payerID: payer, clientID: client, page: try Page(limit: 200, offset: 0)))
        }
        let page = ClaimListPage(
            claims: claims, payers: try await req.useCases.payers.list(), followUp: try await req.useCases.claims.followUp(),
            filters: filters, notice: notice, problem: problem ?? filters.errors["clientId"],
            context: try await req.pageContext(.billing))
        return HTMLResponse.make(page.render(), status: filters.errors.isEmpty ? .ok : .unprocessableEntity)
    }

    /// Create claims on a client's page: every past session of theirs that bills an insurer.
    @Sendable func create(req: Request) async throws -> Response {
        let clientID = try req.id()
        do {
            let claims = try await req.useCases.claimMaking.create(ClaimsInput(clientId: clientID))
            let notice = "\(claims.count) claim\(claims.count == 1 ? "" : "s") made"
            return req.redirect(
                to: "/billing/claims?clientId=\(clientID)&notice=" + Self.encoded(notice), redirectType: .normal)
        } catch let error as UseCaseError where error.kind != .notFound {
            return try await ClientOverviewPage.render(req, clientID: clientID, notice: nil, formError: error.message)
        }
    }

    @Sendable func send(req: Request) async throws -> Response {
        do {
            let batches = try await req.useCases.claimBatches.create(ClaimBatchInput())
            let claims = batches.reduce(0) { $0 + $1.claimCount }
            let notice = "Sent \(claims) claim\(claims == 1 ? "" : "s") in \(batches.count) batch\(batches.count == 1 ? "" : "es")"
            return req.redirect(to: "/billing/claim-batches?notice=" + Self.encoded(notice), redirectType: .normal)
        } catch let error as UseCaseError where error.kind != .notFound {
            return try await renderList(req, notice: nil, problem: error.message)
        }
    }

    @Sendable func claim(req: Request) async throws -> Response {
        try await renderClaim(req, notice: try req.queryValue("notice"), problem: nil)
    }

    private func renderClaim(
        _ req: Request, notice: String?, problem: String?, amendForm: FormState? = nil
    ) async throws -> Response {
        let page = ClaimPage(
            claim: try await req.useCases.claims.get(req.id()), notice: notice, problem: problem, amendForm: amendForm,
            context: try await req.pageContext(.billing))
        return HTMLResponse.make(page.render())
    }

    /// Void or Send a corrected claim, from a sent claim's page.
    @Sendable func amend(req: Request) async throws -> Response {
        let values = try req.formValues()
        var form = FormState(values: values)
        let input = ClaimCorrectionInput(payerClaimNumber: values["payerClaimNumber"] ?? "")
        do {
            let made: ClaimDetails
            switch values["action"] {
            case "void": made = try await req.useCases.claims.void(req.id(), input)
            case "correct": made = try await req.useCases.claims.correct(req.id(), input)
            default:
                form.errors["payerClaimNumber"] = "Choose Void or Send a corrected claim"
                return try await renderClaim(req, notice: nil, problem: nil, amendForm: form)
            }
            let what = made.frequency == "void" ? "Void" : "Corrected claim"
            return req.redirect(
                to: "/billing/claims/\(made.id)?notice=" + Self.encoded("\(what) #\(made.number) made: it goes in the next batch"),
                redirectType: .normal)
        } catch let error as UseCaseError where error.kind != .notFound {
            form.absorb(error, fallback: "payerClaimNumber")
            return try await renderClaim(req, notice: nil, problem: nil, amendForm: form)
        }
    }

    @Sendable func remove(req: Request) async throws -> Response {
        do {
            let removed = try await req.useCases.claims.delete(req.id())
            return req.redirect(
                to: "/billing/claims?notice=" + Self.encoded("Claim #\(removed.number) removed"), redirectType: .normal)
        } catch let error as UseCaseError where error.kind != .notFound {
            return try await renderClaim(req, notice: nil, problem: error.message)
        }
    }

    /// The CMS-1500 (02/12) of a claim, to print on letter paper.
    @Sendable func form(req: Request) async throws -> Response {
        let form = try await req.useCases.claims.form(req.id())
        return HTMLResponse.make(Cms1500Page(form: form, context: try await req.pageContext(.billing)).render())
    }

    @Sendable func batches(req: Request) async throws -> Response {
        let page = BatchListPage(
            batches: try await req.useCases.claimBatches.list(try Page(limit: 200, offset: 0)),
            notice: try req.queryValue("notice"), timeZone: try await req.useCases.practice().timeZone,
            context: try await req.pageContext(.billing))
        return HTMLResponse.make(page.render())
    }

    @Sendable func file(req: Request) async throws -> Response {
        let file = try await req.useCases.claimBatches.file(req.id())
        var headers = HTTPHeaders()
        headers.contentType = .plainText
        headers.contentDisposition = .init(.attachment, filename: file.name)
        return Response(status: .ok, headers: headers, body: .init(string: file.text))
    }

    @Sendable func clearinghouse(req: Request) async throws -> Response {
        let current = try await req.useCases.clearinghouse.get()
        return try await renderClearinghouse(
            req, form: ClearinghousePage.form(current), notice: try req.queryValue("notice"))
    }

    @Sendable func saveClearinghouse(req: Request) async throws -> Response {
        let values = try req.formValues()
        do {
            _ = try await req.useCases.clearinghouse.set(ClearinghousePage.input(from: values))
            return req.redirect(to: "/settings/clearinghouse?notice=Clearinghouse%20saved", redirectType: .normal)
        } catch let error as UseCaseError where error.kind != .notFound {
            var form = FormState(values: values)
            form.absorb(error, fallback: "name")
            return try await renderClearinghouse(req, form: form, notice: nil)
        }
    }

    private func renderClearinghouse(_ req: Request, form: FormState, notice: String?) async throws -> Response {
        HTMLResponse.make(
            ClearinghousePage(form: form, notice: notice, context: try await req.pageContext(.settings)).render())
    }

    static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }
}
