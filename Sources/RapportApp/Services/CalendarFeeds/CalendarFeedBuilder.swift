import Fluent
import Foundation
import RapportCore
import SQLKit

/// Reads one clinician's sessions and series and writes them as a ``CalendarFeed``: sessions from
/// 90 days back on; each of their series whole (its rule, the occurrences left out, the changed
/// ones), so a calendar app's expansion shows exactly the stored sessions in any range.
struct CalendarFeedBuilder {
    let database: any Database
    let practiceID: UUID
    let clinicianID: UUID
    let now: Date

    /// How far back single sessions are in the feed.
    static let daysBack = 90

    private struct SessionRow {
        let id: UUID
        let seriesID: UUID?
        let seriesClinicianID: UUID?
        let clinicianID: UUID
        let originalStart: LocalDateTime?
        let start: Date
        let durationMinutes: Int
        let location: String?
        let attendance: Attendance
        let first: String
        let last: String

        var cancelled: Bool { attendance == .cancelled || attendance == .lateCancelled }

        init(_ row: any SQLRow) throws {
            id = try row.decode(column: "id", as: UUID.self)
            seriesID = try row.decode(column: "series_id", as: UUID?.self)
            seriesClinicianID = try row.decode(column: "series_clinician_id", as: UUID?.self)
            clinicianID = try row.decode(column: "clinician_id", as: UUID.self)
            originalStart = try row.decode(column: "original_start_local", as: String?.self).map {
                try LocalDateTime(stored: $0, column: "original_start_local")
            }
            start = try row.decode(column: "starts_at", as: Date.self)
            durationMinutes = try row.decode(column: "duration_minutes", as: Int.self)
            location = try row.decode(column: "location", as: String?.self)
            attendance = try Attendance(stored: row.decode(column: "attendance", as: String.self))
            first = try row.decode(column: "first_name", as: String.self)
            last = try row.decode(column: "last_name", as: String.self)
        }
    }

    private static let sessionColumns: SQLQueryString = """
        s.id, s.series_id, sr.clinician_id AS series_clinician_id, s.clinician_id, s.original_start_local,
        s.starts_at, s.duration_minutes, s.location, s.attendance, c.first_name, c.last_name
        FROM sessions s JOIN clients c ON c.id = s.client_id LEFT JOIN series sr ON sr.id = s.series_id
        """

    func render() async throws -> String {
        let sql = try database.sql()
        guard let practice = try await Practice.find(practiceID, on: database),
            let zone = TimeZone(iana: practice.timeZone),
            let clinician = try await Clinician.find(clinicianID, on: database)
        else { throw UseCaseError.notFound("calendar feed") }
        let naming = FeedClientNames(rawValue: try await Self.naming(practiceID, on: sql)) ?? .initials
        let windowStart = zone.startOfDay(zone.localDate(now).adding(days: -Self.daysBack))

        // This clinician's sessions in the window, and the series this clinician has them in.
        let mine = try await sql.raw(
            """
            SELECT \(Self.sessionColumns)
            WHERE s.practice_id = \(bind: practiceID) AND s.clinician_id = \(bind: clinicianID)
            AND s.starts_at >= \(bind: windowStart) ORDER BY s.starts_at, s.id
            """
        ).all().map(SessionRow.init)
        let series = try await Series.query(on: database).filter(\.$practiceID == practiceID)
            .filter(\.$clinicianID == clinicianID)
            .filter(\.$id ~~ Set(mine.compactMap { $0.seriesClinicianID == clinicianID ? $0.seriesID : nil }))
            .all()
        var bySeries: [UUID: [SessionRow]] = [:]
        for ids in series.compactMap(\.id).chunks(of: IDsPerStatement.limit) {
            let rows = try await sql.raw(
                """
                SELECT \(Self.sessionColumns)
                WHERE s.practice_id = \(bind: practiceID) AND s.series_id IN \(SQLBind.group(Array(ids)))
                """
            ).all().map(SessionRow.init)
            for row in rows { bySeries[row.seriesID ?? UUID(), default: []].append(row) }
        }

        var events: [CalendarFeed.Event] = []
        var changedSessions: [(index: Int, id: UUID)] = []
        var seriesEvents: [(index: Int, id: UUID, excluded: Int)] = []
        var earliest = windowStart
        for one in series {
            guard let id = one.id, let seriesZone = TimeZone(iana: one.timeZone),
                let rule = try? RecurrenceRule(parsing: one.rule)
            else { continue }
            let recurrence = Recurrence(rule: rule, start: one.startLocal, timeZone: seriesZone)
            let stored = bySeries[id] ?? []
            let through = min(one.generatedThrough, one.endedAt ?? .distantFuture)
            let plan = SeriesFeedPlan(
                recurrence: recurrence, through: through, durationMinutes: one.durationMinutes,
                stored: stored.compactMap { row in
                    row.originalStart.map {
                        .init(
                            session: row, originalStart: $0, start: row.start, durationMinutes: row.durationMinutes,
                            inFeed: row.clinicianID == clinicianID,
                            asSeries: !row.cancelled && (row.location ?? "") == (one.location ?? ""))
                    }
                })
            guard let client = stored.first else { continue }
            let last = one.endedAt == nil ? nil : recurrence.occurrences.prefix { $0.start < through }.last?.start
            var master = CalendarFeed.Event(
                uid: "series-\(id.uuidString.lowercased())@rapport", sequence: 0, start: one.startLocal,
                zone: seriesZone, durationMinutes: one.durationMinutes,
                summary: naming.summary(first: client.first, last: client.last), location: one.location)
            master.rule = recurrence.feedRule(endingAt: last)
            master.excluded = plan.excluded
            seriesEvents.append((events.count, id, plan.excluded.count))
            events.append(master)
            earliest = min(earliest, seriesZone.instant(of: one.startLocal))
            for changed in plan.changed {
                var event = single(changed.session, zone: seriesZone, naming: naming, uid: master.uid)
                event.recurrenceID = changed.originalStart
                changedSessions.append((events.count, changed.session.id))
                events.append(event)
            }
            for stray in plan.strays {
                changedSessions.append((events.count, stray.session.id))
                events.append(single(stray.session, zone: zone, naming: naming))
            }
        }
        for row in mine where row.seriesID == nil || row.seriesClinicianID != clinicianID {
            changedSessions.append((events.count, row.id))
            events.append(single(row, zone: zone, naming: naming))
        }

        // SEQUENCE: every recorded change to the session or series, and every occurrence left out.
        let changes = try await Self.changeCounts(
            seriesEvents.map(\.id) + changedSessions.map(\.id), practiceID: practiceID, on: sql)
        for (index, id, excluded) in seriesEvents { events[index].sequence = (changes[id] ?? 0) + excluded }
        for (index, id) in changedSessions { events[index].sequence = changes[id] ?? 0 }

        let horizonEnd = series.map(\.generatedThrough).max() ?? now
        return CalendarFeed(
            name: "\(clinician.name) · \(practice.name)", events: events, stamp: now,
            coverage: (earliest, max(horizonEnd, now).addingTimeInterval(2 * 366 * 86_400))
        ).render()
    }

    private func single(
        _ row: SessionRow, zone: TimeZone, naming: FeedClientNames, uid: String? = nil
    ) -> CalendarFeed.Event {
        var event = CalendarFeed.Event(
            uid: uid ?? "session-\(row.id.uuidString.lowercased())@rapport", sequence: 0, start: zone.local(row.start),
            zone: zone, durationMinutes: row.durationMinutes, summary: naming.summary(first: row.first, last: row.last),
            location: row.location)
        event.cancelled = row.cancelled
        return event
    }

    private static func naming(_ practiceID: UUID, on sql: any SQLDatabase) async throws -> String {
        try await sql.raw("SELECT feed_client_names FROM practices WHERE id = \(bind: practiceID)")
            .first()?.decode(column: "feed_client_names", as: String.self) ?? FeedClientNames.initials.rawValue
    }

    /// How many changes the audit log records for each entity (reads and creation aside).
    private static func changeCounts(
        _ ids: [UUID], practiceID: UUID, on sql: any SQLDatabase
    ) async throws -> [UUID: Int] {
        var counts: [UUID: Int] = [:]
        for chunk in ids.chunks(of: IDsPerStatement.limit) {
            for row in try await sql.raw(
                """
                SELECT entity_id, count(*) AS changes FROM audit_events
                WHERE practice_id = \(bind: practiceID) AND entity_id IN \(SQLBind.group(Array(chunk)))
                AND action NOT IN ('read', 'create') GROUP BY entity_id
                """
            ).all() {
                counts[try row.decode(column: "entity_id", as: UUID.self)] = try row.decode(column: "changes", as: Int.self)
            }
        }
        return counts
    }
}
