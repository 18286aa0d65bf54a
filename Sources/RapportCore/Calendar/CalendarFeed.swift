import Foundation

/// A calendar feed (RFC 5545 `VCALENDAR`): one `VTIMEZONE` per zone its events use, then the
/// events — a repeating series as one event with `RRULE` and `EXDATE`, its changed occurrences as
/// events with the same `UID` and a `RECURRENCE-ID`, and single sessions on their own.
public struct CalendarFeed: Sendable {
    /// One `VEVENT`.
    public struct Event: Sendable, Equatable {
        public var uid: String
        /// Moves on with every change a calendar app should notice.
        public var sequence: Int
        /// Wall-clock start in `zone`.
        public var start: LocalDateTime
        public var zone: TimeZone
        public var durationMinutes: Int
        public var summary: String
        public var location: String?
        public var cancelled = false
        /// The repeat rule (`FREQ=WEEKLY;BYDAY=MO`), for a series.
        public var rule: String?
        /// Occurrences of the rule that do not happen in this calendar, by their original start.
        public var excluded: [LocalDateTime] = []
        /// For a changed occurrence: the original start of the occurrence it replaces.
        public var recurrenceID: LocalDateTime?

        public init(
            uid: String, sequence: Int, start: LocalDateTime, zone: TimeZone, durationMinutes: Int, summary: String,
            location: String? = nil
        ) {
            self.uid = uid
            self.sequence = sequence
            self.start = start
            self.zone = zone
            self.durationMinutes = durationMinutes
            self.summary = summary
            self.location = location
        }
    }

    public let name: String
    public let events: [Event]
    /// When the feed was made (`DTSTAMP`).
    public let stamp: Date
    /// The span the time zone descriptions cover: the earliest start to the end of the horizon.
    public let coverage: (from: Date, to: Date)

    public init(name: String, events: [Event], stamp: Date, coverage: (from: Date, to: Date)) {
        self.name = name
        self.events = events
        self.stamp = stamp
        self.coverage = coverage
    }

    public func render() -> String {
        var out = ICalendarText()
        out.begin("VCALENDAR")
        out.line("VERSION", "2.0")
        out.line("PRODID", "-//Rapport//Practice calendar//EN")
        out.line("CALSCALE", "GREGORIAN")
        out.line("METHOD", "PUBLISH")
        out.text("X-WR-CALNAME", name)
        // Calendar apps that honour it look again every hour.
        out.line("REFRESH-INTERVAL", "PT1H", parameters: [("VALUE", "DURATION")])
        out.line("X-PUBLISHED-TTL", "PT1H")
        var zones: [String: TimeZone] = [:]
        for event in events { zones[event.zone.identifier] = event.zone }
        for (_, zone) in zones.sorted(by: { $0.key < $1.key }) {
            VTimeZone.write(zone, from: coverage.from, to: coverage.to, into: &out)
        }
        for event in events { write(event, into: &out) }
        out.end("VCALENDAR")
        return out.text
    }

    private func write(_ event: Event, into out: inout ICalendarText) {
        out.begin("VEVENT")
        out.line("UID", event.uid)
        out.utc("DTSTAMP", stamp)
        out.line("SEQUENCE", String(event.sequence))
        if let recurrenceID = event.recurrenceID { out.local("RECURRENCE-ID", recurrenceID, zone: event.zone) }
        out.local("DTSTART", event.start, zone: event.zone)
        out.line("DURATION", "PT\(event.durationMinutes)M")
        if let rule = event.rule { out.line("RRULE", rule) }
        for excluded in event.excluded.sorted() { out.local("EXDATE", excluded, zone: event.zone) }
        out.text("SUMMARY", event.summary)
        if let location = event.location, !location.isEmpty { out.text("LOCATION", location) }
        out.line("STATUS", event.cancelled ? "CANCELLED" : "CONFIRMED")
        out.line("TRANSP", "OPAQUE")
        out.end("VEVENT")
    }
}
