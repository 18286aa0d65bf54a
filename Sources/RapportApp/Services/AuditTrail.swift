import Fluent
import Foundation
import RapportCore

/// The audit log as owners read it: who did or looked at what, when; filtered by user, record and date.
struct AuditTrail {
    let database: any Database
    let actor: Actor

    struct Filter {
        var userID: UUID?
        var entityID: UUID?
        var from: LocalDate?
        var to: LocalDate?
        var page: Page
    }

    struct Entry: Codable, Sendable {
        let id: UUID
        let sequence: Int
        let at: Date
        let actorUserId: UUID?
        let actorName: String
        let entityType: String
        let entityId: UUID
        let action: String
        let before: String?
        let after: String?
    }

    /// Someone or something the log can be filtered by.
    struct Choice: Codable, Sendable {
        let id: UUID
        let name: String
    }

    /// Who and which clients the log can be filtered by: the practice's people by name, its clients
    /// by last name.
    func filterChoices() async throws -> (people: [Choice], clients: [Choice]) {
        try requireOwner()
        let users = try await User.query(on: database).filter(\.$practiceID == actor.practiceID).sort(\.$name).all()
        let clients = try await Client.query(on: database).filter(\.$practiceID == actor.practiceID).sort(\.$lastName)
            .all()
        return (
            try users.map { Choice(id: try $0.requireID(), name: $0.name) },
            try clients.map { Choice(id: try $0.requireID(), name: "\($0.lastName), \($0.firstName)") }
        )
    }

    func list(_ filter: Filter) async throws -> [Entry] {
        try requireOwner()
        let practice = try await PracticeContext.of(actor, on: database)
        return try await Lookup(database: database, actor: actor).page(
            of: AuditEvent.self, practice: \.$practiceID, filter.page,
            filter: { query in
                if let user = filter.userID { query.filter(\.$actorUserID == user) }
                if let entity = filter.entityID { query.filter(\.$entityID == entity) }
                if let from = filter.from { query.filter(\.$at >= practice.timeZone.startOfDay(from)) }
                if let to = filter.to { query.filter(\.$at < practice.timeZone.startOfDay(to.adding(days: 1))) }
            },
            order: { $0.sort(\.$sequence, .descending) }
        ).map {
            Entry(
                id: try $0.requireID(), sequence: $0.sequence, at: $0.at, actorUserId: $0.actorUserID,
                actorName: $0.actorName,
                entityType: $0.entityType, entityId: $0.entityID, action: $0.action, before: $0.before,
                after: $0.after)
        }
    }

    private func requireOwner() throws {
        guard actor.role == .owner else {
            throw UseCaseError.forbidden("only the practice's owner can read the audit log")
        }
    }
}
