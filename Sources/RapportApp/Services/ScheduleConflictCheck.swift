import Fluent
import Foundation
import RapportCore

/// Refuses a booking or a move that puts a clinician or a client in two sessions at once, naming
/// each session it would overlap, unless the caller chose to book anyway (`allowConflicts`; a group
/// session, or a client seen by two clinicians together, is a deliberate overlap).
/// Runs inside the booking's transaction after its sessions are written, so a refusal leaves
/// nothing behind and a series is checked over every occurrence it stored.
struct ScheduleConflictCheck {
    let database: any Database
    let actor: Actor
    let practice: PracticeContext

    func refuseOverlaps(of sessions: [Session], allowed: Bool?) async throws {
        guard allowed != true else { return }
        let booking = try sessions.filter(\.attendance.takesTime).map(Self.bookedTime)
        guard let first = booking.map(\.start).min(), let last = booking.map(\.end).max() else { return }
        let clinicians = Array(Set(booking.map(\.clinicianID)))
        let clients = Array(Set(booking.map(\.clientID)))
        // A session overlapping the first booking started at most a day before it (sessions are
        // at most 24 hours long).
        let nearby = try await Session.query(on: database)
            .filter(\.$practiceID == actor.practiceID)
            .filter(\.$startsAt >= first.addingTimeInterval(-86_400)).filter(\.$startsAt < last)
            .filter(\.$attendance ~~ Attendance.allCases.filter(\.takesTime))
            .group(.or) { $0.filter(\.$clinicianID ~~ clinicians).filter(\.$clientID ~~ clients) }
            .all()
        let conflicts = ScheduleConflicts.find(booking: booking, existing: try nearby.map(Self.bookedTime))
        guard !conflicts.isEmpty else { return }
        throw try await error(for: conflicts)
    }

    private static func bookedTime(_ session: Session) throws -> BookedTime {
        BookedTime(
            sessionID: try session.requireID(), start: session.startsAt,
            end: session.startsAt.addingTimeInterval(TimeInterval(session.durationMinutes * 60)),
            clinicianID: session.clinicianID, clientID: session.clientID)
    }

    private func error(for conflicts: [ScheduleConflict]) async throws -> UseCaseError {
        let clients = try await Names.load(
            clients: conflicts.flatMap { [$0.existing.clientID, $0.booking.clientID] }, on: database,
            practiceID: actor.practiceID
        ).clients
        let clinicians = Dictionary(
            try await Names.clinicians(on: database, practiceID: actor.practiceID), uniquingKeysWith: { a, _ in a })
        let details = conflicts.map { conflict in
            ScheduleConflictDetail(
                start: conflict.booking.start, sessionId: conflict.existing.sessionID,
                sessionStart: conflict.existing.start, sessionEnd: conflict.existing.end,
                clientName: clients[conflict.existing.clientID] ?? "another client",
                clinicianName: clinicians[conflict.existing.clinicianID] ?? "another clinician",
                kinds: conflict.kinds.map(\.rawValue))
        }
        let first = details[0]
        let local = practice.timeZone.local(first.sessionStart)
        let when = "on \(local.date) at \(local.description.dropFirst(11).prefix(5))"
        let who =
            first.kinds.contains(ScheduleConflict.Kind.clinician.rawValue)
            ? "\(first.clinicianName) already sees \(first.clientName)"
            : "\(first.clientName) already has a session with \(first.clinicianName)"
        let dates = Set(conflicts.map(\.booking.sessionID)).count
        let summary =
            dates == 1
            ? "\(who) \(when)"
            : "\(dates) of these sessions overlap others; the first: \(who) \(when)"
        return UseCaseError(
            .conflict, code: "schedule_conflict",
            message: summary, conflicts: details)
    }
}
