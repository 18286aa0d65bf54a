import Foundation
import Testing

@testable import RapportCore

struct PricingTests {
    let intake = UUID(), therapy45 = UUID(), therapy60 = UUID()
    let usd = Currency.usd
    func money(_ major: Int64) -> Money { Money(amount: major * 100, currency: usd) }
    func day(_ text: String) -> LocalDate { LocalDate(text)! }

    var rules: PricingRules {
        PricingRules(
            practiceDefaultServiceID: therapy45,
            clientDefaultService: EffectiveHistory([.init(effectiveFrom: day("2026-06-01"), value: therapy60)]),
            clientFees: [
                therapy60: EffectiveHistory([
                    .init(effectiveFrom: day("2026-06-01"), value: money(130)),
                    .init(effectiveFrom: day("2027-01-01"), value: nil),
                ])
            ],
            serviceRates: [
                therapy45: EffectiveHistory([.init(effectiveFrom: .distantPast, value: money(150))]),
                therapy60: EffectiveHistory([
                    .init(effectiveFrom: .distantPast, value: money(180)),
                    .init(effectiveFrom: day("2027-01-01"), value: money(190)),
                ]),
                intake: EffectiveHistory([.init(effectiveFrom: .distantPast, value: money(220))]),
            ])
    }

    @Test func followsThePracticeDefaultBeforeTheClientHasOne() throws {
        let price = try Pricing.price(PricingRequest(date: day("2026-05-31")), rules: rules)
        #expect(
            price
                == Price(
                    serviceID: therapy45, serviceSource: .practiceDefault, fee: money(150), feeSource: .serviceRate))
    }

    @Test func followsTheClientDefaultAndCustomFeeFromTheirEffectiveDate() throws {
        let price = try Pricing.price(PricingRequest(date: day("2026-06-01")), rules: rules)
        #expect(
            price == Price(serviceID: therapy60, serviceSource: .clientDefault, fee: money(130), feeSource: .clientFee))
    }

    @Test func anEndedCustomFeeFallsBackToTheRateOnThatDate() throws {
        let price = try Pricing.price(PricingRequest(date: day("2027-03-01")), rules: rules)
        #expect(price.fee == money(190))
        #expect(price.feeSource == .serviceRate)
    }

    @Test func aChosenServiceStillUsesTheClientsFeeForIt() throws {
        let price = try Pricing.price(PricingRequest(date: day("2026-07-01"), chosenServiceID: intake), rules: rules)
        #expect(price == Price(serviceID: intake, serviceSource: .chosen, fee: money(220), feeSource: .serviceRate))
    }

    @Test func anOverrideIsKeptAsTyped() throws {
        let price = try Pricing.price(PricingRequest(date: day("2026-07-01"), feeOverride: money(99)), rules: rules)
        #expect(price.fee == money(99))
        #expect(price.feeSource == .override)
        #expect(price.serviceSource == .clientDefault)
    }

    @Test func withoutAnyDefaultThereIsNoService() {
        var bare = rules
        bare.practiceDefaultServiceID = nil
        #expect(throws: PricingError.noService) {
            try Pricing.price(PricingRequest(date: day("2026-01-01")), rules: bare)
        }
    }

    @Test func aServiceWithoutARateCannotBePriced() {
        let unknown = UUID()
        #expect(throws: PricingError.noRate(serviceID: unknown, date: day("2026-01-01"))) {
            try Pricing.price(PricingRequest(date: day("2026-01-01"), chosenServiceID: unknown), rules: rules)
        }
    }

    @Test func laterEntryForTheSameDateWins() {
        let history = EffectiveHistory([
            .init(effectiveFrom: day("2026-01-01"), value: 1), .init(effectiveFrom: day("2026-01-01"), value: 2),
        ])
        #expect(history.value(on: day("2026-01-01")) == 2)
        #expect(history.value(on: day("2025-12-31")) == nil)
    }
}

struct AttendancePolicyTests {
    let fee = Money(amount: 15000, currency: .usd)
    let policy = AttendancePolicy(lateCancel: .percent(50), noShow: .fixed(Money(amount: 7500, currency: .usd)))

    @Test func lateCancelBillsHalfTheFee() { #expect(policy.charge(for: .lateCancelled, fee: fee)?.amount == 7500) }
    @Test func noShowBillsTheFixedAmount() { #expect(policy.charge(for: .noShow, fee: fee)?.amount == 7500) }
    @Test func cancelledIsNeverBillable() { #expect(policy.charge(for: .cancelled, fee: fee) == nil) }
    @Test func attendedBillsTheFee() { #expect(policy.charge(for: .show, fee: fee) == fee) }
    @Test func notBilledRuleBillsNothing() {
        let lenient = AttendancePolicy(lateCancel: .notBilled, noShow: .percent(0))
        #expect(lenient.charge(for: .lateCancelled, fee: fee) == nil)
        #expect(lenient.charge(for: .noShow, fee: fee) == nil)
    }
}
