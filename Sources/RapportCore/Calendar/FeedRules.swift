import Foundation

/// How a practice's calendar feeds name clients. A feed is read on phones and by calendar services
/// outside the practice's control, so by default it shows initials.
public enum FeedClientNames: String, Sendable, CaseIterable, Codable {
    /// `A. N.`
    case initials
    /// `Avery Nguyen`
    case fullName
    /// `Session`: no client at all.
    case hidden

    public func summary(first: String, last: String) -> String {
        switch self {
        case .initials:
            let letters = [first, last].compactMap { $0.trimmingCharacters(in: .whitespaces).first }
            return letters.isEmpty ? "Session" : letters.map { "\($0.uppercased())." }.joined(separator: " ")
        case .fullName:
            return "\(first) \(last)".trimmingCharacters(in: .whitespaces)
        case .hidden:
            return "Session"
        }
    }
}

extension Recurrence {
    /// The rule as a feed writes it beside a `DTSTART` with a `TZID`. RFC 5545 wants `UNTIL` in UTC
    /// then, so an `UNTIL` date becomes the last second of that date in the series' zone. A series
    /// ended part-way (deleted from some session on) is given an `UNTIL` at its last occurrence,
    /// `last`, so the calendar shows none after it.
    public func feedRule(endingAt last: Date? = nil) -> String {
        var end = rule.end
        if let last {
            end = .until(.utc(Self.utcWallClock(last)))
        } else if case .until(.date(let date)) = rule.end {
            end = .until(.utc(Self.utcWallClock(timeZone.startOfDay(date.adding(days: 1)).addingTimeInterval(-1))))
        }
        let written = try? RecurrenceRule(
            frequency: rule.frequency, interval: rule.interval, byDay: rule.byDay, byMonthDay: rule.byMonthDay,
            weekStart: rule.weekStart, end: end)
        return (written ?? rule).description
    }

    private static func utcWallClock(_ instant: Date) -> LocalDateTime {
        LocalDateTime(secondsSinceEpochAsUTC: Int(instant.timeIntervalSince1970.rounded(.down)))
    }
}
