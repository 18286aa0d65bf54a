/// The No Surprises Act's Good Faith Estimate rules for uninsured and self-pay clients (45 CFR
/// 149.610): when an estimate is due, how many sessions a series is expected to hold over the
/// period it covers, and when billed charges pass the estimate by enough for the client to dispute.
/// Business days are Monday to Friday; federal holidays are not counted out.
public enum GoodFaithEstimateRules {
    /// The longest period one estimate may cover.
    public static let maxPeriodMonths = 12
    /// Billed charges this far above a provider's estimated total let the client dispute the bill.
    public static let disputeThreshold: Int64 = 40_000

    public static func isBusinessDay(_ date: LocalDate) -> Bool { date.weekday != .saturday && date.weekday != .sunday }

    /// The business days after `from`, up to and including `to` (0 when `to` is not after `from`).
    public static func businessDays(after from: LocalDate, through to: LocalDate) -> Int {
        guard to > from else { return 0 }
        let days = from.days(until: to)
        let weeks = days / 7
        var count = weeks * 5
        var day = from.adding(days: weeks * 7)
        while day < to {
            day = day.adding(days: 1)
            if isBusinessDay(day) { count += 1 }
        }
        return count
    }

    /// The date `count` business days after `date`.
    public static func adding(businessDays count: Int, to date: LocalDate) -> LocalDate {
        var day = date
        var left = count
        while left > 0 {
            day = day.adding(days: 1)
            if isBusinessDay(day) { left -= 1 }
        }
        return day
    }

    /// The last business day before `date`.
    public static func businessDay(before date: LocalDate) -> LocalDate {
        var day = date.adding(days: -1)
        while !isBusinessDay(day) { day = day.adding(days: -1) }
        return day
    }

    /// What makes an estimate due.
    public enum Trigger: Sendable, Hashable {
        /// A service was scheduled on `on` for `service`.
        case scheduled(on: LocalDate, service: LocalDate)
        /// The client asked for one on `on`.
        case requested(on: LocalDate)
    }

    /// The last day an estimate may be given: 1 business day after scheduling a service 3 to 9
    /// business days away, 3 business days after scheduling one 10 or more away, 3 business days
    /// after a request. Nil when none is required (a service fewer than 3 business days away).
    public static func due(_ trigger: Trigger) -> LocalDate? {
        switch trigger {
        case .requested(let on):
            return adding(businessDays: 3, to: on)
        case .scheduled(let on, let service):
            switch businessDays(after: on, through: service) {
            case ..<3: return nil
            case 3..<10: return adding(businessDays: 1, to: on)
            default: return adding(businessDays: 3, to: on)
            }
        }
    }

    /// A changed estimate (a fee changed, a service added) is due 1 business day before the service.
    public static func revisionDue(service: LocalDate) -> LocalDate { businessDay(before: service) }

    /// The last day of an estimate's period starting on `start` and lasting `months` (1 to 12).
    public static func periodEnd(start: LocalDate, months: Int) -> LocalDate {
        let months = min(max(months, 1), maxPeriodMonths)
        let total = start.year * 12 + (start.month - 1) + months
        let year = total / 12
        let month = total % 12 + 1
        let day = min(start.day, LocalDate.daysIn(month: month, year: year))
        return (LocalDate(year: year, month: month, day: day) ?? start).adding(days: -1)
    }

    /// How many sessions of `recurrence` start within `period` (its local dates, inclusive).
    public static func sessions(of recurrence: Recurrence, within period: ClosedRange<LocalDate>) -> Int {
        var count = 0
        for occurrence in recurrence.occurrences {
            let date = occurrence.originalStart.date
            if date > period.upperBound { break }
            if date >= period.lowerBound { count += 1 }
        }
        return count
    }

    /// Whether charges billed for a provider's services pass the provider's estimated total by the
    /// dispute threshold ($400) or more.
    public static func exceedsEstimate(billed: Money, estimated: Money) -> Bool {
        billed.amount - estimated.amount >= disputeThreshold
    }
}
