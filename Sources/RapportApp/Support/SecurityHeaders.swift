import Vapor

/// Security headers on every response: HTML, JSON, static files and errors.
struct SecurityHeaders: AsyncMiddleware {
    let tls: Bool

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response: Response
        do {
            response = try await next.respond(to: request)
        } catch {
            response = APIErrorMiddleware.response(for: APIErrorMiddleware.apiError(for: error))
        }
        let headers: [(String, String)] = [
            (
                "Content-Security-Policy",
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
                    + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
            ),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "same-origin"),
            ("X-Frame-Options", "DENY"),
        ]
        for (name, value) in headers { response.headers.replaceOrAdd(name: name, value: value) }
        // API answers carry client records: no browser or proxy may keep them (pages say so too).
        if request.url.path.hasPrefix("/api/"), request.url.path != "/api/v1/openapi.json",
            !response.headers.contains(name: .cacheControl)
        {
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        if tls {
            response.headers.replaceOrAdd(
                name: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains")
        }
        return response
    }
}
