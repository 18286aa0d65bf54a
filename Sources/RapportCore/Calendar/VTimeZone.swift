import Foundation

/// A `VTIMEZONE` for an IANA zone over a span of time, written from the zone's own transitions
/// (Foundation's time zone database): one `STANDARD` or `DAYLIGHT` part for the offset in force at
/// the start of the span, then one for each change of offset in it. Explicit onsets rather than
/// yearly rules, so a zone whose rules changed in the span is still described exactly.
public enum VTimeZone {
    public static func write(_ zone: TimeZone, from start: Date, to end: Date, into out: inout ICalendarText) {
        out.begin("VTIMEZONE")
        out.line("TZID", zone.identifier)
        let first = zone.secondsFromGMT(for: start)
        part(
            zone: zone, daylight: zone.isDaylightSavingTime(for: start),
            onset: zone.local(start).date.atMidnight, from: first, to: first, into: &out)
        var cursor = start
        while let change = zone.nextDaylightSavingTimeTransition(after: cursor), change <= end {
            let before = zone.secondsFromGMT(for: change.addingTimeInterval(-1))
            let after = zone.secondsFromGMT(for: change)
            // The onset is written in the local time in force before it (RFC 5545 §3.6.5).
            let onset = LocalDateTime(
                secondsSinceEpochAsUTC: Int(change.timeIntervalSince1970.rounded(.down)) + before)
            part(
                zone: zone, daylight: zone.isDaylightSavingTime(for: change), onset: onset, from: before, to: after,
                into: &out)
            cursor = change
        }
        out.end("VTIMEZONE")
    }

    private static func part(
        zone: TimeZone, daylight: Bool, onset: LocalDateTime, from: Int, to: Int, into out: inout ICalendarText
    ) {
        let name = daylight ? "DAYLIGHT" : "STANDARD"
        out.begin(name)
        out.line("DTSTART", ICalendarText.basic(onset))
        out.line("TZOFFSETFROM", offset(from))
        out.line("TZOFFSETTO", offset(to))
        out.end(name)
    }

    /// `-0500`, `+0530`
    static func offset(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let minutes = abs(seconds) / 60
        return String(format: "%@%02d%02d", sign, minutes / 60, minutes % 60)
    }
}

extension LocalDate {
    var atMidnight: LocalDateTime { LocalDateTime(date: self, time: LocalTime(secondsIntoDay: 0)) }
}
