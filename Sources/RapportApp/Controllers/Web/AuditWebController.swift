import Fluent
import RapportCore
import Vapor

/// `/audit`: the audit log page for owners.
struct AuditWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("audit", use: page).requires(.readAudit)
    }

    @Sendable func page(req: Request) async throws -> Response {
        let actor = try req.actor
        let practice = try await PracticeContext.of(actor, on: req.db)
        let values = [
            "user": req.query[String.self, at: "user"] ?? "", "client": req.query[String.self, at: "client"] ?? "",
            "from": req.query[String.self, at: "from"] ?? "", "to": req.query[String.self, at: "to"] ?? "",
        ]
        let entries = try await AuditTrail(database: req.db, actor: actor).list(
            .init(
                userID: UUID(uuidString: values["user"] ?? ""), entityID: UUID(uuidString: values["client"] ?? ""),
                from: LocalDate(values["from"] ?? ""), to: LocalDate(values["to"] ?? ""),
                page: try Page(limit: 500, offset: 0)))
        let users = try await User.query(on: req.db).filter(\.$practiceID == actor.practiceID).sort(\.$name).all()
        let clients = try await Client.query(on: req.db).filter(\.$practiceID == actor.practiceID).sort(\.$lastName)
            .all()
        let format = DisplayFormat()
        let page = AuditPage(
            entries: entries, users: users.compactMap { row in row.id.map { ($0.uuidString, row.name) } },
            clients: clients.compactMap { row in row.id.map { ($0.uuidString, "\(row.lastName), \(row.firstName)") } },
            form: FormState(values: values),
            format: { entry in
                let local = practice.timeZone.local(entry.at)
                return "\(format.date(local.date)) \(format.time(local.time))"
            },
            context: try await req.pageContext(.settings))
        return HTMLResponse.make(page.render())
    }
}
