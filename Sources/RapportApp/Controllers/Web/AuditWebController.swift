import RapportCore
import Vapor

/// `/audit`: the audit log page for owners.
struct AuditWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("audit", use: page).requires(.readAudit)
    }

    @Sendable func page(req: Request) async throws -> Response {
        let practice = try await req.useCases.practice()
        var values: [String: String] = [:]
        for name in ["user", "client", "kind", "from", "to"] { values[name] = try req.queryValue(name) ?? "" }
        let choices = try await req.useCases.auditTrail.filterChoices()
        // A kind the log does not have is no filter, not an empty page.
        let kind = values["kind"].flatMap { choices.kinds.contains($0) ? $0 : nil }
        // Anything else that does not read is said beside its field, and no events are listed as if
        // it had not been asked for.
        var form = FormState(values: values)
        let (from, to) = form.period(example: practice.today)
        let user = form.optionalID("user", problem: "Choose a person from the list")
        let client = form.optionalID("client", problem: "Choose a client from the list")
        let entries =
            form.errors.isEmpty
            ? try await req.useCases.auditTrail.list(
                .init(
                    userID: user, entityID: client, from: from, to: to, page: try Page(limit: 500, offset: 0),
                    entityType: kind, mentioning: true)) : []
        let format = DisplayFormat()
        let wording = AuditWording(
            timeZone: practice.timeZone, format: format, names: try await req.useCases.auditTrail.names())
        let page = AuditPage(
            rows: entries.map { entry in
                let local = practice.timeZone.local(entry.at)
                return AuditPage.Row(
                    sequence: entry.sequence, when: "\(format.longDate(local.date)), \(format.time(local.time))",
                    sentence: wording.sentence(entry), changes: wording.changes(entry), before: entry.before,
                    after: entry.after)
            },
            users: choices.people.map { ($0.id.uuidString, $0.name) },
            clients: choices.clients.map { ($0.id.uuidString, $0.name) },
            kinds: choices.kinds.map { ($0, AuditWording.label($0)) },
            form: form,
            context: try await req.pageContext(.settings))
        return HTMLResponse.make(page.render(), status: form.errors.isEmpty ? .ok : .unprocessableEntity)
    }
}
