import Fluent
import Foundation
import RapportCore

/// Stores a series' occurrences as sessions up to the rolling horizon, and brings stored sessions
/// back in line after the series changes. Sessions that are billed, have attendance recorded, or
/// were edited on their own are never touched; they are reported as kept.
struct SeriesMaterializer {
    let database: any Database
    let practice: PracticeContext
    let settings: Settings

    struct Outcome {
        var changed: [Session] = []
        var deleted: [UUID] = []
        var kept: [KeptSession] = []
    }

    /// The instant up to which occurrences are stored: the end of the (UTC) day the configured
    /// horizon reaches from now. Whole days, so the horizon moves once a day and the job that
    /// follows it touches each series once a day, not on every run or server start.
    var horizon: Date { Self.horizon(settings) }

    static func horizon(_ settings: Settings, now: Date = Date()) -> Date {
        let ahead =
            Calendar(identifier: .gregorian).date(byAdding: .month, value: settings.horizonMonths, to: now)
            ?? now.addingTimeInterval(Double(settings.horizonMonths) * 31 * 86_400)
        return Date(timeIntervalSince1970: ((ahead.timeIntervalSince1970 / 86_400).rounded(.down) + 1) * 86_400)
    }

    /// Makes `existing` (the series' stored sessions in the edited range) match the series' rule
    /// and fields: updates in place where an occurrence's date still occurs, deletes the rest,
    /// inserts what is missing. Occurrences are matched by date (a series has one per date).
    func reconcile(_ series: Series, existing: [Session]) async throws -> Outcome {
        let recurrence = try series.recurrence()
        let seriesID = try series.requireID()
        let horizon = self.horizon
        let excluded = Set(
            try await SeriesExclusion.query(on: database).filter(\.$seriesID == seriesID).all()
                .map(\.originalStartLocal.date))
        var outcome = Outcome()
        var keptDates = Set<LocalDate>()
        var movable: [LocalDate: Session] = [:]
        for session in existing {
            let date = session.originalStartLocal?.date
            if let reason = Self.keepReason(session) {
                outcome.kept.append(KeptSession(id: try session.requireID(), start: session.startsAt, reason: reason))
                if let date { keptDates.insert(date) }
            } else if let date, movable[date] == nil {
                movable[date] = session
            } else {
                outcome.deleted.append(try session.requireID())
            }
        }
        let rules = try await PricingRulesLoader(database: database, practice: practice).rules(
            forClient: series.clientID)
        let repricer = Repricer(database: database, practice: practice)
        for occurrence in recurrence.occurrences {
            if occurrence.start >= horizon { break }
            let date = occurrence.originalStart.date
            guard !keptDates.contains(date), !excluded.contains(date) else { continue }
            let session = movable.removeValue(forKey: date) ?? Session()
            fill(session, from: series, occurrence: occurrence)
            session.apply(try repricer.price(session, rules: rules))
            try await session.save(on: database)
            outcome.changed.append(session)
        }
        outcome.deleted += try movable.values.map { try $0.requireID() }
        if !outcome.deleted.isEmpty {
            try await Session.query(on: database).filter(\.$id ~~ outcome.deleted).delete()
        }
        series.generatedThrough = max(series.generatedThrough, horizon)
        try await series.save(on: database)
        return outcome
    }

    /// Stores occurrences between `generatedThrough` and the horizon (the daily job); returns how many.
    @discardableResult
    func extend(_ series: Series) async throws -> Int {
        let horizon = self.horizon
        guard series.endedAt == nil, series.generatedThrough < horizon else { return 0 }
        let seriesID = try series.requireID()
        let occurrences = try series.recurrence().occurrences(from: series.generatedThrough, to: horizon)
        let stored = Set(
            try await Session.query(on: database).filter(\.$seriesID == seriesID)
                .filter(\.$startsAt >= series.generatedThrough.addingTimeInterval(-86_400)).all()
                .compactMap { $0.originalStartLocal?.date })
        let excluded = Set(
            try await SeriesExclusion.query(on: database).filter(\.$seriesID == seriesID).all()
                .map(\.originalStartLocal.date))
        let rules = try await PricingRulesLoader(database: database, practice: practice).rules(
            forClient: series.clientID)
        let repricer = Repricer(database: database, practice: practice)
        var added = 0
        for occurrence in occurrences
        where !stored.contains(occurrence.originalStart.date) && !excluded.contains(occurrence.originalStart.date) {
            let session = Session()
            fill(session, from: series, occurrence: occurrence)
            session.apply(try repricer.price(session, rules: rules))
            try await session.create(on: database)
            added += 1
        }
        series.generatedThrough = horizon
        try await series.save(on: database)
        return added
    }

    static func keepReason(_ session: Session) -> String? {
        if session.isBilled { return "billed" }
        if session.isAttendanceRecorded { return "attended" }
        if session.isException { return "editedIndividually" }
        return nil
    }

    private func fill(_ session: Session, from series: Series, occurrence: Occurrence) {
        session.practiceID = series.practiceID
        session.clientID = series.clientID
        session.clinicianID = series.clinicianID
        session.seriesID = series.id
        session.originalStartLocal = occurrence.originalStart
        session.startsAt = occurrence.start
        session.durationMinutes = series.durationMinutes
        session.location = series.location
        session.placeOfService = series.placeOfService
        session.chosenServiceID = series.chosenServiceID
        session.feeOverride = series.feeOverride
        if session.id == nil {
            session.attendance = .scheduled
            session.isException = false
        }
    }
}

extension Series {
    /// The series' rule, start and zone as a Core ``Recurrence``.
    func recurrence() throws -> Recurrence {
        guard let rule = try? RecurrenceRule(parsing: rule),
            let zone = TimeZone(iana: timeZone)
        else { throw UseCaseError(.internalFailure, code: "internal_error", message: "a stored series is unreadable") }
        return Recurrence(rule: rule, start: startLocal, timeZone: zone)
    }
}
