extension Money: CustomStringConvertible {
    /// The amount as a plain decimal without symbol or grouping, e.g. `150.00` or `-3.50`.
    public var decimalString: String {
        let digits = currency.minorUnitDigits
        let magnitude = amount.magnitude
        guard digits > 0 else { return (amount < 0 ? "-" : "") + String(magnitude) }
        let scale = UInt64(pow10(digits))
        let fraction = String(magnitude % scale)
        let padded = String(repeating: "0", count: digits - fraction.count) + fraction
        return (amount < 0 ? "-" : "") + String(magnitude / scale) + "." + padded
    }

    public var description: String { "\(decimalString) \(currency.code)" }
}

/// 10 to the `exponent`, for minor-unit scales.
func pow10(_ exponent: Int) -> Int64 {
    (0..<exponent).reduce(1) { value, _ in value * 10 }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension String {
    var trimmingSpaces: Substring {
        let start = firstIndex { $0 != " " } ?? endIndex
        let end = lastIndex { $0 != " " }.map { index(after: $0) } ?? start
        return self[start..<max(start, end)]
    }
}
