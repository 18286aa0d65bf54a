import Foundation

/// The columns a list of repeating appointments may have, the names other products give them,
/// and how their values are written.
public enum ScheduleImportField: String, ImportField {
    case externalID, client, clinician, weekday, time, frequency, start, end, duration, service

    /// The names (in ``ImportColumns/key(_:)`` form) that mean this column.
    public static let names: [ScheduleImportField: [String]] = [
        .externalID: ["externalid", "scheduleid", "seriesid", "recurrenceid", "id"],
        .client: ["client", "clientid", "clientname", "patient", "patientname", "name", "clientexternalid"],
        .clinician: ["clinician", "therapist", "provider", "counselor", "primaryclinician"],
        .weekday: ["weekday", "day", "dayofweek"],
        .time: ["time", "starttime", "at", "appointmenttime", "sessiontime"],
        .frequency: ["frequency", "repeats", "repeat", "recurrence", "every"],
        .start: ["start", "startdate", "firstsession", "firstdate", "from", "begins"],
        .end: ["end", "enddate", "until", "lastsession", "lastdate", "to", "ends"],
        .duration: ["duration", "durationminutes", "minutes", "length", "lengthminutes"],
        .service: ["service", "servicecode", "cptcode", "cpt"],
    ]

    public var title: String {
        switch self {
        case .externalID: "external_id"
        case .client: "client"
        case .clinician: "clinician"
        case .weekday: "weekday"
        case .time: "time"
        case .frequency: "frequency"
        case .start: "start_date"
        case .end: "end_date"
        case .duration: "duration_minutes"
        case .service: "service"
        }
    }

    /// `Mon`, `monday`, `MO`, `Thurs`…
    public static func weekday(_ text: String) -> Weekday? {
        let key = text.lowercased().trimmingCharacters(in: CharacterSet.letters.inverted)
        guard key.count >= 2 else { return nil }
        let names: [(String, Weekday)] = [
            ("monday", .monday), ("tuesday", .tuesday), ("wednesday", .wednesday), ("thursday", .thursday),
            ("friday", .friday), ("saturday", .saturday), ("sunday", .sunday),
        ]
        let matches = names.filter { $0.0.hasPrefix(key) }
        return matches.count == 1 ? matches[0].1 : nil
    }

    /// `14:00`, `9:30`, `2:00 PM`, `2pm`, `14.30`.
    public static func time(_ text: String) -> LocalTime? {
        var key = text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: " ", with: "")
        var offset = 0
        if key.hasSuffix("am") || key.hasSuffix("pm") {
            offset = key.hasSuffix("pm") ? 12 : 0
            key.removeLast(2)
            guard let parts = Self.clock(key), (1...12).contains(parts.0) else { return nil }
            return LocalTime(hour: parts.0 % 12 + offset, minute: parts.1)
        }
        guard let parts = Self.clock(key), key.contains(":") || key.contains(".") else { return nil }
        return LocalTime(hour: parts.0, minute: parts.1)
    }

    private static func clock(_ text: String) -> (Int, Int)? {
        let parts = text.split(whereSeparator: { $0 == ":" || $0 == "." }).map(String.init)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }),
            let hour = Int(parts[0]), let minute = parts.count == 2 ? Int(parts[1]) : 0,
            parts.count == 1 || parts[1].count == 2
        else { return nil }
        return (hour, minute)
    }

    /// `50`, `50 min`, `50 minutes`, `50m`: a length in minutes (1 to 600).
    public static func minutes(_ text: String) -> Int? {
        let key = text.trimmingCharacters(in: .whitespaces).lowercased()
        let digits = key.prefix { $0.isASCII && $0.isNumber }
        let unit = key.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
        guard let minutes = Int(digits), (1...600).contains(minutes),
            ["", "m", "min", "mins", "minute", "minutes"].contains(unit)
        else { return nil }
        return minutes
    }

    /// `weekly`, `every 2 weeks`, `biweekly`, `every other week`, `fortnightly`, `monthly`: a
    /// frequency and its interval.
    public static func frequency(_ text: String) -> (RecurrenceRule.Frequency, Int)? {
        let key = text.trimmingCharacters(in: .whitespaces).lowercased()
        switch key {
        case "weekly", "every week", "1 week", "each week": return (.weekly, 1)
        case "biweekly", "bi-weekly", "every other week", "every 2 weeks", "every two weeks", "fortnightly":
            return (.weekly, 2)
        case "monthly", "every month", "once a month": return (.monthly, 1)
        default:
            let words = key.split(separator: " ")
            if words.count == 3, words[0] == "every", let n = Int(words[1]), (1...8).contains(n),
                words[2].hasPrefix("week")
            {
                return (.weekly, n)
            }
            return nil
        }
    }
}
