/// The codes on a claim line and in its diagnosis list, checked for shape. Rapport ships no licensed
/// code list: a well-shaped code that does not exist is the payer's to refuse.

/// An ICD-10-CM diagnosis code: a letter (not U), a digit, a letter or digit, then up to four more
/// after the dot — `F41.1`, `F33.0`, `Z63.0`. Kept with its dot; claims carry it without.
public struct DiagnosisCode: Hashable, Sendable, Codable, CustomStringConvertible {
    public let description: String

    public init?(_ text: String) {
        guard Self.problem(text) == nil else { return nil }
        let plain = text.uppercased().filter { $0 != "." }
        description = plain.count > 3 ? "\(plain.prefix(3)).\(plain.dropFirst(3))" : plain
    }

    /// The code as 837 `HI` segments carry it: no dot.
    public var withoutDot: String { description.filter { $0 != "." } }

    public static func problem(_ text: String) -> String? {
        let upper = text.uppercased()
        let parts = upper.split(separator: ".", omittingEmptySubsequences: false)
        let category = Array(parts[0].prefix(3))
        let rest = parts.count == 2 ? Array(parts[1]) : Array(parts[0].dropFirst(3))
        let shaped =
            parts.count <= 2 && category.count == 3 && (parts.count == 1 || parts[0].count == 3)
            && category[0].isASCIIUppercaseLetter && category[0] != "U" && category[1].isASCIIDigit
            && (category[2].isASCIIDigit || category[2].isASCIIUppercaseLetter)
            && rest.count <= 4 && rest.allSatisfy { $0.isASCIIDigit || $0.isASCIIUppercaseLetter }
            && !(parts.count == 2 && rest.isEmpty)
        return shaped ? nil : "must be an ICD-10-CM code such as F41.1"
    }

    public init(from decoder: any Decoder) throws { self = try decodeChecked(decoder, Self.init, Self.problem) }
    public func encode(to encoder: any Encoder) throws { try encodeText(description, to: encoder) }
}

/// A procedure code: a CPT code (five digits, or four and `F`, `T` or `U`) or a HCPCS Level II code
/// (a letter and four digits).
public struct ProcedureCode: Hashable, Sendable, Codable, CustomStringConvertible {
    public let description: String

    public init?(_ text: String) {
        guard Self.problem(text) == nil else { return nil }
        description = text.uppercased()
    }

    public static func problem(_ text: String) -> String? {
        let code = Array(text.uppercased())
        guard code.count == 5 else { return "must be a CPT or HCPCS code such as 90834" }
        let cpt = code[0..<4].allSatisfy(\.isASCIIDigit) && (code[4].isASCIIDigit || "FTU".contains(code[4]))
        let hcpcs = code[0].isASCIIUppercaseLetter && code[1...].allSatisfy(\.isASCIIDigit)
        return cpt || hcpcs ? nil : "must be a CPT or HCPCS code such as 90834"
    }

    public init(from decoder: any Decoder) throws { self = try decodeChecked(decoder, Self.init, Self.problem) }
    public func encode(to encoder: any Encoder) throws { try encodeText(description, to: encoder) }
}

/// A procedure modifier: two letters or digits (`95` synchronous telehealth, `HO`, `GT`).
public struct ProcedureModifier: Hashable, Sendable, Codable, CustomStringConvertible {
    public let description: String

    public init?(_ text: String) {
        guard Self.problem(text) == nil else { return nil }
        description = text.uppercased()
    }

    public static let telehealth = ProcedureModifier("95")!

    public static func problem(_ text: String) -> String? {
        let code = text.uppercased()
        return code.count == 2 && code.allSatisfy({ $0.isASCIIDigit || $0.isASCIIUppercaseLetter })
            ? nil : "must be a two-character modifier such as 95"
    }

    public init(from decoder: any Decoder) throws { self = try decodeChecked(decoder, Self.init, Self.problem) }
    public func encode(to encoder: any Encoder) throws { try encodeText(description, to: encoder) }
}

/// Where a service was given, as the CMS place-of-service code set numbers it (01–99).
public struct PlaceOfService: Hashable, Sendable, Codable, CustomStringConvertible {
    public let description: String

    public init?(_ text: String) {
        guard Self.problem(text) == nil else { return nil }
        description = text
    }

    public static let office = PlaceOfService("11")!
    /// Telehealth provided other than in the patient's home.
    public static let telehealth = PlaceOfService("02")!
    /// Telehealth provided in the patient's home.
    public static let telehealthAtHome = PlaceOfService("10")!

    public var isTelehealth: Bool { self == .telehealth || self == .telehealthAtHome }

    public static func problem(_ text: String) -> String? {
        guard text.count == 2, text.allSatisfy(\.isASCIIDigit), text != "00" else {
            return "must be a two-digit place of service such as 11 (office) or 10 (telehealth at home)"
        }
        return nil
    }

    public init(from decoder: any Decoder) throws { self = try decodeChecked(decoder, Self.init, Self.problem) }
    public func encode(to encoder: any Encoder) throws { try encodeText(description, to: encoder) }
}

/// The kind of insurance, as claim filing indicator codes (SBR09) name it.
public enum ClaimFilingIndicator: String, Sendable, Codable, CaseIterable {
    case commercial = "CI", blueCrossBlueShield = "BL", hmo = "HM", medicarePartB = "MB", medicaid = "MC"
    case tricare = "CH", workersCompensation = "WC", ppo = "12", pos = "13", epo = "14", veterans = "VA"
    case selfPay = "09", otherNonFederal = "11", mutuallyDefined = "ZZ"
}

/// A person's sex as claims need it: a payer matches the patient by it.
public enum Sex: String, Sendable, Codable, CaseIterable {
    case female, male, unknown

    /// The code claims carry (DMG03).
    public var code: String {
        switch self {
        case .female: "F"
        case .male: "M"
        case .unknown: "U"
        }
    }
}

/// How the patient is related to the subscriber (the individual relationship code).
public enum SubscriberRelationship: String, Sendable, Codable, CaseIterable {
    case subscriber = "18", spouse = "01", child = "19", other = "G8"
}

/// Which of a client's policies a claim goes to (SBR01).
public enum PayerRank: String, Sendable, Codable, CaseIterable {
    case primary = "P", secondary = "S", tertiary = "T"
}

/// An original claim, or one that replaces or voids a claim the payer already has (CLM05-3).
public enum ClaimFrequency: String, Sendable, Codable, CaseIterable {
    case original = "1", replacement = "7", void = "8"
}

extension DiagnosisCode {
    /// A list of codes as typed, principal first: the codes that read, and each problem in words
    /// with the position it is at (nil for the list as a whole). More than a claim carries is
    /// refused; a code twice is named.
    public static func list(_ texts: [String]) -> (codes: [DiagnosisCode], problems: [(index: Int?, message: String)]) {
        var codes: [DiagnosisCode] = []
        var problems: [(index: Int?, message: String)] = []
        if texts.count > ClaimCheck.maxDiagnoses {
            problems.append((nil, "has \(texts.count) codes; a claim carries at most \(ClaimCheck.maxDiagnoses)"))
        }
        for (index, text) in texts.enumerated() {
            // The code is named in each message: a form shows all the codes in one field.
            guard let code = DiagnosisCode(String(text.trimmingSpaces)) else {
                problems.append((index, "\(text) " + (problem(text) ?? "is not an ICD-10-CM code")))
                continue
            }
            if codes.contains(code) { problems.append((index, "\(text) repeats \(code)")) }
            codes.append(code)
        }
        return (codes, problems)
    }
}
