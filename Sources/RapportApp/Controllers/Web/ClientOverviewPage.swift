import RapportCore
import Vapor

/// Builds the client overview page from the use cases.
enum ClientOverviewPage {
    /// The page, kept as HTML for this browser session while what it shows stands; one carrying a
    /// message about a form just sent, or asked for afresh, is made afresh and not kept.
    static func render(
        _ req: Request, clientID: UUID, notice: String? = nil, formError: String? = nil
    ) async throws -> Response {
        let context = try await req.pageContext(.clients)
        let keeps = notice == nil && formError == nil && req.acceptsKeptAnswer
        let html = try await req.useCases.overview
            .load(clientID, cache: keeps ? req.application.readCaches.clientPages : nil, variant: context.csrf) {
                overview in
                try await page(req, overview, notice: notice, formError: formError, context: context).render()
            }
        return HTMLResponse.make(html)
    }

    /// What the page needs besides the overview: the services by id and the clinician's name.
    private static func page(
        _ req: Request, _ overview: ClientOverview, notice: String?, formError: String?, context: PageContext
    ) async throws -> ClientPage {
        let practice = try await req.useCases.practice()
        var clinician = "—"
        if let id = overview.client.primaryClinicianId {
            clinician = try await req.useCases.clinicians.get(id).name
        }
        return ClientPage(
            overview, services: try await req.useCases.services.labels(), clinicianName: clinician,
            timeZone: practice.timeZone, estimateWarnings: try await req.useCases.goodFaithEstimates.warnings(overview.client.id),
            notice: notice, formError: formError, context: context)
    }
}
