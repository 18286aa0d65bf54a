import Fluent
import Foundation
import RapportCore

/// "This and all future sessions" and "All sessions in the series", for changes and deletes.
/// Runs inside the caller's transaction. Billed and attended sessions are never changed or
/// deleted here; the result lists them as kept, with the reason.
struct SeriesEditing {
    let database: any Database
    let actor: Actor
    let settings: Settings

    func change(_ session: Session, _ input: SessionInput, scope: Scope) async throws -> ScopedChangeResult {
        let practice = try await PracticeContext.of(actor, on: database)
        let lookup = Lookup(database: database, actor: actor)
        let checks = SessionInputChecks(lookup: lookup, practice: practice)
        let series = try await lookup.series(try Self.seriesID(of: session))
        let recurrence = try series.recurrence()
        guard let original = session.originalStartLocal else {
            throw UseCaseError.conflict(
                "not_an_occurrence", "this session has no place in its series; change it with scope=this")
        }
        var errors = FieldErrors()
        if input.attendance != nil { errors.add("attendance", "is recorded per session: use scope=this") }
        if input.diagnoses != nil {
            errors.add(
                "diagnoses",
                "are set per session (scope=this); for every session from a date, set the client's diagnoses")
        }
        if input.selfPay != nil {
            errors.add(
                "selfPay",
                "is chosen per session (scope=this); for all of a client's sessions, set the client's selfPay")
        }
        if let client = input.clientId, client != series.clientID {
            errors.add("clientId", "cannot change for a series")
        }
        let checked = try await checks.change(input, actor: actor, errors: &errors)
        let (chosen, override, location) = (checked.chosenService, checked.feeOverride, checked.location)
        var newRule: RecurrenceRule?
        if let text = input.rule {
            do { newRule = try RecurrenceRule(parsing: text) } catch { errors.add("rule", error.message) }
        }
        try errors.throwIfAny()

        // Where this occurrence moves to; the same shift and time apply to the rest of the scope.
        let moved = input.start.map { recurrence.timeZone.local($0) } ?? original
        let dayShift = original.date.days(until: moved.date)
        let split = scope == .thisAndFollowing ? recurrence.split(at: original) : nil
        if scope == .thisAndFollowing, split == nil {
            throw UseCaseError.conflict(
                "not_an_occurrence", "this session is no longer part of its series' rule; change it with scope=this")
        }
        let isWholeSeries = scope == .all || split?.head == nil
        let baseStart = isWholeSeries ? recurrence.start : original
        let newStart = LocalDateTime(date: baseStart.date.adding(days: dayShift), time: moved.time)
        let rule = newRule ?? (isWholeSeries ? recurrence.rule : (split?.tail.rule ?? recurrence.rule))
        // Moving a start earlier stores more past sessions in one go, so it meets the same bound as
        // a new series; a series that simply began long ago can still be edited.
        if newStart.date < baseStart.date {
            var startErrors = FieldErrors()
            checks.seriesStart(newStart.date, errors: &startErrors)
            try startErrors.throwIfAny()
        }
        guard Recurrence(rule: rule, start: newStart, timeZone: recurrence.timeZone).startIsAnOccurrence else {
            throw UseCaseError.invalid(
                "start",
                "moving later sessions to \(newStart.date.weekday) does not fit the repeat rule \(rule); send a matching rule, or use scope=this"
            )
        }

        let before = SeriesAuditSnapshot(series)
        let target: Series
        let existing: [Session]
        if isWholeSeries {
            target = series
            existing = try await Session.query(on: database).filter(\.$seriesID == series.requireID()).all()
        } else {
            series.rule = split?.head?.rule.description ?? series.rule
            try await series.save(on: database)
            target = Series()
            target.practiceID = series.practiceID
            target.clientID = series.clientID
            target.clinicianID = series.clinicianID
            target.timeZone = series.timeZone
            target.durationMinutes = series.durationMinutes
            target.location = series.location
            target.placeOfService = series.placeOfService
            target.chosenServiceID = series.chosenServiceID
            target.feeOverride = series.feeOverride
            target.generatedThrough = series.generatedThrough
            target.rule = rule.description
            target.startLocal = newStart
            try await target.create(on: database)
            let oldID = try series.requireID(), newID = try target.requireID()
            try await Session.query(on: database).filter(\.$seriesID == oldID)
                .filter(\.$originalStartLocal >= original).set(\.$seriesID, to: newID).update()
            try await SeriesExclusion.query(on: database).filter(\.$seriesID == oldID)
                .filter(\.$originalStartLocal >= original).set(\.$seriesID, to: newID).update()
            existing = try await Session.query(on: database).filter(\.$seriesID == newID).all()
        }
        target.rule = rule.description
        target.startLocal = newStart
        if let clinician = input.clinicianId { target.clinicianID = clinician }
        if let minutes = input.durationMinutes { target.durationMinutes = minutes }
        if let location { target.location = location }
        if let place = checked.placeOfService { target.placeOfService = place }
        if input.serviceId != nil { target.chosenServiceID = chosen?.id }
        if input.fee != nil { target.feeOverride = override }

        let outcome = try await SeriesMaterializer(database: database, practice: practice, settings: settings)
            .reconcile(target, existing: existing)
        if input.start != nil || input.durationMinutes != nil || input.clinicianId != nil || input.rule != nil {
            try await ScheduleConflictCheck(database: database, actor: actor, practice: practice)
                .refuseOverlaps(of: outcome.changed, allowed: input.allowConflicts)
        }
        let audit = AuditLog(database: database, actor: actor)
        if isWholeSeries {
            try await audit.record(
                "update", "series", id: try target.requireID(), before: before, after: SeriesAuditSnapshot(target))
        } else {
            try await audit.record(
                "split", "series", id: try series.requireID(), before: before, after: SeriesAuditSnapshot(series))
            try await audit.record("create", "series", id: try target.requireID(), after: SeriesAuditSnapshot(target))
        }
        let services = try await lookup.servicesByID()
        let coverage = try await CoverageBook.load(for: outcome.changed, practiceID: actor.practiceID, on: database)
        return ScopedChangeResult(
            changed: try outcome.changed.map {
                try SessionDetails($0, services: services, practice: practice, coverage: coverage)
            },
            deleted: outcome.deleted, kept: outcome.kept, seriesId: target.id)
    }

    func delete(from session: Session, scope: Scope) async throws -> ScopedChangeResult {
        let lookup = Lookup(database: database, actor: actor)
        let series = try await lookup.series(try Self.seriesID(of: session))
        let seriesID = try series.requireID()
        let recurrence = try series.recurrence()
        let original = session.originalStartLocal ?? recurrence.start
        let query = Session.query(on: database).filter(\.$seriesID == seriesID)
        if scope == .thisAndFollowing { query.filter(\.$originalStartLocal >= original) }
        let inScope = try await query.all()
        var kept: [KeptSession] = []
        var deleted: [UUID] = []
        for candidate in inScope {
            if candidate.isBilled || candidate.isAttendanceRecorded {
                kept.append(
                    KeptSession(
                        id: try candidate.requireID(), start: candidate.startsAt,
                        reason: candidate.isBilled ? "billed" : "attended"))
            } else {
                deleted.append(try candidate.requireID())
            }
        }
        if !deleted.isEmpty { try await Session.query(on: database).filter(\.$id ~~ deleted).delete() }

        let before = SeriesAuditSnapshot(series)
        let head = scope == .thisAndFollowing ? recurrence.split(at: original)?.head : nil
        if let head {
            series.rule = head.rule.description
            try await series.save(on: database)
        } else if try await Session.query(on: database).filter(\.$seriesID == seriesID).count() == 0 {
            try await SeriesExclusion.query(on: database).filter(\.$seriesID == seriesID).delete()
            try await series.delete(on: database)
        } else {
            series.endedAt = Date()
            try await series.save(on: database)
        }
        try await AuditLog(database: database, actor: actor).record(
            scope == .all || head == nil ? "delete" : "end", "series", id: seriesID, before: before,
            after: ["deletedSessions": deleted.count, "keptSessions": kept.count])
        return ScopedChangeResult(changed: [], deleted: deleted, kept: kept, seriesId: seriesID)
    }

    /// The series a scoped change or delete applies to; a session outside a series has none.
    static func seriesID(of session: Session) throws -> UUID {
        guard let id = session.seriesID else {
            throw UseCaseError.invalid("scope", "applies to a session in a repeating series; use scope=this")
        }
        return id
    }
}
