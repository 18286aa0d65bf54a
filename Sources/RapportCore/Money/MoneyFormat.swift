import Foundation

/// Money as the people of one locale write it: `$1,250.50` and `2:00 PM` in the US, `1.250,50 €`
/// and `14:00` in Germany. Formatting and parsing are Foundation's; what Rapport adds is refusing
/// anything that could be read two ways, because Foundation's own parser stops quietly at the first
/// character it does not expect (`1.234,56` read in the US gives 1.234).
public struct MoneyFormat: Sendable, Hashable {
    public let locale: Locale
    /// Whether the locale writes times on a 12-hour clock (`2:00 PM`) rather than a 24-hour one.
    public let usesTwelveHourClock: Bool

    public init(locale: Locale) {
        self.locale = locale
        let utc = TimeZone(identifier: "UTC") ?? .current
        let afternoon = Date(timeIntervalSince1970: 14 * 3600)
        usesTwelveHourClock = !afternoon.formatted(
            Date.FormatStyle(date: .omitted, time: .shortened, locale: locale, timeZone: utc)
        ).contains("14")
    }

    /// The locale for an identifier such as `de_DE`, when Foundation knows it and it writes numbers
    /// with the digits 0–9 (Rapport reads amounts typed in those digits only). Every signed-in
    /// request asks for its practice's, so each identifier is looked at once and kept.
    public init?(identifier: String) {
        guard let known = Self.named.value(identifier, make: Self.make) else { return nil }
        self = known
    }

    private static func make(_ identifier: String) -> MoneyFormat? {
        guard Locale.availableIdentifiers.contains(identifier) else { return nil }
        let locale = Locale(identifier: identifier)
        let sample = Decimal(1234).formatted(.number.locale(locale).grouping(.never))
        guard sample == "1234" else { return nil }
        return MoneyFormat(locale: locale)
    }

    private static let named = Memo<String, MoneyFormat?>()

    /// The locale a practice gets when it has chosen none: the one its currency suggests.
    public static func `default`(for currency: Currency) -> MoneyFormat {
        MoneyFormat(identifier: currency.defaultLocaleIdentifier) ?? MoneyFormat(locale: Locale(identifier: "en_US"))
    }

    public var identifier: String { locale.identifier }
    public var decimalSeparator: String { locale.decimalSeparator ?? "." }
    public var groupingSeparator: String { locale.groupingSeparator ?? "," }

    /// `$1,250.50`, `1.250,50 €`: for reading.
    public func format(_ money: Money) -> String {
        money.decimalValue.formatted(
            .currency(code: money.currency.code).locale(locale).precision(
                .fractionLength(money.currency.minorUnitDigits)))
    }

    /// `1250.50`, `1250,50`: the amount alone, as a person would type it into a field.
    public func plain(_ money: Money) -> String {
        money.decimalValue.formatted(
            .number.locale(locale).grouping(.never).precision(.fractionLength(money.currency.minorUnitDigits)))
    }

    /// Why a typed amount was refused, in a sentence for beside the field.
    public struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// Reads what a person typed: an optional minus, the locale's decimal separator and grouping (or
    /// none), the currency's symbol or code before or after, no more decimals than the currency has.
    public func parse(_ text: String, currency: Currency) -> Result<Money, ParseError> {
        let example = plain(Money(amount: 13050 * pow10(currency.minorUnitDigits) / 100, currency: currency))
        func refuse(_ why: String) -> Result<Money, ParseError> {
            .failure(ParseError(message: "\(why); type an amount such as \(example)"))
        }
        var number = text.trimmingCharacters(in: .whitespacesAndNewlines)
        for symbol in symbols(of: currency) where !symbol.isEmpty {
            if number.hasPrefix(symbol) { number = String(number.dropFirst(symbol.count)) }
            if number.hasSuffix(symbol) { number = String(number.dropLast(symbol.count)) }
            number = number.trimmingCharacters(in: .whitespaces.union(.init(charactersIn: "\u{00A0}\u{202F}")))
        }
        guard !number.isEmpty else { return refuse("Enter an amount") }
        // A minus is read, so that the rule the amount breaks ("must not be negative") is the one
        // the person is told, rather than that it is not an amount.
        let negative = number.hasPrefix("-")
        if negative { number.removeFirst() }
        let decimal = decimalSeparator
        let grouping = groupingSeparator
        let spaceGrouped = grouping.unicodeScalars.allSatisfy { CharacterSet.whitespaces.contains($0) }
        let groupingMarks = spaceGrouped ? [grouping, " ", "\u{00A0}", "\u{202F}"] : [grouping]
        let parts = number.components(separatedBy: decimal)
        guard parts.count <= 2 else { return refuse("\(text) has more than one \(decimal)") }
        let whole = parts[0]
        let fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.allSatisfy(\.isASCIIDigit) else {
            return refuse("\(text) is not an amount as written here (\(decimal) separates the cents)")
        }
        if parts.count == 2 {
            guard !fraction.isEmpty, fraction.count <= currency.minorUnitDigits else {
                return refuse(
                    currency.minorUnitDigits == 0
                        ? "\(currency.code) amounts have no decimals"
                        : "\(text) has more than \(currency.minorUnitDigits) decimals")
            }
        }
        var digits = whole
        for mark in groupingMarks { digits = digits.replacingOccurrences(of: mark, with: "") }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit), digits.count <= 13 else {
            return refuse("\(text) is not an amount as written here (\(decimal) separates the cents)")
        }
        // Grouping is accepted only exactly where Foundation itself puts it in this locale, so
        // `180,00` in the US or `130.50` in Germany — cents typed with the other separator — is
        // refused instead of being read as 18,000 or 13,050.
        if digits != whole {
            let expected = (Decimal(string: digits) ?? 0).formatted(.number.locale(locale).grouping(.automatic))
            var typed = whole
            var canonical = expected
            for mark in groupingMarks {
                typed = typed.replacingOccurrences(of: mark, with: grouping)
                canonical = canonical.replacingOccurrences(of: mark, with: grouping)
            }
            guard typed == canonical else {
                let other = decimal == "," ? "." : ","
                return refuse(
                    whole.contains(other)
                        ? "\(text) is not an amount as written here: use \(decimal) for the cents"
                        : "\(text) is grouped in an unusual way")
            }
        }
        let canonicalText = digits + (fraction.isEmpty ? "" : decimal + fraction)
        guard let value = try? Decimal(canonicalText, format: .number.locale(locale)) else {
            return refuse("\(text) is not an amount")
        }
        let minor = NSDecimalNumber(decimal: value * Decimal(pow10(currency.minorUnitDigits))).int64Value
        return .success(Money(amount: negative ? -minor : minor, currency: currency))
    }

    /// What may stand before or after an amount: the code, the locale's symbol for it, the usual one.
    private func symbols(of currency: Currency) -> [String] {
        let localSymbol = Decimal(0).formatted(.currency(code: currency.code).locale(locale))
            .filter { !$0.isNumber && !decimalSeparator.contains($0) && !$0.isWhitespace && $0 != "\u{00A0}" && $0 != "\u{202F}" }
        return [currency.code, localSymbol, currency.symbol.trimmingCharacters(in: .whitespaces)]
            .sorted { $0.count > $1.count }
    }
}

extension Money {
    /// The amount as a `Decimal` in major units (exact: minor units scaled by a power of ten).
    public var decimalValue: Decimal {
        Decimal(amount) / Decimal(pow10(currency.minorUnitDigits))
    }
}

extension Currency {
    /// The locale whose writing of money a practice in this currency most likely uses.
    var defaultLocaleIdentifier: String {
        Currency.defaultLocales[code] ?? "en_US"
    }

    static let defaultLocales: [String: String] = [
        "USD": "en_US", "CAD": "en_CA", "AUD": "en_AU", "NZD": "en_NZ", "GBP": "en_GB", "EUR": "de_DE",
        "CHF": "de_CH", "SEK": "sv_SE", "NOK": "nb_NO", "DKK": "da_DK", "PLN": "pl_PL", "CZK": "cs_CZ",
        "HUF": "hu_HU", "ILS": "en_IL", "ZAR": "en_ZA", "MXN": "es_MX", "BRL": "pt_BR", "SGD": "en_SG",
        "HKD": "en_HK", "INR": "en_IN", "PHP": "en_PH", "MYR": "ms_MY", "THB": "th_TH", "CNY": "zh_CN",
        "AED": "en_AE", "SAR": "en_US", "TRY": "tr_TR", "RON": "ro_RO", "BGN": "bg_BG", "ARS": "es_AR",
        "COP": "es_CO", "CLP": "es_CL", "JPY": "ja_JP", "KRW": "ko_KR", "ISK": "is_IS", "VND": "vi_VN",
        "KWD": "en_US", "BHD": "en_US", "OMR": "en_US", "JOD": "en_US", "TND": "fr_TN",
    ]
}

/// Values computed once per key and kept, safe to share between threads.
final class Memo<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Key: Value] = [:]

    func value(_ key: Key, make: (Key) -> Value) -> Value {
        if let value = lock.withLock({ values[key] }) { return value }
        let value = make(key)
        lock.withLock { values[key] = value }
        return value
    }
}
