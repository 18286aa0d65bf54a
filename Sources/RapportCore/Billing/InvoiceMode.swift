/// How a practice's invoices are made.
public enum InvoiceMode: String, Sendable, Codable, CaseIterable {
    /// Only by hand.
    case manual
    /// Each day, one invoice per client for the previous day's billable sessions.
    case daily
    /// One invoice per client per calendar month, made once the month is over.
    case monthly

    /// The billing period that `date` falls in: the day itself, or its calendar month.
    public func period(containing date: LocalDate) -> ClosedRange<LocalDate> {
        switch self {
        case .manual, .daily:
            return date...date
        case .monthly:
            let first = LocalDate(daysSinceEpoch: date.daysSinceEpoch - (date.day - 1))
            return first...first.adding(days: date.daysInMonth - 1)
        }
    }

    /// Whether sessions dated `date` are due on an automatic run made through `through`
    /// (inclusive): the whole period must be over by then.
    public func isDue(_ date: LocalDate, through: LocalDate) -> Bool {
        self != .manual && period(containing: date).upperBound <= through
    }

    /// The last date whose sessions are due on a run through `through` — every earlier date is due
    /// too, so a run reads one range of dates — or nil for `manual`, where nothing is.
    public func lastDueDate(through: LocalDate) -> LocalDate? {
        guard self != .manual else { return nil }
        let period = period(containing: through)
        return period.upperBound <= through ? period.upperBound : period.lowerBound.adding(days: -1)
    }
}
