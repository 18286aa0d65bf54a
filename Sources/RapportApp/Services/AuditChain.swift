import Fluent
import Foundation
import SQLKit

/// The hash chain over a practice's audit events.
enum AuditChain {
    struct Link: Sendable {
        let sequence: Int
        let hash: String
    }

    /// Gives `event` the next place in the chain after `previous` and its hash.
    static func seal(_ event: AuditEvent, after previous: Link) -> Link {
        event.sequence = previous.sequence + 1
        event.previousHash = previous.hash
        event.hash = hash(of: event)
        return Link(sequence: event.sequence, hash: event.hash)
    }

    /// SHA-256 over every field that says what happened, and the previous hash.
    static func hash(of event: AuditEvent) -> String {
        let fields: [String] = [
            String(event.sequence), event.practiceID.uuidString, event.actorUserID?.uuidString ?? "", event.actorName,
            String(milliseconds(event.at)), event.entityType, event.entityID.uuidString, event.action,
            event.before ?? "", event.after ?? "", event.previousHash,
        ]
        // Length-prefixed so no two different events can produce the same text.
        let text = fields.map { "\($0.utf8.count):\($0)" }.joined(separator: "|")
        return sha256Hex(text)
    }

    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    /// Takes the next `count` places in the practice's chain and returns the link they follow. The
    /// head row stays locked until the caller's transaction ends, so concurrent events of one
    /// practice line up one after another.
    static func advance(practiceID: UUID, by count: Int, on database: any Database) async throws -> Link {
        let sql = try database.sql()
        let update: SQLQueryString = """
            UPDATE audit_heads SET sequence = sequence + \(bind: count) WHERE practice_id = \(bind: practiceID)
            RETURNING sequence, hash
            """
        var head = try await sql.raw(update).firstPrepared()
        if head == nil {
            // The practice's first event: start its chain (a concurrent first event may have just done so).
            try await sql.insert(into: "audit_heads").columns("practice_id", "sequence", "hash")
                .values(SQLBind(practiceID), SQLBind(0), SQLBind("")).ignoringConflicts(with: ["practice_id"]).run()
            head = try await sql.raw(update).firstPrepared()
        }
        guard let row = head else {
            throw UseCaseError(.internalFailure, code: "internal_error", message: "the audit log could not be written")
        }
        let sequence = try row.decode(column: "sequence", as: Int.self)
        return Link(sequence: sequence - count, hash: try row.decode(column: "hash", as: String.self))
    }

    static func setHead(practiceID: UUID, hash: String, on database: any Database) async throws {
        try await database.sql().raw(
            "UPDATE audit_heads SET hash = \(bind: hash) WHERE practice_id = \(bind: practiceID)"
        ).run()
    }

    /// What a check of one practice's chain found.
    struct Report: Sendable {
        let practiceID: UUID
        let events: Int
        let problems: [String]
    }

    /// Recomputes every hash and link: a modified event breaks its hash, a removed one leaves a gap
    /// or a broken link, and removing the newest events no longer matches the head.
    static func verify(on database: any Database) async throws -> [Report] {
        let heads = try await database.sql().raw("SELECT practice_id, sequence, hash FROM audit_heads").all()
        var reports: [Report] = []
        for head in heads {
            let practiceID = try head.decode(column: "practice_id", as: UUID.self)
            let events = try await AuditEvent.query(on: database).filter(\.$practiceID == practiceID).sort(\.$sequence)
                .all()
            var problems: [String] = []
            var previous = Link(sequence: 0, hash: "")
            for event in events {
                if event.sequence != previous.sequence + 1 {
                    problems.append("events \(previous.sequence + 1)…\(event.sequence - 1) are missing")
                }
                if event.previousHash != previous.hash {
                    problems.append("event \(event.sequence) does not follow the event before it")
                }
                if hash(of: event) != event.hash {
                    problems.append("event \(event.sequence) was changed after it was recorded")
                }
                previous = Link(sequence: event.sequence, hash: event.hash)
            }
            let headSequence = try head.decode(column: "sequence", as: Int.self)
            let headHash = try head.decode(column: "hash", as: String.self)
            if headSequence != previous.sequence || headHash != previous.hash {
                problems.append("the newest events (up to \(headSequence)) are missing")
            }
            reports.append(Report(practiceID: practiceID, events: events.count, problems: problems))
        }
        return reports
    }
}
