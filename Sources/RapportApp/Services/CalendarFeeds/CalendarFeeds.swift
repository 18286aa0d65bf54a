import Fluent
import Foundation
import RapportCore

/// Your calendar feed: a private link (a revocable token) to an iCalendar feed of your sessions,
/// for a phone's or a desktop's calendar. Only clinicians have sessions of their own to subscribe
/// to. Making a new link revokes the old one.
struct CalendarFeeds {
    let database: any Database
    let actor: Actor

    struct Status: Codable, Sendable {
        /// Whether a link is live (its address was shown once, when it was made).
        let active: Bool
        let createdAt: Date?
    }

    struct Created: Codable, Sendable {
        /// The feed's path on this server, `/calendar-feeds/<token>.ics`: shown this once.
        let path: String
        let createdAt: Date?
        /// The full address, as the caller reached this server (set by the adapter).
        var url: String? = nil
    }

    /// The feed's path for a token.
    static func path(_ token: String) -> String { "/calendar-feeds/\(token).ics" }

    func status() async throws -> Status {
        let link = try await CalendarFeedLink.query(on: database).filter(\.$userID == actor.requireUser()).first()
        return Status(active: link != nil, createdAt: link?.createdAt)
    }

    func create() async throws -> Created {
        let me = try actor.requireUser()
        guard let clinicianID = actor.clinicianID else {
            throw UseCaseError.conflict(
                "not_a_clinician", "you have no sessions of your own: a calendar feed is for a clinician's sessions")
        }
        let (token, hash) = TokenHasher.newToken()
        let link = CalendarFeedLink(practiceID: actor.practiceID, userID: me, clinicianID: clinicianID, tokenHash: hash)
        let actor = actor
        try await database.writeTransaction(practice: actor.practiceID) { db in
            let old = try await CalendarFeedLink.query(on: db).filter(\.$userID == me).all()
            for old in old {
                try await old.delete(on: db)
                try await AuditLog(database: db, actor: actor).record("revoke", "calendarFeed", id: try old.requireID())
            }
            try await link.create(on: db)
            try await AuditLog(database: db, actor: actor).record("create", "calendarFeed", id: try link.requireID())
        }
        return Created(path: Self.path(token), createdAt: link.createdAt)
    }

    /// Revokes the caller's link: its address answers 404 from now on.
    func revoke() async throws {
        let me = try actor.requireUser()
        let actor = actor
        try await database.writeTransaction(practice: actor.practiceID) { db in
            guard let link = try await CalendarFeedLink.query(on: db).filter(\.$userID == me).first() else {
                throw UseCaseError.notFound("calendar feed")
            }
            try await link.delete(on: db)
            try await AuditLog(database: db, actor: actor).record("revoke", "calendarFeed", id: try link.requireID())
        }
    }

    /// The feed a token opens, as iCalendar text; 404 for a token that is unknown or revoked, or
    /// whose user may no longer sign in.
    static func feed(token: String, on database: any Database, now: Date = Date()) async throws -> String {
        guard token.hasPrefix("rpt_"), token.count < 100,
            let link = try await CalendarFeedLink.query(on: database)
                .filter(\.$tokenHash == TokenHasher.hash(token)).first(),
            let user = try await User.find(link.userID, on: database), user.active
        else { throw UseCaseError.notFound("calendar feed") }
        return try await CalendarFeedBuilder(
            database: database, practiceID: link.practiceID, clinicianID: link.clinicianID, now: now
        ).render()
    }
}
