/// A wall-clock time of day, to the second.
public struct LocalTime: Hashable, Comparable, Sendable {
    public let hour: Int
    public let minute: Int
    public let second: Int

    public init?(hour: Int, minute: Int, second: Int = 0) {
        guard (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second) else { return nil }
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    init(secondsIntoDay seconds: Int) {
        hour = seconds / 3600
        minute = seconds % 3600 / 60
        second = seconds % 60
    }

    public var secondsIntoDay: Int { hour * 3600 + minute * 60 + second }

    public static func < (lhs: LocalTime, rhs: LocalTime) -> Bool { lhs.secondsIntoDay < rhs.secondsIntoDay }
}

/// A date and wall-clock time with no time zone: a series' start as the user typed it, and the
/// identity of one occurrence of a series (its *original local start*).
/// Written `yyyy-MM-ddTHH:mm:ss` (seconds optional when parsing).
public struct LocalDateTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let date: LocalDate
    public let time: LocalTime

    public init(date: LocalDate, time: LocalTime) {
        self.date = date
        self.time = time
    }

    /// Seconds since 1970-01-01T00:00:00 reading this wall-clock time as if it were UTC.
    public var secondsSinceEpochAsUTC: Int { date.daysSinceEpoch * 86_400 + time.secondsIntoDay }

    public init(secondsSinceEpochAsUTC seconds: Int) {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        date = LocalDate(daysSinceEpoch: days)
        time = LocalTime(secondsIntoDay: seconds - days * 86_400)
    }

    public func adding(seconds: Int) -> LocalDateTime {
        LocalDateTime(secondsSinceEpochAsUTC: secondsSinceEpochAsUTC + seconds)
    }

    public static func < (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool {
        (lhs.date, lhs.time) < (rhs.date, rhs.time)
    }

    public var description: String {
        "\(date)T\(pad(time.hour, 2)):\(pad(time.minute, 2)):\(pad(time.second, 2))"
    }

    /// Parses `yyyy-MM-ddTHH:mm` or `yyyy-MM-ddTHH:mm:ss`.
    public init?(_ text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard bytes.count == 16 || bytes.count == 19, bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"),
            bytes.count == 16 || bytes[16] == UInt8(ascii: ":"),
            let date = LocalDate(text.prefix(10)),
            let hour = decimal(bytes[11..<13]), let minute = decimal(bytes[14..<16]),
            let time = LocalTime(
                hour: hour, minute: minute, second: bytes.count == 19 ? decimal(bytes[17..<19]) ?? -1 : 0)
        else { return nil }
        self.init(date: date, time: time)
    }
}

extension LocalDateTime: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = LocalDateTime(text) else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "'\(text)' is not a local date-time (yyyy-MM-ddTHH:mm:ss)"))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
