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

    /// The amount as a person reads it on an invoice, e.g. `$1,250.00` or `-£3.50`.
    public var formatted: String {
        let plain = decimalString.hasPrefix("-") ? String(decimalString.dropFirst()) : decimalString
        let parts = plain.split(separator: ".", maxSplits: 1)
        var whole = String(parts[0])
        var grouped = ""
        while whole.count > 3 {
            grouped = "," + whole.suffix(3) + grouped
            whole = String(whole.dropLast(3))
        }
        grouped = whole + grouped
        let number = parts.count > 1 ? grouped + "." + parts[1] : grouped
        return (amount < 0 ? "-" : "") + currency.symbol + number
    }

    public var description: String { "\(decimalString) \(currency.code)" }

    /// Parses a decimal string such as `130`, `130.5` or `130.50` into minor units.
    /// Returns `nil` for anything else, including more decimals than the currency has.
    public init?(decimal text: String, currency: Currency) {
        var body = Substring(text.trimmingSpaces)
        let negative = body.hasPrefix("-")
        if negative { body = body.dropFirst() }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let wholeText = parts.first, !wholeText.isEmpty, wholeText.allSatisfy(\.isASCIIDigit),
            wholeText.count <= 15, let whole = Int64(wholeText)
        else { return nil }
        var fraction: Int64 = 0
        if parts.count == 2 {
            let fractionText = parts[1]
            guard !fractionText.isEmpty, fractionText.count <= currency.minorUnitDigits,
                fractionText.allSatisfy(\.isASCIIDigit)
            else { return nil }
            let padded = fractionText + String(repeating: "0", count: currency.minorUnitDigits - fractionText.count)
            fraction = Int64(padded) ?? 0
        }
        let minor = whole * pow10(currency.minorUnitDigits) + fraction
        self.init(amount: negative ? -minor : minor, currency: currency)
    }
}

private func pow10(_ exponent: Int) -> Int64 {
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
