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
        // yyyy-MM-ddTHH:mm:ss (read and checked by LocalDateTime), optional .fraction, Z or ±HH:MM.
        guard bytes.count >= 20, bytes.count <= 40, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
            let local = LocalDateTime(text.prefix(10) + "T" + text.dropFirst(11).prefix(8))
        else { return nil }
        var rest = bytes[19...]
        var fraction = 0.0
        if rest.first == UInt8(ascii: ".") {
            let digits = rest.dropFirst().prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
            guard (1...9).contains(digits.count), let value = Double("0." + String(decoding: digits, as: UTF8.self))
            else { return nil }
            fraction = value
            rest = rest.dropFirst(1 + digits.count)
        }
        let offsetSeconds: Int
        if rest.count == 1, rest.first == UInt8(ascii: "Z") || rest.first == UInt8(ascii: "z") {
            offsetSeconds = 0
        } else {
            let zone = String(decoding: rest, as: UTF8.self)
            guard zone.count == 6, let sign = zone.first, sign == "+" || sign == "-",
                let clock = LocalDateTime("2000-01-01T" + zone.dropFirst())?.time
            else { return nil }
            offsetSeconds = (sign == "-" ? -1 : 1) * (clock.hour * 3600 + clock.minute * 60)
        }
        return Date(timeIntervalSince1970: TimeInterval(local.secondsSinceEpochAsUTC - offsetSeconds) + fraction)
    }

    static func format(_ date: Date) -> String { plain.format(date) }
}
