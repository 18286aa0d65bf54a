/// The identifiers a claim carries, each a value that exists only when its text has the right
/// shape, so a claim built from them cannot hold a malformed one. Each type's `problem(_:)` says in
/// words what is wrong with a text, for the field that holds it.

/// A National Provider Identifier: ten digits, the last a Luhn check digit computed over `80840`
/// followed by the first nine (the card-issuer prefix the NPI standard assigns).
public struct NPI: Hashable, Sendable, Codable, CustomStringConvertible {
    public let description: String

    public init?(_ text: String) {
        guard Self.problem(text) == nil else { return nil }
        description = text
    }

    public static func problem(_ text: String) -> String? {
        guard text.count == 10, text.allSatisfy(\.isASCIIDigit) else { return "must be 10 digits" }
        let digits = text.compactMap(\.wholeNumberValue)
        guard digits[9] == checkDigit(Array(digits[0..<9])) else {
            return "fails its check digit: check the number for a mistyped digit"
        }
        return nil
    }

    /// The Luhn digit of `80840` + the nine digits: double every second digit from the right.
    static func checkDigit(_ nine: [Int]) -> Int {
        var sum = 0
        for (index, digit) in ([8, 0, 8, 4, 0] + nine).reversed().enumerated() {
            let value = index % 2 == 0 ? digit * 2 : digit
            sum += value > 9 ? value - 9 : value
        }
        return (10 - sum % 10) % 10
    }

    public init(from decoder: any Decoder) throws { self = try decodeChecked(decoder, Self.init, Self.problem) }
    public func encode(to encoder: any Encoder) throws { try encodeText(description, to: encoder) }
}

/// A federal tax ID: an employer identification number or a social security number, nine digits
/// (typed with or without its dash).
public struct TaxID: Hashable, Sendable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case ein, ssn
        /// The X12 reference qualifier: `EI` or `SY`.
        public var qualifier: String { self == .ein ? "EI" : "SY" }
    }

    public let kind: Kind
    public let digits: String

    public init?(_ text: String, kind: Kind) {
        guard Self.problem(text) == nil else { return nil }
        self.kind = kind
        digits = text.filter(\.isASCIIDigit)
    }

    public static func problem(_ text: String) -> String? {
        let digits = text.filter(\.isASCIIDigit)
        guard digits.count == 9, text.allSatisfy({ $0.isASCIIDigit || $0 == "-" }) else {
            return "must be 9 digits (12-3456789 or 123-45-6789)"
        }
        return nil
    }
}

/// A provider taxonomy code (NUCC): ten characters, three digits, six letters or digits, then `X`.
public struct TaxonomyCode: Hashable, Sendable, Codable, CustomStringConvertible {
    public let description: String

    public init?(_ text: String) {
        guard Self.problem(text) == nil else { return nil }
        description = text.uppercased()
    }

    public static func problem(_ text: String) -> String? {
        let upper = Array(text.uppercased())
        guard upper.count == 10, upper[0..<3].allSatisfy(\.isASCIIDigit),
            upper[3..<9].allSatisfy({ $0.isASCIIDigit || $0.isASCIIUppercaseLetter }), upper[9] == "X"
        else { return "must be a 10-character taxonomy code such as 101YP2500X" }
        return nil
    }

    public init(from decoder: any Decoder) throws { self = try decodeChecked(decoder, Self.init, Self.problem) }
    public func encode(to encoder: any Encoder) throws { try encodeText(description, to: encoder) }
}

/// A US ZIP code of 5 or 9 digits (`62701` or `62701-1234`); a billing provider needs all nine.
public struct ZIPCode: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The digits, without the dash.
    public let digits: String

    public init?(_ text: String) {
        guard Self.problem(text) == nil else { return nil }
        digits = text.filter(\.isASCIIDigit)
    }

    public var hasPlusFour: Bool { digits.count == 9 }
    public var description: String { hasPlusFour ? "\(digits.prefix(5))-\(digits.suffix(4))" : digits }

    public static func problem(_ text: String) -> String? {
        let digits = text.filter(\.isASCIIDigit)
        let shaped = text.count == digits.count || (text.count == 10 && Array(text)[5] == "-")
        guard shaped, digits.count == 5 || digits.count == 9 else {
            return "must be a ZIP code of 5 or 9 digits (62701 or 62701-1234)"
        }
        return nil
    }

    public init(from decoder: any Decoder) throws { self = try decodeChecked(decoder, Self.init, Self.problem) }
    public func encode(to encoder: any Encoder) throws { try encodeText(description, to: encoder) }
}

/// A street address in the United States.
public struct PostalAddress: Hashable, Sendable, Codable {
    public var line1: String
    public var line2: String?
    public var city: String
    /// The two-letter state or territory code.
    public var state: String
    public var zip: ZIPCode

    public init(line1: String, line2: String? = nil, city: String, state: String, zip: ZIPCode) {
        self.line1 = line1
        self.line2 = line2
        self.city = city
        self.state = state
        self.zip = zip
    }

    /// A post-office box: mail can go there, but a billing provider's address must be a street.
    public var isPostOfficeBox: Bool {
        let letters = ([line1] + (line2.map { [$0] } ?? [])).joined(separator: " ").uppercased()
            .filter { $0.isLetter || $0.isNumber || $0 == " " }
        let words = letters.split(separator: " ").joined(separator: " ")
        return ["PO BOX", "P O BOX", "POST OFFICE BOX", "POBOX", "LOCKBOX"].contains { words.contains($0) }
            || words.hasPrefix("BOX ")
    }

    public static func stateProblem(_ text: String) -> String? {
        text.count == 2 && text.allSatisfy(\.isASCIIUppercaseLetter)
            ? nil : "must be a two-letter state code such as IL"
    }
}

extension Character {
    var isASCIIUppercaseLetter: Bool { isASCII && isUppercase }
}

/// Decodes a checked text type, failing with the type's own sentence.
func decodeChecked<T>(
    _ decoder: any Decoder, _ make: (String) -> T?, _ problem: (String) -> String?
) throws -> T {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let value = make(text) else {
        throw DecodingError.dataCorrupted(
            .init(codingPath: decoder.codingPath, debugDescription: problem(text) ?? "is not valid"))
    }
    return value
}

func encodeText(_ text: String, to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(text)
}
