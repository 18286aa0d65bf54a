import Foundation

/// The occurrences of a ``Recurrence`` in order, expanded period by period as RFC 5545 describes:
/// a candidate date that does not exist (the 31st of a 30-day month, the 5th Friday) is skipped
/// and does not count towards `COUNT`.
public struct Occurrences: Sequence, Sendable {
    let recurrence: Recurrence

    public func makeIterator() -> Iterator { Iterator(recurrence) }

    public struct Iterator: IteratorProtocol {
        private let rule: RecurrenceRule
        private let start: LocalDateTime
        private let timeZone: TimeZone
        private var period = 0
        private var pending: [LocalDate] = []
        private var produced = 0
        private var emptyPeriods = 0
        private var finished = false

        /// After this many periods in a row without a date the rule can never match again
        /// (the Gregorian calendar repeats every 146,097 days).
        private static let maxEmptyPeriods = 146_097

        init(_ recurrence: Recurrence) {
            rule = recurrence.rule
            start = recurrence.start
            timeZone = recurrence.timeZone
        }

        public mutating func next() -> Occurrence? {
            while !finished {
                if pending.isEmpty {
                    fillNextPeriod()
                    continue
                }
                let date = pending.removeFirst()
                let original = LocalDateTime(date: date, time: start.time)
                let instant = timeZone.instant(of: original)
                if isPastUntil(date: date, instant: instant) {
                    finished = true
                    return nil
                }
                let occurrence = Occurrence(originalStart: original, start: instant, index: produced)
                produced += 1
                if case .count(let count) = rule.end, produced >= count { finished = true }
                return occurrence
            }
            return nil
        }

        private func isPastUntil(date: LocalDate, instant: Date) -> Bool {
            guard case .until(let until) = rule.end else { return false }
            switch until {
            case .date(let last): return date > last
            case .utc(let last):
                return instant.timeIntervalSince1970 > TimeInterval(last.secondsSinceEpochAsUTC)
            }
        }

        private mutating func fillNextPeriod() {
            let candidates = datesInPeriod(period)
            period += 1
            guard let candidates else {
                finished = true
                return
            }
            pending = candidates.filter { $0 >= start.date }
            emptyPeriods = pending.isEmpty ? emptyPeriods + 1 : 0
            if emptyPeriods > Self.maxEmptyPeriods { finished = true }
        }

        /// The rule's dates in period `index` in order, or `nil` past the end of the calendar.
        private func datesInPeriod(_ index: Int) -> [LocalDate]? {
            switch rule.frequency {
            case .daily:
                let date = start.date.adding(days: index * rule.interval)
                guard date.year <= 9999 else { return nil }
                return matchesFilters(date) ? [date] : []
            case .weekly:
                let firstWeekStart = start.date.adding(days: -rule.weekStart.days(until: start.date.weekday))
                let weekStart = firstWeekStart.adding(days: 7 * index * rule.interval)
                guard weekStart.year <= 9999 else { return nil }
                let days = rule.byDay.isEmpty ? [start.date.weekday] : rule.byDay.map(\.weekday)
                return days.map { rule.weekStart.days(until: $0) }.sorted().map { weekStart.adding(days: $0) }
            case .monthly:
                let monthNumber = start.date.year * 12 + (start.date.month - 1) + index * rule.interval
                let year = monthNumber / 12
                guard year <= 9999 else { return nil }
                return datesInMonth(year: year, month: monthNumber % 12 + 1)
            }
        }

        private func matchesFilters(_ date: LocalDate) -> Bool {
            if !rule.byDay.isEmpty, !rule.byDay.contains(where: { $0.weekday == date.weekday }) { return false }
            if !rule.byMonthDay.isEmpty, !rule.byMonthDay.contains(where: { resolve($0, in: date) == date.day }) {
                return false
            }
            return true
        }

        private func resolve(_ monthDay: Int, in date: LocalDate) -> Int {
            monthDay > 0 ? monthDay : date.daysInMonth + monthDay + 1
        }

        private func datesInMonth(year: Int, month: Int) -> [LocalDate] {
            let length = LocalDate.daysIn(month: month, year: year)
            var days: Set<Int>
            if !rule.byMonthDay.isEmpty {
                days = Set(rule.byMonthDay.map { $0 > 0 ? $0 : length + $0 + 1 }.filter { (1...length).contains($0) })
                if !rule.byDay.isEmpty { days.formIntersection(byDayDays(year: year, month: month, length: length)) }
            } else if !rule.byDay.isEmpty {
                days = byDayDays(year: year, month: month, length: length)
            } else {
                days = start.date.day <= length ? [start.date.day] : []
            }
            return days.sorted().compactMap { LocalDate(year: year, month: month, day: $0) }
        }

        /// Days of the month named by `BYDAY`: every such weekday, or the n-th / n-th-from-last.
        private func byDayDays(year: Int, month: Int, length: Int) -> Set<Int> {
            guard let first = LocalDate(year: year, month: month, day: 1) else { return [] }
            var days = Set<Int>()
            for entry in rule.byDay {
                let firstMatch = 1 + first.weekday.days(until: entry.weekday)
                let all = Array(stride(from: firstMatch, through: length, by: 7))
                switch entry.ordinal {
                case nil: days.formUnion(all)
                case let n? where n > 0: if n <= all.count { days.insert(all[n - 1]) }
                case let n?: if -n <= all.count { days.insert(all[all.count + n]) }
                }
            }
            return days
        }
    }
}
