/// The one check every redirect target from outside passes: a path on this site, nothing else.
///
/// Browsers are lenient with `Location`: they drop tabs and newlines (`/\t/evil.example` is
/// followed as `//evil.example`, another site), read `\` as `/`, and a raw CR/LF would end the
/// header and start another. So a target must start with a single `/`, and may contain no control
/// character, no backslash and no space; anything else falls back to a fixed page.
enum SameSitePath {
    static let maxLength = 2048

    /// `value` when it is a safe same-site path, else nil.
    static func checked(_ value: String?) -> String? {
        guard let value, !value.isEmpty, value.utf8.count <= maxLength else { return nil }
        let bytes = Array(value.utf8)
        guard bytes[0] == UInt8(ascii: "/") else { return nil }
        if bytes.count > 1, bytes[1] == UInt8(ascii: "/") { return nil }
        let refused: Set<UInt8> = [UInt8(ascii: "\\"), UInt8(ascii: " ")]
        guard !bytes.contains(where: { $0 < 0x20 || $0 == 0x7F || refused.contains($0) }) else { return nil }
        // Non-ASCII has no business in a path Rapport makes (its own are percent-encoded).
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        return value
    }
}
