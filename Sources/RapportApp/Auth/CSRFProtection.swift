import Vapor

/// Refuses state-changing browser requests that did not come from Rapport's own pages.
///
/// A signed-in browser's form or script must send the session's CSRF token (`_csrf` field or
/// `X-CSRF-Token` header). Every state-changing request must also, when the browser says where it
/// came from (`Origin`), come from this server.
struct CSRFProtection: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard ![.GET, .HEAD, .OPTIONS].contains(request.method) else { return try await next.respond(to: request) }
        if let origin = request.headers.first(name: .origin), !Self.isSameOrigin(origin, request: request) {
            throw Abort(.forbidden, reason: "This request did not come from Rapport's own pages.")
        }
        if let session = request.storage[CurrentWebSession.self] {
            let sent =
                request.headers.first(name: "X-CSRF-Token") ?? (try? request.content.get(String.self, at: "_csrf"))
            guard let sent, Self.constantTimeEqual(sent, session.csrfToken) else {
                throw Abort(.forbidden, reason: "This form has expired. Reload the page and try again.")
            }
        }
        return try await next.respond(to: request)
    }

    static func isSameOrigin(_ origin: String, request: Request) -> Bool {
        guard let host = request.headers.first(name: .host), let url = URL(string: origin), let originHost = url.host
        else { return false }
        let originAuthority = url.port.map { "\(originHost):\($0)" } ?? originHost
        return originAuthority == host
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
