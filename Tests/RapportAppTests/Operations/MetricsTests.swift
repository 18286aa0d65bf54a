import Foundation
import Testing
import Vapor
import VaporTesting

@testable import RapportApp

/// `/metrics` (scripts/shutdown-test reads it over loopback from a running server).
struct MetricsTests {
    func scrape(_ app: Application, token: String?) async throws -> (HTTPStatus, String) {
        var headers = HTTPHeaders()
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        let reply = try await app.testing().sendRequest(.GET, "/metrics", headers: headers)
        return (reply.status, reply.body.string)
    }

    @Test func requestsAreCountedByRoutePatternAndStatusWithTheirLatency() async throws {
        try await withRapport { app in
            var settings = app.settings
            settings.metricsToken = "scrape-secret"
            app.storage[SettingsKey.self] = settings
            let fixture = try await PracticeFixture.make(app)
            let client = try await fixture.makeClient()
            _ = try await fixture.api.get("/api/v1/clients/\(client)")
            _ = try await fixture.api.get("/api/v1/clients/\(UUID())")
            let week = "from=\(fixture.instant(daysFromToday: 0))&to=\(fixture.instant(daysFromToday: 7))"
                .replacingOccurrences(of: "+", with: "%2B")
            _ = try await fixture.api.get("/api/v1/sessions?\(week)")
            _ = try await fixture.api.get("/api/v1/sessions?\(week)")

            #expect(try await scrape(app, token: nil).0 == .notFound, "no token, not loopback")
            #expect(try await scrape(app, token: "wrong").0 == .notFound)
            let (status, text) = try await scrape(app, token: "scrape-secret")
            #expect(status == .ok)
            #expect(text.contains(#"rapport_http_requests_total{route="/api/v1/clients/:id",method="GET",status="200"} 1"#))
            #expect(text.contains(#"rapport_http_requests_total{route="/api/v1/clients/:id",method="GET",status="404"} 1"#))
            #expect(!text.contains(client), "ids never become labels")
            #expect(text.contains(#"rapport_http_request_duration_seconds_bucket{route="/api/v1/sessions",method="GET",le="+Inf"} 2"#))
            #expect(text.contains(#"rapport_kept_answers_total{cache="calendar-ranges",found="yes"} 1"#), "\(text)")
            #expect(text.contains("rapport_process_resident_memory_bytes"))
            #expect(!text.contains("rapport_reads_waiting"), "reads take turns only when RAPPORT_READ_SLOTS is set")
        }
    }

    @Test func jobRunsAreCountedAndTimedByOutcome() async throws {
        let metrics = RapportMetrics()
        _ = try await metrics.job("invoicing") { 3 }
        struct Failed: Error {}
        await #expect(throws: Failed.self) { try await metrics.job("claims") { throw Failed() } }
        let text = metrics.exposition(connections: [("active", 2)])
        #expect(text.contains(#"rapport_job_runs_total{job="invoicing",outcome="ok"} 1"#))
        #expect(text.contains(#"rapport_job_runs_total{job="claims",outcome="failed"} 1"#))
        #expect(text.contains(#"rapport_job_duration_seconds_count{job="invoicing"} 1"#))
        #expect(text.contains(#"rapport_database_connections_count{state="active"} 2"#))
    }

}
