import Fluent
import Vapor

/// Every route: `/healthz` and `/readyz`, the public setup and OpenAPI routes, and the authenticated API.
func routes(_ app: Application) throws {
    app.get("healthz", use: health)
    app.get("readyz", use: ready)
    try app.register(collection: CalendarFeedController())
    try app.register(collection: MetricsController())

    let web = app.grouped(WebSessionAuthenticator(), CSRFProtection())
    try web.register(collection: SignInWebController())
    let signedIn = web.grouped(
        RequireWebActor(), PracticeLocaleMiddleware(), WebErrorPages(), PermissionCheck(), ClientReadAudit())
    try signedIn.register(collection: CalendarWebController())
    try signedIn.register(collection: SessionsWebController())
    try signedIn.register(collection: ClientsWebController())
    try signedIn.register(collection: BillingTabController())
    try signedIn.register(collection: BillingWebController())
    try signedIn.register(collection: SettingsWebController())
    try signedIn.register(collection: AuditWebController())
    try signedIn.register(collection: StaffWebController())
    try signedIn.register(collection: BillingProviderWebController())
    try signedIn.register(collection: ClinicianWebController())
    try signedIn.register(collection: PayersWebController())
    try signedIn.register(collection: PoliciesWebController())
    try signedIn.register(collection: ClaimsWebController())
    try signedIn.register(collection: RemittancesWebController())
    try signedIn.register(collection: GoodFaithEstimatesWebController())
    try signedIn.register(collection: AccountWebController())
    try signedIn.register(collection: ExportWebController())
    try signedIn.register(collection: ImportWebController())

    let api = app.grouped("api", "v1")
    try api.register(collection: SetupController())
    api.get("openapi.json", use: openAPI)

    let authenticated = api.grouped(
        BearerAuthenticator(), RequireActor(), PracticeLocaleMiddleware(), PermissionCheck(), ClientReadAudit())
    try authenticated.register(collection: PracticeController())
    try authenticated.register(collection: HostingController())
    try authenticated.register(collection: PayersController())
    try authenticated.register(collection: PoliciesController())
    try authenticated.register(collection: ClaimsController())
    try authenticated.register(collection: RemittancesController())
    try authenticated.register(collection: GoodFaithEstimatesController())
    try authenticated.register(collection: ClientsController())
    try authenticated.register(collection: SessionsController())
    try authenticated.register(collection: BillingController())
    try authenticated.register(collection: ReceivablesController())
    try authenticated.register(collection: TokensController())
    try authenticated.register(collection: MeController())
    try authenticated.register(collection: AuditController())
    try authenticated.register(collection: ExportsController())
    try authenticated.register(collection: ImportsController())
    try authenticated.register(collection: UsersController())
}

/// 200 when the database answers a query; 503 when it does not.
/// The process is up and answering HTTP; nothing else is asked (the server's own ceiling, which
/// scripts/bench measures every endpoint against).
@Sendable func health(req: Request) async throws -> Response {
    Response(status: .ok, body: .init(string: #"{"status":"ok"}"#))
}

/// The server can serve: its database answers. For a load balancer's readiness check.
@Sendable func ready(req: Request) async throws -> Response {
    do {
        try await req.db.sql().raw("SELECT 1").run()
        return Response(status: .ok, body: .init(string: #"{"status":"ok"}"#))
    } catch {
        req.logger.warning("health check failed: \(error)")
        throw UseCaseError(.unavailable, code: "database_unavailable", message: "the database is not answering")
    }
}

/// The OpenAPI 3.1 description of `/api/v1`.
@Sendable func openAPI(req: Request) async throws -> Response {
    let response = Response(status: .ok, body: .init(data: try OpenAPIDocument.json()))
    response.headers.contentType = .json
    return response
}
