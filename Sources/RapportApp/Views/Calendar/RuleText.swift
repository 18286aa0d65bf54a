import Foundation
import RapportCore

/// A repeat rule in words: "Weekly on Mondays", "Every 2 weeks on Tuesdays and Thursdays",
/// "Monthly on the 2nd Tuesday" — and a whole series summed up before it is booked.
enum RuleText {
    static func describe(_ rule: RecurrenceRule, formatter: DisplayFormat = DisplayFormat()) -> String {
        pattern(rule) + ending(rule.end, formatter: formatter)
    }

    /// "Weekly on Tuesdays at 10:00 AM, 20 sessions, until Apr 13, 2027": the pattern, the time, and
    /// how many sessions there will be and the last one's date, counted from the rule itself (a
    /// series without an end says so).
    static func summary(
        _ rule: RecurrenceRule, start: LocalDateTime, timeZone: TimeZone, formatter: DisplayFormat = DisplayFormat()
    ) -> String {
        let head = "\(pattern(rule)) at \(formatter.time(start.time))"
        guard rule.end != .never else { return head + ", with no end date" }
        var count = 0
        var last = start.date
        for occurrence in Recurrence(rule: rule, start: start, timeZone: timeZone).occurrences {
            count += 1
            last = occurrence.originalStart.date
            // A last date centuries away is counted no further than a series may run.
            if count > RecurrenceRule.maxCount { return head + ", more than \(RecurrenceRule.maxCount) sessions" }
        }
        guard count > 0 else { return head + ": no sessions before the end date" }
        let sessions = count == 1 ? "1 session" : "\(count) sessions"
        return count == 1 ? "\(head), \(sessions) on \(formatter.date(last))" : "\(head), \(sessions), until \(formatter.date(last))"
    }

    private static func pattern(_ rule: RecurrenceRule) -> String {
        var phrase: String
        switch (rule.frequency, rule.interval) {
        case (.daily, 1): phrase = "Daily"
        case (.daily, let n): phrase = "Every \(n) days"
        case (.weekly, 1): phrase = "Weekly"
        case (.weekly, 2): phrase = "Every other week"
        case (.weekly, let n): phrase = "Every \(n) weeks"
        case (.monthly, 1): phrase = "Monthly"
        case (.monthly, let n): phrase = "Every \(n) months"
        }
        if !rule.byDay.isEmpty {
            let days = rule.byDay.map { entry -> String in
                let name = weekdayNames[entry.weekday.mondayIndex]
                guard let ordinal = entry.ordinal else { return rule.frequency == .monthly ? name : name + "s" }
                return ordinal == -1 ? "last \(name)" : "\(ordinalText(ordinal)) \(name)"
            }
            phrase += (rule.frequency == .monthly ? " on the " : " on ") + list(days)
        }
        if !rule.byMonthDay.isEmpty {
            phrase += " on the " + list(rule.byMonthDay.map { $0 == -1 ? "last day" : ordinalText($0) })
        }
        return phrase
    }

    private static func ending(_ end: RecurrenceRule.End, formatter: DisplayFormat) -> String {
        switch end {
        case .never: ""
        case .count(let count): count == 1 ? ", 1 session" : ", \(count) sessions"
        case .until(.date(let date)): ", until \(formatter.date(date))"
        case .until(.utc(let time)): ", until \(formatter.date(time.date))"
        }
    }

    /// English weekday names for the words around them (repeat rules are described in English).
    static let weekdayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// "Mondays", "Mondays and Thursdays", "Mondays, Wednesdays and Fridays".
    private static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + (items.last ?? "")
    }

    static func ordinalText(_ n: Int) -> String {
        switch n {
        case let n where n < 0: "\(-n)th from last"
        case let n where (11...13).contains(n % 100): "\(n)th"
        case let n where n % 10 == 1: "\(n)st"
        case let n where n % 10 == 2: "\(n)nd"
        case let n where n % 10 == 3: "\(n)rd"
        default: "\(n)th"
        }
    }
}
