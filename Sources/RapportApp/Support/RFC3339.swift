import Foundation

/// RFC 3339 date-times with an offset (`2026-12-01T09:00:00-05:00`, `…Z`, optional fractions).
///
/// Uses Foundation's value-type ISO 8601 format styles: safe to share between threads and cheap
/// to call on every request (a formatter object per call cost the calendar a tenth of its time).
enum RFC3339 {
    private static let plain = Date.ISO8601FormatStyle()
    private static let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    static func parse(_ text: String) -> Date? {
        (try? plain.parse(text)) ?? (try? fractional.parse(text))
    }

    static func format(_ date: Date) -> String { plain.format(date) }
}
