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

    @Test func formatsForPeople() {
        #expect(Money(amount: 125_000, currency: usd).formatted == "$1,250.00")
        #expect(Money(amount: -350, currency: Currency(code: "GBP")!).formatted == "-£3.50")
        #expect(Money(amount: 5000, currency: Currency(code: "JPY")!).formatted == "¥5,000")
        #expect(Money(amount: 1234, currency: Currency(code: "KWD")!).decimalString == "1.234")
        #expect(Money(amount: 5, currency: usd).decimalString == "0.05")
    }

    @Test func parsesDecimalText() {
        #expect(Money(decimal: "130", currency: usd)?.amount == 13000)
        #expect(Money(decimal: "130.5", currency: usd)?.amount == 13050)
        #expect(Money(decimal: "-0.05", currency: usd)?.amount == -5)
        #expect(Money(decimal: "1.005", currency: usd) == nil)
        #expect(Money(decimal: "abc", currency: usd) == nil)
        #expect(Money(decimal: "", currency: usd) == nil)
        #expect(Money(decimal: "1.", currency: usd) == nil)
    }

    @Test func sumOfNothingIsZero() throws {
        #expect(try Money.sum([], currency: usd) == .zero(usd))
    }

    @Test func knowsCurrencyCodes() {
        #expect(Currency(code: "usd") == nil)
        #expect(Currency(code: "XYZ") == nil)
        #expect(Currency(code: "JPY")?.minorUnitDigits == 0)
    }

    /// Property: for random amounts, (a + b) - b == a and the parse of the printed decimal is the amount.
    @Test func arithmeticAndPrintingRoundTrip() throws {
        var random = SplitMix64(seed: 7)
        for _ in 0..<2000 {
            let a = Money(amount: Int64.random(in: -1_000_000_000...1_000_000_000, using: &random), currency: usd)
            let b = Money(amount: Int64.random(in: -1_000_000_000...1_000_000_000, using: &random), currency: usd)
            #expect(try (a + b) - b == a)
            #expect(Money(decimal: a.decimalString, currency: usd) == a)
        }
    }
}
