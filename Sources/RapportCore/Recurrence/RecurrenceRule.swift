import Foundation

/// A repeat rule: the subset of RFC 5545 RRULE that Rapport schedules and exports.
///
/// `FREQ=DAILY|WEEKLY|MONTHLY`, `INTERVAL`, `BYDAY` (with ordinals such as `2TU` or `-1FR` for
/// monthly rules), `BYMONTHDAY`, `WKST`, and at most one of `COUNT` / `UNTIL`.
/// Build one with ``init(parsing:)`` or the memberwise initializer, which both validate.
public struct RecurrenceRule: Hashable, Sendable {
    public enum Frequency: String, Sendable, CaseIterable {
        case daily = "DAILY", weekly = "WEEKLY", monthly = "MONTHLY"
    }

    /// A `BYDAY` entry: a weekday, with an ordinal within the month for monthly rules (`-1FR`).
    public struct WeekdayNumber: Hashable, Sendable, CustomStringConvertible {
        public let ordinal: Int?
        public let weekday: Weekday

        public init(_ weekday: Weekday, ordinal: Int? = nil) {
            self.weekday = weekday
            self.ordinal = ordinal
        }

        public var description: String { (ordinal.map(String.init) ?? "") + weekday.rawValue }
    }

    /// The last moment a series may have an occurrence, inclusive.
    public enum Until: Hashable, Sendable, CustomStringConvertible {
        /// `UNTIL=20261231`: through the end of that date.
        case date(LocalDate)
        /// `UNTIL=20261231T235959Z`: through that UTC instant, written as a UTC wall-clock time.
        case utc(LocalDateTime)

        public var description: String {
            switch self {
            case .date(let date): date.description.replacingOccurrences(of: "-", with: "")
            case .utc(let time): compact(time) + "Z"
            }
        }
    }

    public enum End: Hashable, Sendable {
        case never
        case count(Int)
        case until(Until)
    }

    /// The most sessions one series may be given by COUNT: over 27 years of daily sessions, and far
    /// from any arithmetic limit. A longer series is open-ended or ends on a date.
    public static let maxCount = 10_000

    public let frequency: Frequency
    public let interval: Int
    public let byDay: [WeekdayNumber]
    public let byMonthDay: [Int]
    public let weekStart: Weekday
    public let end: End

    /// Creates a rule, refusing combinations RFC 5545 forbids or Rapport does not support.
    public init(
        frequency: Frequency, interval: Int = 1, byDay: [WeekdayNumber] = [], byMonthDay: [Int] = [],
        weekStart: Weekday = .monday, end: End = .never
    ) throws(RecurrenceRuleError) {
        guard interval >= 1 else { throw .init("INTERVAL must be 1 or more", part: .interval) }
        guard interval <= 1000 else { throw .init("INTERVAL must be at most 1000", part: .interval) }
        if case .count(let count) = end {
            guard count >= 1 else { throw .init("COUNT must be 1 or more", part: .count) }
            guard count <= Self.maxCount else { throw .init("COUNT must be at most \(Self.maxCount)", part: .count) }
        }
        for entry in byDay {
            guard let ordinal = entry.ordinal else { continue }
            guard frequency == .monthly else {
                throw .init("BYDAY ordinals such as \(entry) are only allowed with FREQ=MONTHLY", part: .byDay)
            }
            // Ranges, not abs(): abs(Int.min) traps, and the value comes from outside.
            guard (-5...5).contains(ordinal), ordinal != 0 else {
                throw .init("BYDAY ordinal in \(entry) must be between -5 and 5 and not 0", part: .byDay)
            }
        }
        guard Set(byDay).count == byDay.count else { throw .init("BYDAY lists a day twice", part: .byDay) }
        for day in byMonthDay where day == 0 || !(-31...31).contains(day) {
            throw .init("BYMONTHDAY value \(day) must be between 1 and 31 or -31 and -1", part: .byMonthDay)
        }
        guard Set(byMonthDay).count == byMonthDay.count else {
            throw .init("BYMONTHDAY lists a day twice", part: .byMonthDay)
        }
        if frequency == .weekly, !byMonthDay.isEmpty {
            throw .init("BYMONTHDAY cannot be used with FREQ=WEEKLY", part: .byMonthDay)
        }
        self.frequency = frequency
        self.interval = interval
        self.byDay = byDay
        self.byMonthDay = byMonthDay
        self.weekStart = weekStart
        self.end = end
    }

    /// The same rule with another end (used when a series is split or shortened).
    public func ending(_ end: End) -> RecurrenceRule {
        // Every other part was validated already and `end` cannot make it invalid except a bad COUNT.
        (try? RecurrenceRule(
            frequency: frequency, interval: interval, byDay: byDay, byMonthDay: byMonthDay,
            weekStart: weekStart, end: end)) ?? self
    }
}

/// Why a repeat rule was refused, in words a user can act on.
public struct RecurrenceRuleError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The part of the rule that is wrong, when the refusal is about one part.
    public enum Part: String, Sendable, CaseIterable {
        case frequency = "FREQ", interval = "INTERVAL", byDay = "BYDAY", byMonthDay = "BYMONTHDAY"
        case weekStart = "WKST", count = "COUNT", until = "UNTIL"
    }

    public let message: String
    public let part: Part?

    public init(_ message: String, part: Part? = nil) {
        self.message = message
        self.part = part
    }

    public var description: String { message }
}

func compact(_ time: LocalDateTime) -> String {
    time.description.replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
}
