import Foundation

extension RecurrenceRule: CustomStringConvertible, Codable {
    /// Parses an RRULE value such as `FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=10`
    /// (an `RRULE:` prefix is accepted). Every refusal says which part is wrong and why.
    public init(parsing text: String) throws(RecurrenceRuleError) {
        var body = Substring(text.trimmingSpaces)
        if body.uppercased().hasPrefix("RRULE:") { body = body.dropFirst(6) }
        guard !body.isEmpty else { throw .init("the rule is empty; it needs at least FREQ") }
        var parts: [String: String] = [:]
        for piece in body.split(separator: ";", omittingEmptySubsequences: true) {
            let pair = piece.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2, !pair[1].isEmpty else { throw .init("'\(piece)' is not NAME=VALUE") }
            let name = pair[0].uppercased()
            guard parts[name] == nil else { throw .init("\(name) appears twice") }
            parts[name] = pair[1].uppercased()
        }
        let supported: Set = ["FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "WKST", "COUNT", "UNTIL"]
        if let unknown = parts.keys.sorted().first(where: { !supported.contains($0) }) {
            throw .init("\(unknown) is not supported; use FREQ, INTERVAL, BYDAY, BYMONTHDAY, WKST, COUNT or UNTIL")
        }
        guard let freqText = parts["FREQ"] else { throw .init("FREQ is required", part: .frequency) }
        guard let frequency = Frequency(rawValue: freqText) else {
            throw .init("FREQ=\(freqText) is not supported; use DAILY, WEEKLY or MONTHLY", part: .frequency)
        }
        let interval =
            try parts["INTERVAL"].map { text throws(RecurrenceRuleError) in
                guard let value = Int(text) else {
                    throw .init("INTERVAL must be a whole number, not '\(text)'", part: .interval)
                }
                return value
            } ?? 1
        let byDay = try (parts["BYDAY"]?.split(separator: ",") ?? []).map(Self.weekdayNumber)
        let byMonthDay = try (parts["BYMONTHDAY"]?.split(separator: ",") ?? []).map {
            text throws(RecurrenceRuleError) in
            guard let value = Int(text) else {
                throw .init("BYMONTHDAY value '\(text)' is not a number", part: .byMonthDay)
            }
            return value
        }
        let weekStart =
            try parts["WKST"].map { text throws(RecurrenceRuleError) in
                guard let day = Weekday(rawValue: text) else {
                    throw .init("WKST=\(text) is not a weekday (MO … SU)", part: .weekStart)
                }
                return day
            } ?? .monday
        let end: End
        switch (parts["COUNT"], parts["UNTIL"]) {
        case (.some, .some): throw .init("COUNT and UNTIL cannot both be given; a series ends one way", part: .count)
        case (.some(let text), nil):
            guard let count = Int(text) else {
                throw .init("COUNT must be a whole number, not '\(text)'", part: .count)
            }
            end = .count(count)
        case (nil, .some(let text)): end = .until(try Self.until(text))
        case (nil, nil): end = .never
        }
        try self.init(
            frequency: frequency, interval: interval, byDay: byDay, byMonthDay: byMonthDay,
            weekStart: weekStart, end: end)
    }

    /// The rule in canonical RRULE form (no `RRULE:` prefix).
    public var description: String {
        var parts = ["FREQ=\(frequency.rawValue)"]
        if interval != 1 { parts.append("INTERVAL=\(interval)") }
        if !byDay.isEmpty { parts.append("BYDAY=" + byDay.map(\.description).joined(separator: ",")) }
        if !byMonthDay.isEmpty { parts.append("BYMONTHDAY=" + byMonthDay.map(String.init).joined(separator: ",")) }
        if weekStart != .monday { parts.append("WKST=\(weekStart.rawValue)") }
        switch end {
        case .never: break
        case .count(let count): parts.append("COUNT=\(count)")
        case .until(let until): parts.append("UNTIL=\(until)")
        }
        return parts.joined(separator: ";")
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    private static func weekdayNumber(_ text: Substring) throws(RecurrenceRuleError) -> WeekdayNumber {
        guard text.count >= 2, let day = Weekday(rawValue: String(text.suffix(2))) else {
            throw .init("BYDAY value '\(text)' is not a weekday such as MO, 2TU or -1FR", part: .byDay)
        }
        let prefix = text.dropLast(2)
        guard !prefix.isEmpty else { return WeekdayNumber(day) }
        let digits = prefix.hasPrefix("+") || prefix.hasPrefix("-") ? prefix.dropFirst() : prefix
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit),
            let ordinal = Int(prefix.replacingOccurrences(of: "+", with: ""))
        else {
            throw .init("BYDAY value '\(text)' is not a weekday such as MO, 2TU or -1FR", part: .byDay)
        }
        guard ordinal != 0 else { throw .init("BYDAY ordinal in '\(text)' must not be 0", part: .byDay) }
        return WeekdayNumber(day, ordinal: ordinal)
    }

    private static func until(_ text: String) throws(RecurrenceRuleError) -> Until {
        let invalid = RecurrenceRuleError(
            "UNTIL=\(text) must be a date (20261231) or a UTC time (20261231T235959Z)", part: .until)
        func date(_ digits: Substring) -> LocalDate? {
            guard digits.count == 8, digits.allSatisfy(\.isASCIIDigit) else { return nil }
            return LocalDate(
                year: Int(digits.prefix(4)) ?? 0, month: Int(digits.dropFirst(4).prefix(2)) ?? 0,
                day: Int(digits.suffix(2)) ?? 0)
        }
        if text.count == 8 {
            guard let day = date(Substring(text)) else { throw invalid }
            return .date(day)
        }
        let halves = text.split(separator: "T")
        guard text.count == 16, text.hasSuffix("Z"), halves.count == 2, let day = date(halves[0]) else {
            if text.count == 15 {
                throw .init("UNTIL=\(text) must end in Z: series in a time zone end at a UTC time", part: .until)
            }
            throw invalid
        }
        let clock = halves[1].dropLast()
        guard clock.allSatisfy(\.isASCIIDigit),
            let time = LocalTime(
                hour: Int(clock.prefix(2)) ?? -1, minute: Int(clock.dropFirst(2).prefix(2)) ?? -1,
                second: Int(clock.suffix(2)) ?? -1)
        else { throw invalid }
        return .utc(LocalDateTime(date: day, time: time))
    }
}
