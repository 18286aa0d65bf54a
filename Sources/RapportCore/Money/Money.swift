/// An amount of money: an integer count of the currency's minor units (cents), never a float.
///
/// Arithmetic between two amounts refuses mixed currencies and overflow by throwing
/// ``MoneyError``, so a wrong total can never be produced silently.
public struct Money: Hashable, Sendable, Codable {
    /// Minor units: 15000 is 150.00 USD.
    public let amount: Int64
    public let currency: Currency

    public init(amount: Int64, currency: Currency) {
        self.amount = amount
        self.currency = currency
    }

    public static func zero(_ currency: Currency) -> Money { Money(amount: 0, currency: currency) }

    public var isNegative: Bool { amount < 0 }
    public var isZero: Bool { amount == 0 }

    public static func + (lhs: Money, rhs: Money) throws(MoneyError) -> Money {
        try lhs.combined(with: rhs, by: { $0.addingReportingOverflow($1) })
    }

    public static func - (lhs: Money, rhs: Money) throws(MoneyError) -> Money {
        try lhs.combined(with: rhs, by: { $0.subtractingReportingOverflow($1) })
    }

    /// The sum of `amounts`, or zero in `currency` when there are none.
    public static func sum(_ amounts: some Sequence<Money>, currency: Currency) throws(MoneyError) -> Money {
        var total = Money.zero(currency)
        for amount in amounts { total = try total + amount }
        return total
    }

    /// `percent`% of this amount, rounded half away from zero to the minor unit.
    public func percentage(_ percent: Int) -> Money {
        let (product, overflow) = amount.multipliedReportingOverflow(by: Int64(percent))
        precondition(!overflow, "percentage of an amount this large is not representable")
        let quotient = product / 100
        let remainder = product % 100
        let rounded = abs(remainder) >= 50 ? quotient + (product < 0 ? -1 : 1) : quotient
        return Money(amount: rounded, currency: currency)
    }

    private func combined(
        with other: Money, by operation: (Int64, Int64) -> (partialValue: Int64, overflow: Bool)
    ) throws(MoneyError) -> Money {
        guard currency == other.currency else {
            throw .currencyMismatch(currency, other.currency)
        }
        let (value, overflow) = operation(amount, other.amount)
        guard !overflow else { throw .overflow }
        return Money(amount: value, currency: currency)
    }
}

/// Why a money calculation was refused.
public enum MoneyError: Error, Equatable, CustomStringConvertible {
    case currencyMismatch(Currency, Currency)
    case overflow

    public var description: String {
        switch self {
        case .currencyMismatch(let a, let b): "cannot combine \(a) with \(b)"
        case .overflow: "amount is too large"
        }
    }
}

extension Money: Comparable {
    /// Orders amounts of one currency; amounts of different currencies order by code so
    /// sorting never traps, but callers compare within one practice's currency.
    public static func < (lhs: Money, rhs: Money) -> Bool {
        lhs.currency == rhs.currency ? lhs.amount < rhs.amount : lhs.currency.code < rhs.currency.code
    }
}
