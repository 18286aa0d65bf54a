import Foundation

/// Writes iCalendar (RFC 5545) content lines: CRLF line ends, lines folded at 75 octets without
/// splitting a UTF-8 character, TEXT values escaped, date-times in a named zone or UTC.
public struct ICalendarText: Sendable {
    public private(set) var text = ""

    public init() {}

    public mutating func begin(_ component: String) { line("BEGIN", component) }
    public mutating func end(_ component: String) { line("END", component) }

    /// A property whose value is written as given (already in its value type's form).
    public mutating func line(_ name: String, _ value: String, parameters: [(String, String)] = []) {
        let head = ([name] + parameters.map { "\($0.0)=\(Self.parameterValue($0.1))" }).joined(separator: ";")
        text += Self.fold(head + ":" + value)
    }

    /// A TEXT property: backslashes, semicolons, commas and line breaks escaped.
    public mutating func text(_ name: String, _ value: String) {
        line(name, Self.escape(value))
    }

    /// A DATE-TIME in `zone` (`DTSTART;TZID=America/New_York:20260302T090000`).
    public mutating func local(_ name: String, _ value: LocalDateTime, zone: TimeZone) {
        line(name, Self.basic(value), parameters: [("TZID", zone.identifier)])
    }

    /// A DATE-TIME in UTC (`DTSTAMP:20261205T073000Z`).
    public mutating func utc(_ name: String, _ instant: Date) {
        line(name, Self.utc(instant))
    }

    public static func utc(_ instant: Date) -> String {
        basic(LocalDateTime(secondsSinceEpochAsUTC: Int(instant.timeIntervalSince1970.rounded(.down)))) + "Z"
    }

    /// `20260302T090000`
    public static func basic(_ value: LocalDateTime) -> String {
        let date = value.date
        return String(
            format: "%04d%02d%02dT%02d%02d%02d", date.year, date.month, date.day, value.time.hour, value.time.minute,
            value.time.second)
    }

    static func escape(_ value: String) -> String {
        var escaped = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": escaped += "\\\\"
            case ";": escaped += "\\;"
            case ",": escaped += "\\,"
            case "\n": escaped += "\\n"
            case "\r": continue
            // Other control characters are not allowed in a content line.
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: continue
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// A parameter value, quoted when it holds a character that would end it.
    static func parameterValue(_ value: String) -> String {
        let clean = value.unicodeScalars.filter { $0 != "\"" && $0.value >= 0x20 }.map(String.init).joined()
        return clean.contains(where: { $0 == ";" || $0 == ":" || $0 == "," }) ? "\"\(clean)\"" : clean
    }

    /// Splits a content line into lines of at most 75 octets, each continuation starting with a
    /// space, and ends it with CRLF.
    static func fold(_ line: String) -> String {
        var result = ""
        var octets = 0
        for character in line {
            let size = String(character).utf8.count
            if octets + size > 75 {
                result += "\r\n "
                octets = 1
            }
            result.append(character)
            octets += size
        }
        return result + "\r\n"
    }
}
