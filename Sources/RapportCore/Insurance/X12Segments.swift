import Foundation

/// X12 segments as text, with the separators Rapport writes (`*` elements, `:` components, `^`
/// repetitions, `~` segments). A value that holds a separator, a control character or a letter
/// outside ASCII would break the file or be misread, so ``X12Segments/clean(_:)`` replaces it (a
/// separator or control character by a space, `é` by `e`) and the writer reports each replacement.
struct X12Segments {
    static let element: Character = "*"
    static let component: Character = ":"
    static let repetition: Character = "^"
    static let terminator: Character = "~"

    private(set) var segments: [String] = []
    /// Values that had to be changed to be written, in words.
    private(set) var replacements: [String] = []

    /// Appends a segment; trailing empty elements are left out, as the guides require.
    mutating func add(_ id: String, _ elements: [String]) {
        var values = elements
        while values.last?.isEmpty == true { values.removeLast() }
        segments.append(([id] + values).joined(separator: String(Self.element)))
    }

    /// A value made safe to write; `what` names it in the replacement notice.
    mutating func value(_ text: String, _ what: String) -> String {
        let cleaned = Self.clean(text)
        if cleaned != text.uppercased().trimmingSpaces.description {
            replacements.append("\(what) '\(text)' is written as '\(cleaned)'")
        }
        return cleaned
    }

    /// Upper-case ASCII with every separator and control character replaced by a space, runs of
    /// spaces made one, and the ends trimmed.
    static func clean(_ text: String) -> String {
        cleanASCII(text) ?? cleanFolding(text)
    }

    /// ``clean(_:)`` for text that is all ASCII, byte by byte (nearly every value); nil otherwise.
    static func cleanASCII(_ text: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            guard byte < 0x80 else { return nil }
            let unsafe = byte < 0x20 || byte == 0x7F || Self.separatorBytes.contains(byte)
            let next = unsafe ? UInt8(ascii: " ") : (0x61...0x7A).contains(byte) ? byte - 0x20 : byte
            if next == UInt8(ascii: " "), bytes.last == UInt8(ascii: " ") || bytes.isEmpty { continue }
            bytes.append(next)
        }
        if bytes.last == UInt8(ascii: " ") { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let separatorBytes: [UInt8] = [element, component, repetition, terminator].compactMap(\.asciiValue)

    /// ``clean(_:)`` for any text: accents and other letters folded to ASCII first.
    static func cleanFolding(_ text: String) -> String {
        let folded = text.folding(
            options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US")
        )
        .uppercased()
        var result = ""
        for scalar in folded.unicodeScalars {
            let character = Character(scalar)
            let unsafe =
                !scalar.isASCII || scalar.value < 0x20 || scalar.value == 0x7F
                || [element, component, repetition, terminator].contains(character)
            let next: Character = unsafe ? " " : character
            if next == " ", result.last == " " || result.isEmpty { continue }
            result.append(next)
        }
        return result.last == " " ? String(result.dropLast()) : result
    }

    /// Components of a composite element (`HC:90834:95`), empty trailing ones left out.
    static func composite(_ parts: [String]) -> String {
        var values = parts
        while values.last?.isEmpty == true { values.removeLast() }
        return values.joined(separator: String(component))
    }

    static func date(_ date: LocalDate) -> String { date.description.filter { $0 != "-" } }

    /// An amount as X12 decimals write it: `150`, `150.5`, `0.75` (no trailing zeros, no sign).
    static func amount(_ money: Money) -> String {
        let scale = pow10(money.currency.minorUnitDigits)
        let whole = money.amount / scale
        var fraction = String(money.amount % scale)
        fraction = String(repeating: "0", count: max(0, money.currency.minorUnitDigits - fraction.count)) + fraction
        while fraction.last == "0" { fraction.removeLast() }
        return fraction.isEmpty ? "\(whole)" : "\(whole).\(fraction)"
    }

    /// The segments as a file: one per line, as clearinghouses accept and people can read.
    var text: String { segments.map { $0 + String(Self.terminator) }.joined(separator: "\n") + "\n" }
}
