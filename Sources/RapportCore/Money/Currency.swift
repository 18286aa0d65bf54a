/// An ISO 4217 currency: its three-letter code and how many minor units make one major unit.
public struct Currency: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The upper-case ISO 4217 code, e.g. `USD`.
    public let code: String
    /// Digits after the decimal point: 2 for USD, 0 for JPY, 3 for KWD.
    public let minorUnitDigits: Int

    /// Creates a currency from an ISO 4217 code; `nil` when the code is not one we know.
    public init?(code: String) {
        guard let digits = Currency.known[code] else { return nil }
        self.code = code
        self.minorUnitDigits = digits
    }

    public static let usd = Currency(uncheckedCode: "USD", digits: 2)

    private init(uncheckedCode: String, digits: Int) {
        self.code = uncheckedCode
        self.minorUnitDigits = digits
    }

    public var description: String { code }

    public init(from decoder: any Decoder) throws {
        let code = try decoder.singleValueContainer().decode(String.self)
        guard let currency = Currency(code: code) else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "'\(code)' is not an ISO 4217 currency code"))
        }
        self = currency
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }

    /// Symbol shown before amounts; the code itself where no short symbol is unambiguous.
    var symbol: String {
        switch code {
        case "USD", "AUD", "CAD", "NZD", "SGD", "HKD", "MXN": return "$"
        case "EUR": return "€"
        case "GBP": return "£"
        case "JPY": return "¥"
        case "INR": return "₹"
        default: return code + " "
        }
    }

    /// Currencies a therapy practice plausibly bills in, with their ISO 4217 minor-unit digits.
    static let known: [String: Int] = [
        "USD": 2, "CAD": 2, "AUD": 2, "NZD": 2, "GBP": 2, "EUR": 2, "CHF": 2, "SEK": 2,
        "NOK": 2, "DKK": 2, "PLN": 2, "CZK": 2, "HUF": 2, "ILS": 2, "ZAR": 2, "MXN": 2,
        "BRL": 2, "SGD": 2, "HKD": 2, "INR": 2, "PHP": 2, "MYR": 2, "THB": 2, "CNY": 2,
        "AED": 2, "SAR": 2, "TRY": 2, "RON": 2, "BGN": 2, "ARS": 2, "COP": 2, "CLP": 0,
        "JPY": 0, "KRW": 0, "ISK": 0, "VND": 0, "KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3,
        "TND": 3,
    ]
}
