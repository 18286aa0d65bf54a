import RapportCore
import Vapor

/// `/audit`: the audit log page for owners.
struct AuditWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("audit", use: page).requires(.readAudit)
    }

    @Sendable func page(req: Request) async throws -> Response {
        let practice = try await req.useCases.practice()
        let values = [
            "user": req.query[String.self, at: "user"] ?? "", "client": req.query[String.self, at: "client"] ?? "",
            "from": req.query[String.self, at: "from"] ?? "", "to": req.query[String.self, at: "to"] ?? "",
        ]
        let entries = try await req.useCases.auditTrail.list(
            .init(
                userID: UUID(uuidString: values["user"] ?? ""), entityID: UUID(uuidString: values["client"] ?? ""),
                from: LocalDate(values["from"] ?? ""), to: LocalDate(values["to"] ?? ""),
                page: try Page(limit: 500, offset: 0)))
        let choices = try await req.useCases.auditTrail.filterChoices()
        let format = DisplayFormat()
        let page = AuditPage(
            entries: entries, users: choices.people.map { ($0.id.uuidString, $0.name) },
            clients: choices.clients.map { ($0.id.uuidString, $0.name) },
            form: FormState(values: values),
            format: { entry in
                let local = practice.timeZone.local(entry.at)
                return "\(format.date(local.date)) \(format.time(local.time))"
            },
            context: try await req.pageContext(.settings))
        return HTMLResponse.make(page.render())
    }
}
