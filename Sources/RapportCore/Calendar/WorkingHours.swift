/// When a clinician works: spans of the day per weekday (a day may have two, around a break; a
/// day with none is a day off). No hours at all means none were set: nothing is outside them.
public struct WorkingHours: Sendable, Hashable {
    public struct Span: Sendable, Hashable {
        public let weekday: Weekday
        public let start: LocalTime
        public let end: LocalTime

        public init(weekday: Weekday, start: LocalTime, end: LocalTime) {
            self.weekday = weekday
            self.start = start
            self.end = end
        }
    }

    /// Sorted by weekday (Monday first), then start.
    public let spans: [Span]

    public static let none = WorkingHours(checked: [])

    private init(checked spans: [Span]) {
        self.spans = spans.sorted { ($0.weekday.mondayIndex, $0.start) < ($1.weekday.mondayIndex, $1.start) }
    }

    /// Checks the spans: each ends after it starts, and spans of one day do not overlap. Returns
    /// the problem for each span at fault, by its position, when any is.
    public static func make(_ spans: [Span]) -> Result<WorkingHours, SpanProblems> {
        var problems: [Int: String] = [:]
        for (index, span) in spans.enumerated() where span.end <= span.start {
            problems[index] = "must end after it starts"
        }
        for (index, span) in spans.enumerated() where problems[index] == nil {
            let overlapping = spans.indices.contains { other in
                other < index && problems[other] == nil && spans[other].weekday == span.weekday
                    && spans[other].start < span.end && span.start < spans[other].end
            }
            if overlapping { problems[index] = "overlaps another span of the same day" }
        }
        return problems.isEmpty ? .success(WorkingHours(checked: spans)) : .failure(SpanProblems(byIndex: problems))
    }

    public struct SpanProblems: Error, Sendable, Hashable {
        public let byIndex: [Int: String]
    }

    public var isSet: Bool { !spans.isEmpty }

    /// Whether a session from `start` lasting `minutes` lies wholly within one span of its day
    /// (always, when no hours are set).
    public func covers(start: LocalDateTime, minutes: Int) -> Bool {
        guard isSet else { return true }
        let from = start.time.minutesIntoDay
        let to = from + minutes
        return spans.contains { $0.weekday == start.date.weekday && $0.start.minutesIntoDay <= from && to <= $0.end.minutesIntoDay }
    }

    /// The stretches of `weekday` between `firstHour` and `lastHour` outside the working spans, as
    /// minutes into the day: what the calendar shades. Nothing when no hours are set.
    public func offHours(on weekday: Weekday, from firstHour: Int, to lastHour: Int) -> [Range<Int>] {
        guard isSet else { return [] }
        var cursor = firstHour * 60
        let close = lastHour * 60
        var gaps: [Range<Int>] = []
        for span in spans where span.weekday == weekday {
            let start = max(cursor, min(close, span.start.minutesIntoDay))
            if start > cursor { gaps.append(cursor..<start) }
            cursor = max(cursor, min(close, span.end.minutesIntoDay))
        }
        if cursor < close { gaps.append(cursor..<close) }
        return gaps
    }

    /// The spans on `weekday`, for saying what the hours are.
    public func spans(on weekday: Weekday) -> [Span] { spans.filter { $0.weekday == weekday } }
}

extension LocalTime {
    /// Minutes since midnight.
    public var minutesIntoDay: Int { hour * 60 + minute }

    /// `09:05`: hours and minutes on a 24-hour clock, as forms and the API write a time of day.
    public var hoursAndMinutes: String {
        (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }
}
