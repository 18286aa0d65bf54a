import RapportCore
import Vapor

/// `/api/v1/audit-events`: the audit log, for the practice's owner.
struct AuditController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("audit-events", use: list).requires(.readAudit)
    }

    struct Query: Content {
        var userId: UUID?
        var entityId: UUID?
        var from: String?
        var to: String?
        var limit: Int?
        var offset: Int?
    }

    /// Newest first; `?userId=`, `?entityId=` (a client, session, invoice…), `?from=&to=` (dates).
    @Sendable func list(req: Request) async throws -> [AuditTrail.Entry] {
        let query = try req.query.decode(Query.self)
        var errors = FieldErrors()
        let from = DateParameter.parse(query.from, field: "from", errors: &errors)
        let to = DateParameter.parse(query.to, field: "to", errors: &errors)
        try errors.throwIfAny()
        return try await req.useCases.auditTrail.list(
            .init(
                userID: query.userId, entityID: query.entityId, from: from, to: to,
                page: try Page(limit: query.limit, offset: query.offset)))
    }
}
