import NIOCore
import Vapor

/// Counts and times every request by its route's pattern (`/api/v1/sessions/:id`, never the ids
/// themselves) and status; outermost, so errors are counted as the answers they became.
struct MetricsMiddleware: AsyncMiddleware {
    let metrics: RapportMetrics

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let clock = ContinuousClock()
        let start = clock.now
        let inFlight = metrics.requestsInFlight
        inFlight.increment()
        defer { inFlight.decrement() }
        let route = request.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "unmatched"
        do {
            let response = try await next.respond(to: request)
            metrics.request(
                route: route, method: request.method.rawValue, status: response.status.code,
                duration: clock.now - start)
            return response
        } catch {
            let status = (error as? any AbortError)?.status.code ?? 500
            metrics.request(route: route, method: request.method.rawValue, status: status, duration: clock.now - start)
            throw error
        }
    }
}

/// `GET /metrics`: the Prometheus text. With `RAPPORT_METRICS_TOKEN` set it needs that bearer
/// token; without, it answers only a scraper on this machine (loopback). Anyone else gets 404.
struct MetricsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("metrics", use: metrics)
    }

    @Sendable func metrics(req: Request) async throws -> Response {
        let token = req.application.settings.metricsToken
        let allowed: Bool
        if let token, !token.isEmpty {
            // Digests compared, not the secrets, so the time taken tells nothing about the token.
            let given = req.headers.bearerAuthorization?.token ?? ""
            allowed = TokenHasher.hash(given) == TokenHasher.hash(token)
        } else {
            allowed = req.remoteAddress.map(Self.isLoopback) ?? false
        }
        guard allowed else { throw Abort(.notFound) }
        let text = req.application.metrics.exposition(connections: try await req.openUseCases.databaseConnections())
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/plain; version=0.0.4; charset=utf-8")
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }

    static func isLoopback(_ address: SocketAddress) -> Bool {
        switch address {
        case .v4: address.ipAddress?.hasPrefix("127.") == true
        case .v6: address.ipAddress == "::1" || address.ipAddress?.hasPrefix("::ffff:127.") == true
        default: false
        }
    }
}

struct RapportMetricsKey: StorageKey {
    typealias Value = RapportMetrics
}

extension Application {
    /// The metrics `configure` made (a fresh, unregistered set before it runs).
    var metrics: RapportMetrics { storage[RapportMetricsKey.self] ?? RapportMetrics() }
}
