import Foundation
import RapportCore

/// RFC 3339 date-times with an offset (`2026-12-01T09:00:00-05:00`, `…Z`, optional fractions).
///
/// Uses Foundation's value-type ISO 8601 format styles: safe to share between threads and cheap
/// to call on every request (a formatter object per call cost the calendar a tenth of its time).
enum RFC3339 {
    private static let plain = Date.ISO8601FormatStyle()

    /// Parses strictly: every part must exist as written. Foundation's parser rolls impossible
    /// values over (`2026-02-30` becomes March 2, `T25:00` the next day), which would store a session
    /// on a day nobody typed, so the fields are read and checked here and only then combined.
    static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        // yyyy-MM-ddTHH:mm:ss, then optional .fraction, then Z or ±HH:MM.
        guard bytes.count >= 20, bytes.count <= 40, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"), bytes[13] == UInt8(ascii: ":"),
            bytes[16] == UInt8(ascii: ":"),
            let year = digits(bytes[0..<4]), let month = digits(bytes[5..<7]), let day = digits(bytes[8..<10]),
            let hour = digits(bytes[11..<13]), let minute = digits(bytes[14..<16]),
            let second = digits(bytes[17..<19]),
            let date = LocalDate(year: year, month: month, day: day),
            let time = LocalTime(hour: hour, minute: minute, second: second)
        else { return nil }
        var index = 19
        var fraction = 0.0
        if bytes[index] == UInt8(ascii: ".") {
            let start = index + 1
            index = start
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            guard index > start, index - start <= 9, let value = Double("0." + String(decoding: bytes[start..<index], as: UTF8.self))
            else { return nil }
            fraction = value
        }
        let zone = bytes[index...]
        let offsetSeconds: Int
        if zone.count == 1, zone.first == UInt8(ascii: "Z") || zone.first == UInt8(ascii: "z") {
            offsetSeconds = 0
        } else {
            let zone = Array(zone)
            guard zone.count == 6, zone[0] == UInt8(ascii: "+") || zone[0] == UInt8(ascii: "-"),
                zone[3] == UInt8(ascii: ":"), let hours = digits(zone[1..<3]), let minutes = digits(zone[4..<6]),
                hours <= 23, minutes <= 59
            else { return nil }
            offsetSeconds = (zone[0] == UInt8(ascii: "-") ? -1 : 1) * (hours * 3600 + minutes * 60)
        }
        let local = LocalDateTime(date: date, time: time).secondsSinceEpochAsUTC
        return Date(timeIntervalSince1970: TimeInterval(local - offsetSeconds) + fraction)
    }

    private static func digits(_ slice: some Collection<UInt8>) -> Int? {
        var value = 0
        for byte in slice {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    static func format(_ date: Date) -> String { plain.format(date) }
}
