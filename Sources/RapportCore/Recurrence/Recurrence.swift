import Foundation

/// A repeat rule anchored at a local start date-time in an IANA time zone: everything needed to
/// list a series' occurrences.
public struct Recurrence: Sendable, Hashable {
    public let rule: RecurrenceRule
    public let start: LocalDateTime
    public let timeZone: TimeZone

    public init(rule: RecurrenceRule, start: LocalDateTime, timeZone: TimeZone) {
        self.rule = rule
        self.start = start
        self.timeZone = timeZone
    }

    /// Every occurrence in order, lazily; endless for a rule that never ends.
    public var occurrences: Occurrences { Occurrences(recurrence: self) }

    /// Occurrences starting in `from ..< to`.
    public func occurrences(from: Date, to: Date) -> [Occurrence] {
        var result: [Occurrence] = []
        for occurrence in occurrences {
            if occurrence.start >= to { break }
            if occurrence.start >= from { result.append(occurrence) }
        }
        return result
    }

    /// The occurrence whose original local start is `original`, if the rule produces one.
    public func occurrence(at original: LocalDateTime) -> Occurrence? {
        for occurrence in occurrences {
            if occurrence.originalStart == original { return occurrence }
            if occurrence.originalStart > original { return nil }
        }
        return nil
    }

    /// Whether the start itself is one of the rule's dates (RFC 5545 leaves other starts undefined,
    /// so Rapport refuses them rather than guess).
    public var startIsAnOccurrence: Bool { occurrences.first { _ in true }?.originalStart == start }
}

/// One occurrence of a series.
public struct Occurrence: Hashable, Sendable {
    /// The occurrence's identity within its series: the local date-time the rule gives it,
    /// before any daylight-saving gap shift. Stays the same when the session itself is moved.
    public let originalStart: LocalDateTime
    /// When it happens.
    public let start: Date
    /// Position in the series, from 0.
    public let index: Int
}
