import Foundation
import Testing

@testable import RapportCore

/// Money written and read the way a practice's people write it; anything ambiguous is refused.
struct MoneyFormatTests {
    let us = MoneyFormat(identifier: "en_US")!
    let germany = MoneyFormat(identifier: "de_DE")!
    let france = MoneyFormat(identifier: "fr_FR")!
    let india = MoneyFormat(identifier: "en_IN")!
    let eur = Currency(code: "EUR")!
    let jpy = Currency(code: "JPY")!

    private func amount(_ format: MoneyFormat, _ text: String, _ currency: Currency = .usd) -> Int64? {
        try? format.parse(text, currency: currency).get().amount
    }

    @Test func aGermanPracticeReadsTheDecimalComma() {
        #expect(amount(germany, "180,00", eur) == 18_000)
        #expect(amount(germany, "130,5", eur) == 13_050)
        #expect(amount(germany, "1.234,56", eur) == 123_456)
        #expect(amount(germany, "1234,56 €", eur) == 123_456)
        #expect(amount(germany, "€ 130", eur) == 13_000)
        #expect(amount(germany, "1.234", eur) == 123_400, "a German reads 1.234 as one thousand two hundred and thirty-four")
    }

    @Test func centsTypedWithTheOtherSeparatorAreRefusedNotMultiplied() {
        #expect(amount(us, "180,00") == nil, "not 18,000.00")
        #expect(amount(us, "130,50") == nil)
        #expect(amount(us, "1.234,56") == nil, "Foundation alone reads 1.234")
        #expect(amount(germany, "130.50", eur) == nil, "not 13.050,00")
        #expect(amount(germany, "1,234.56", eur) == nil)
        let message = germany.parse("130.50", currency: eur).failureMessage
        #expect(message?.contains("use , for the cents") == true, "\(message ?? "")")
        #expect(message?.contains("130,50") == true)
    }

    @Test func theUSReadsWhatPeopleTypeThere() {
        #expect(amount(us, "130") == 13_000)
        #expect(amount(us, "130.5") == 13_050)
        #expect(amount(us, "$1,250.50") == 125_050)
        #expect(amount(us, "1,250") == 125_000)
        #expect(amount(us, "12,50") == nil)
        #expect(amount(us, "1,2500") == nil)
        #expect(amount(us, "130.505") == nil, "more decimals than the currency has")
        #expect(amount(us, "-5") == -500, "read, so that the caller can say it must not be negative")
        #expect(amount(us, "--5") == nil)
        #expect(amount(us, "") == nil)
        #expect(amount(us, "1e3") == nil)
        #expect(amount(us, "12345678901234") == nil, "too many digits")
    }

    @Test func groupingFollowsTheLocalesOwnHabit() {
        #expect(amount(france, "1 234,56", eur) == 123_456)
        #expect(amount(france, "1\u{202F}234,56", eur) == 123_456)
        #expect(amount(india, "1,23,456.00") == 12_345_600)
        #expect(amount(india, "123,456.00") == nil, "not how India groups")
        #expect(amount(us, "1,23,456.00") == nil)
    }

    @Test func currenciesWithoutCentsTakeNoDecimals() {
        let japan = MoneyFormat(identifier: "ja_JP")!
        #expect(amount(japan, "12,000", jpy) == 12_000)
        #expect(amount(japan, "¥12,000", jpy) == 12_000)
        #expect(amount(japan, "12000.5", jpy) == nil)
    }

    @Test func amountsAreShownAsThePracticeWritesThem() {
        #expect(us.format(Money(amount: 125_050, currency: .usd)) == "$1,250.50")
        #expect(us.format(Money(amount: -350, currency: .usd)) == "-$3.50")
        #expect(germany.format(Money(amount: 1_305_000, currency: eur)) == "13.050,00\u{00A0}€")
        #expect(germany.plain(Money(amount: 13_050, currency: eur)) == "130,50")
        #expect(us.plain(Money(amount: 125_050, currency: .usd)) == "1250.50")
    }

    @Test func whatIsShownReadsBackToTheSameAmount() {
        var random = SplitMix64(seed: 20_261_202)
        for format in [us, germany, france, india] {
            for _ in 0..<200 {
                let money = Money(amount: Int64(random.next() % 100_000_000), currency: format == germany || format == france ? eur : .usd)
                #expect(amount(format, format.format(money), money.currency) == money.amount, "\(format.format(money))")
                #expect(amount(format, format.plain(money), money.currency) == money.amount)
            }
        }
    }

    @Test func onlyKnownLocalesWrittenInDigitsAreAccepted() {
        #expect(MoneyFormat(identifier: "xx_YY") == nil)
        #expect(MoneyFormat(identifier: "ar_SA") == nil, "written in Arabic-Indic digits")
        #expect(MoneyFormat.default(for: eur).identifier == "de_DE")
        #expect(MoneyFormat.default(for: .usd).identifier == "en_US")
    }
}

extension Result where Failure == MoneyFormat.ParseError {
    fileprivate var failureMessage: String? {
        if case .failure(let error) = self { return error.message }
        return nil
    }
}
