import Fluent
import Foundation
import RapportCore

/// Refuses a booking or a move that puts a clinician or a client in two sessions at once, naming
/// each session it would overlap, or that falls outside the clinician's working hours, unless the
/// caller chose to book anyway (`allowConflicts`; a group session, a client seen by two clinicians
/// together or an evening made an exception is deliberate).
/// Runs inside the booking's transaction after its sessions are written, so a refusal leaves
/// nothing behind and a series is checked over every occurrence it stored.
struct ScheduleConflictCheck {
    let database: any Database
    let actor: Actor
    let practice: PracticeContext

    /// `known`: clinicians the caller has read in the same transaction, not read again for their hours.
    func refuseOverlaps(of sessions: [Session], allowed: Bool?, known: [Clinician] = []) async throws {
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
        let outside = try await outsideHours(booking, clinicians: clinicians, known: known)
        guard !conflicts.isEmpty || !outside.isEmpty else { return }
        throw try await error(for: conflicts, outside: outside)
    }

    /// The bookings that do not lie wholly within their clinician's working hours (in the
    /// practice's time zone); none for a clinician with no hours set.
    private func outsideHours(
        _ booking: [BookedTime], clinicians: [UUID], known: [Clinician]
    ) async throws -> [OutsideHoursDetail] {
        var byID = Dictionary(known.compactMap { row in row.id.map { ($0, row) } }, uniquingKeysWith: { a, _ in a })
        let unread = clinicians.filter { byID[$0] == nil }
        if !unread.isEmpty {
            for row in try await Clinician.query(on: database).filter(\.$practiceID == actor.practiceID)
                .filter(\.$id ~~ unread).all()
            {
                if let id = row.id { byID[id] = row }
            }
        }
        return try booking.sorted { $0.start < $1.start }.compactMap { session in
            guard let clinician = byID[session.clinicianID] else { return nil }
            let hours = try clinician.workingHours
            let local = practice.timeZone.local(session.start)
            let minutes = Int(session.end.timeIntervalSince(session.start) / 60)
            guard !hours.covers(start: local, minutes: minutes) else { return nil }
            return OutsideHoursDetail(
                start: session.start, end: session.end, clinicianId: session.clinicianID,
                clinicianName: clinician.name,
                hours: hours.spans(on: local.date.weekday).map(WorkingHoursEntry.init))
        }
    }

    private static func bookedTime(_ session: Session) throws -> BookedTime {
        BookedTime(
            sessionID: try session.requireID(), start: session.startsAt,
            end: session.startsAt.addingTimeInterval(TimeInterval(session.durationMinutes * 60)),
            clinicianID: session.clinicianID, clientID: session.clientID)
    }

    private func error(for conflicts: [ScheduleConflict], outside: [OutsideHoursDetail]) async throws -> UseCaseError {
        guard !conflicts.isEmpty else {
            let when = self.when(outside[0].start)
            let message =
                outside.count == 1
                ? "\(outside[0].clinicianName) does not work on \(when)"
                : "\(outside.count) of these sessions are outside working hours; the first: \(outside[0].clinicianName) on \(when)"
            return UseCaseError(.conflict, code: "schedule_conflict", message: message, outsideHours: outside)
        }
        let overlapping = try await overlapError(for: conflicts)
        guard !outside.isEmpty else { return overlapping }
        return UseCaseError(
            .conflict, code: "schedule_conflict",
            message: overlapping.message + "; and \(outside.count) outside working hours",
            conflicts: overlapping.conflicts, outsideHours: outside)
    }

    /// `2026-12-08 at 10:00`, in the practice's zone, for the API's message.
    private func when(_ instant: Date) -> String {
        let local = practice.timeZone.local(instant)
        return "\(local.date) at \(local.time.hoursAndMinutes)"
    }

    private func overlapError(for conflicts: [ScheduleConflict]) async throws -> UseCaseError {
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
        let when = "on " + self.when(first.sessionStart)
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
