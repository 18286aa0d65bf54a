import Vapor

/// `GET /calendar-feeds/<token>.ics`: a clinician's sessions for a calendar app. The token in the
/// address is the credential (calendar apps send no other), so the route is outside sign-in and
/// answers 404 — the same for an unknown and a revoked token.
struct CalendarFeedController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("calendar-feeds", ":file", use: feed)
    }

    @Sendable func feed(req: Request) async throws -> Response {
        let file = req.parameters.get("file") ?? ""
        guard file.hasSuffix(".ics") else { throw UseCaseError.notFound("calendar feed") }
        let text = try await req.openUseCases.calendarFeed(token: String(file.dropLast(4)))
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/calendar; charset=utf-8")
        headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        headers.contentDisposition = .init(.inline, filename: "rapport.ics")
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }
}
