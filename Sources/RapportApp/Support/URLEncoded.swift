import RapportCore
import Vapor

/// `application/x-www-form-urlencoded` text — a form post's body, a URL's query — as plain strings.
///
/// A name given twice keeps both values, joined by a comma (a form's multi-select). Cheaper than
/// decoding a `Content` type through `URLEncodedFormDecoder`, which matters on the calendar's hot path.
enum URLEncoded {
    /// Text whose percent-encoding does not read (`%ZZ`, a `%` alone, bytes that are not UTF-8) is
    /// refused, naming its field: a value is never read as empty, so nothing is cleared or
    /// unfiltered because of it.
    static func values(_ text: String) throws -> [String: String] {
        var values: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let key = decode(parts[0]) else {
                throw UseCaseError.invalid(FieldPath(key: String(parts[0])), Self.unreadable)
            }
            guard let value = parts.count > 1 ? decode(parts[1]) : "" else {
                throw UseCaseError.invalid(FieldPath(key: key), Self.unreadable)
            }
            if let earlier = values[key] { values[key] = earlier + "," + value } else { values[key] = value }
        }
        return values
    }

    static let unreadable = "is not readable text: each % must begin an escape of UTF-8 such as %20"

    /// `text` with `+` read as a space and each `%` escape as its byte; nil when an escape is not
    /// two hex digits or the bytes are not UTF-8. Read byte by byte: Foundation's
    /// `removingPercentEncoding` and `replacingOccurrences` were over half of a kept calendar
    /// week's own work.
    private static func decode(_ text: Substring) -> String? {
        let utf8 = text.utf8
        guard utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) else { return String(text) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            index = utf8.index(after: index)
            switch byte {
            case UInt8(ascii: "+"): bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard index != utf8.endIndex, let high = utf8[index].hexDigitValue else { return nil }
                index = utf8.index(after: index)
                guard index != utf8.endIndex, let low = utf8[index].hexDigitValue else { return nil }
                index = utf8.index(after: index)
                bytes.append(high << 4 | low)
            default: bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}

extension Request {
    /// The URL's query parameters as plain strings; a value whose encoding does not read is
    /// refused, named (see ``URLEncoded/values(_:)``).
    func queryValues() throws -> [String: String] {
        try URLEncoded.values(url.query ?? "")
    }

    /// The address's value for `name`, nil when it gives none (see ``queryValues()``).
    func queryValue(_ name: String) throws -> String? {
        try queryValues()[name]
    }

    /// The whole number the address gives for `name` (a page number, an offset), nil when it gives
    /// none; one too large for `Int` is its largest (or smallest), for the caller to bring within
    /// bounds. Text that is no whole number is refused, named, rather than read as the first page.
    func queryWholeNumber(_ name: String) throws -> Int? {
        let text = try queryValue(name) ?? ""
        guard !text.isEmpty else { return nil }
        if let number = Int(text) { return number }
        let negative = text.first == "-"
        let digits = text.first == "-" || text.first == "+" ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw UseCaseError.invalid(FieldPath(key: name), "must be a whole number, not “\(text)”")
        }
        return negative ? .min : .max
    }
}
