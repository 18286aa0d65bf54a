import Vapor

/// `application/x-www-form-urlencoded` text — a form post's body, a URL's query — as plain strings.
///
/// A name given twice keeps both values, joined by a comma (a form's multi-select). Cheaper than
/// decoding a `Content` type through `URLEncodedFormDecoder`, which matters on the calendar's hot path.
enum URLEncoded {
    static func values(_ text: String) -> [String: String] {
        var values: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = decode(parts[0])
            let value = parts.count > 1 ? decode(parts[1]) : ""
            if let earlier = values[key] { values[key] = earlier + "," + value } else { values[key] = value }
        }
        return values
    }

    private static func decode(_ text: Substring) -> String {
        String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
    }
}

extension Request {
    /// The URL's query parameters as plain strings.
    func queryValues() -> [String: String] {
        URLEncoded.values(url.query ?? "")
    }
}
