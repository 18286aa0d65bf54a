import RapportCore

/// A repeat rule in words: "Weekly on Mon", "Every 2 weeks on Tue, Thu", "Monthly on the 2nd Tue".
enum RuleText {
    static func describe(_ rule: RecurrenceRule) -> String {
        let days = rule.byDay.map { entry -> String in
            let name = DisplayFormat.weekdayNames[entry.weekday.mondayIndex]
            guard let ordinal = entry.ordinal else { return name }
            return ordinal == -1 ? "last \(name)" : "\(ordinalText(ordinal)) \(name)"
        }
        var phrase: String
        switch (rule.frequency, rule.interval) {
        case (.daily, 1): phrase = "Daily"
        case (.daily, let n): phrase = "Every \(n) days"
        case (.weekly, 1): phrase = "Weekly"
        case (.weekly, let n): phrase = "Every \(n) weeks"
        case (.monthly, 1): phrase = "Monthly"
        case (.monthly, let n): phrase = "Every \(n) months"
        }
        if !days.isEmpty { phrase += (rule.frequency == .monthly ? " on the " : " on ") + days.joined(separator: ", ") }
        if !rule.byMonthDay.isEmpty {
            phrase += " on day " + rule.byMonthDay.map { $0 == -1 ? "last" : String($0) }.joined(separator: ", ")
        }
        switch rule.end {
        case .never: break
        case .count(let count): phrase += ", \(count) sessions"
        case .until(.date(let date)): phrase += ", until \(date)"
        case .until(.utc(let time)): phrase += ", until \(time.date)"
        }
        return phrase
    }

    static func ordinalText(_ n: Int) -> String {
        switch n {
        case 1: "1st"
        case 2: "2nd"
        case 3: "3rd"
        case let n where n < 0: "\(-n)th from last"
        default: "\(n)th"
        }
    }
}
