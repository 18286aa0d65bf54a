import Testing

@testable import RapportCore

struct MoneyTests {
    let usd = Currency.usd
    let eur = Currency(code: "EUR")!

    @Test func addsAndSubtractsInMinorUnits() throws {
        let fee = Money(amount: 15000, currency: usd)
        #expect(try fee + Money(amount: 250, currency: usd) == Money(amount: 15250, currency: usd))
        #expect(try fee - Money(amount: 20000, currency: usd) == Money(amount: -5000, currency: usd))
    }

    @Test func refusesToMixCurrencies() {
        #expect(throws: MoneyError.currencyMismatch(usd, eur)) {
            try Money(amount: 1, currency: usd) + Money(amount: 1, currency: eur)
        }
    }

    @Test func refusesOverflow() {
        #expect(throws: MoneyError.overflow) {
            try Money(amount: .max, currency: usd) + Money(amount: 1, currency: usd)
        }
    }

    @Test(arguments: [
        (15000, 50, 7500), (12345, 50, 6173), (101, 50, 51), (-101, 50, -51), (15000, 0, 0), (999, 33, 330),
    ])
    func percentageRoundsHalfAwayFromZero(amount: Int64, percent: Int, expected: Int64) {
        #expect(Money(amount: amount, currency: usd).percentage(percent).amount == expected)
    }

    @Test func describesItselfAsAPlainDecimalWithItsCode() {
        #expect(Money(amount: 1234, currency: Currency(code: "KWD")!).description == "1.234 KWD")
        #expect(Money(amount: -5, currency: usd).description == "-0.05 USD")
        #expect(Money(amount: 5000, currency: Currency(code: "JPY")!).description == "5000 JPY")
    }

    @Test func sumOfNothingIsZero() throws {
        #expect(try Money.sum([], currency: usd) == .zero(usd))
    }

    @Test func knowsCurrencyCodes() {
        #expect(Currency(code: "usd") == nil)
        #expect(Currency(code: "XYZ") == nil)
        #expect(Currency(code: "JPY")?.minorUnitDigits == 0)
    }

    /// Property: for random amounts, (a + b) - b == a. (Printing and reading: MoneyFormatTests.)
    @Test func arithmeticAndPrintingRoundTrip() throws {
        var random = SplitMix64(seed: 7)
        for _ in 0..<2000 {
            let a = Money(amount: Int64.random(in: -1_000_000_000...1_000_000_000, using: &random), currency: usd)
            let b = Money(amount: Int64.random(in: -1_000_000_000...1_000_000_000, using: &random), currency: usd)
            #expect(try (a + b) - b == a)
        }
    }
}
