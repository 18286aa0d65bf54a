/// The ways a booking form offers to repeat a session, in the words a practice uses.
public enum RepeatChoice: String, Sendable, CaseIterable {
    /// Every week on the first session's weekday.
    case weekly
    /// Every other week.
    case biweekly
    /// Every N weeks (N given apart).
    case everyNWeeks
    /// Monthly on the same weekday of the month as the first session: the 2nd Tuesday, or the last
    /// Friday when the first session is in a month's fifth week.
    case monthlyWeekday
    /// Monthly on the same day of the month (months without that day are skipped, per RFC 5545).
    case monthlyDate
}

/// How a repeating series ends.
public enum RepeatEnd: Hashable, Sendable {
    case never
    case after(sessions: Int)
    case on(LocalDate)
}

extension RecurrenceRule {
    /// The rule a form's repeat choice means for a series whose first session is on `start`.
    /// - Parameter everyWeeks: the N of ``RepeatChoice/everyNWeeks`` (ignored for the others).
    public init(
        repeating choice: RepeatChoice, everyWeeks: Int? = nil, from start: LocalDate, ending end: RepeatEnd
    ) throws(RecurrenceRuleError) {
        let weekday = start.weekday
        let ruleEnd: End
        switch end {
        case .never: ruleEnd = .never
        case .after(let sessions): ruleEnd = .count(sessions)
        case .on(let last):
            guard last >= start else {
                throw .init("the last date, \(last), is before the first session on \(start)")
            }
            ruleEnd = .until(.date(last))
        }
        switch choice {
        case .weekly:
            try self.init(frequency: .weekly, byDay: [WeekdayNumber(weekday)], end: ruleEnd)
        case .biweekly:
            try self.init(frequency: .weekly, interval: 2, byDay: [WeekdayNumber(weekday)], end: ruleEnd)
        case .everyNWeeks:
            guard let everyWeeks else { throw .init("say how many weeks apart the sessions are") }
            try self.init(frequency: .weekly, interval: everyWeeks, byDay: [WeekdayNumber(weekday)], end: ruleEnd)
        case .monthlyWeekday:
            let nth = (start.day - 1) / 7 + 1
            try self.init(
                frequency: .monthly, byDay: [WeekdayNumber(weekday, ordinal: nth == 5 ? -1 : nth)], end: ruleEnd)
        case .monthlyDate:
            try self.init(frequency: .monthly, byMonthDay: [start.day], end: ruleEnd)
        }
    }
}
