import Fluent
import Foundation
import RapportCore
import SQLKit

/// The audit log as owners read it: who did or looked at what, when; filtered by person, record (a
/// client takes in every event that names them), kind of record and date.
struct AuditTrail {
    let database: any Database
    let actor: Actor

    struct Filter {
        var userID: UUID?
        var entityID: UUID?
        var from: LocalDate?
        var to: LocalDate?
        var page: Page
        /// Only events about this kind of record (`session`, `invoice`, …).
        var entityType: String? = nil
        /// With `entityID`: also the events whose record names it (a client's sessions, invoices…).
        var mentioning = false
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

    /// Who, which clients and which kinds of record the log can be filtered by: the practice's people
    /// by name, its clients by last name, the kinds its events are about.
    func filterChoices() async throws -> (people: [Choice], clients: [Choice], kinds: [String]) {
        try requireOwner()
        let users = try await User.query(on: database).filter(\.$practiceID == actor.practiceID).sort(\.$name).all()
        let clients = try await Client.query(on: database).filter(\.$practiceID == actor.practiceID).sort(\.$lastName)
            .all()
        let kinds = try await database.sql().select().distinct().column("entity_type").from(AuditEvent.schema)
            .where("practice_id", .equal, actor.practiceID).orderBy("entity_type").all()
            .map { try $0.decode(column: "entity_type", as: String.self) }
        return (
            try users.map { Choice(id: try $0.requireID(), name: $0.name) },
            try clients.map { Choice(id: try $0.requireID(), name: "\($0.lastName), \($0.firstName)") },
            kinds
        )
    }

    /// The names an event's record and values may point at: clients, clinicians, services and staff.
    func names() async throws -> [UUID: String] {
        try requireOwner()
        var names: [UUID: String] = [:]
        for user in try await User.query(on: database).filter(\.$practiceID == actor.practiceID).all() {
            names[try user.requireID()] = user.name
        }
        for clinician in try await Clinician.query(on: database).filter(\.$practiceID == actor.practiceID).all() {
            names[try clinician.requireID()] = clinician.name
        }
        for service in try await Service.query(on: database).filter(\.$practiceID == actor.practiceID).all() {
            names[try service.requireID()] = "\(service.code) · \(service.description)"
        }
        for client in try await Client.query(on: database).filter(\.$practiceID == actor.practiceID).all() {
            names[try client.requireID()] = "\(client.firstName) \(client.lastName)"
        }
        return names
    }

    func list(_ filter: Filter) async throws -> [Entry] {
        try requireOwner()
        let practice = try await PracticeContext.of(actor, on: database)
        return try await Lookup(database: database, actor: actor).page(
            of: AuditEvent.self, practice: \.$practiceID, filter.page,
            filter: { query in
                if let user = filter.userID { query.filter(\.$actorUserID == user) }
                if let entity = filter.entityID {
                    if filter.mentioning {
                        let pattern = "%\(entity.uuidString)%"
                        query.group(.or) {
                            $0.filter(\.$entityID == entity).filter(\.$after, .custom("LIKE"), pattern)
                                .filter(\.$before, .custom("LIKE"), pattern)
                        }
                    } else {
                        query.filter(\.$entityID == entity)
                    }
                }
                if let kind = filter.entityType { query.filter(\.$entityType == kind) }
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
