import Testing

@testable import RapportCore

/// Who a session bills: the client, or the payer of the first-ranked policy in force that day.
struct BillingRouteTests {
    static let usd = Currency(code: "USD")!
    static func dollars(_ amount: Int64) -> Money { Money(amount: amount * 100, currency: usd) }
    static func date(_ text: String) -> LocalDate { LocalDate(text)! }
    static func plan(_ id: String, _ rank: PayerRank, from: String, to: String? = nil, copay: Int64? = 20)
        -> CoveragePlan<String>
    {
        CoveragePlan(
            id: id, payerID: "payer-\(id)", rank: rank,
            period: CoveragePeriod(from: date(from), to: to.map(date))!,
            costShare: CostShare(copay: copay.map(dollars)))
    }

    static func route(
        on day: String = "2026-03-02", attendance: Attendance = .show, selfPay: SelfPayReason? = nil,
        plans: [CoveragePlan<String>], rates: [String: Int64] = [:]
    ) -> BillingRoute<String> {
        BillingRoute.of(
            date: date(day), attendance: attendance, charge: dollars(150), selfPay: selfPay, plans: plans,
            contractedRate: { rates[$0].map(dollars) })
    }

    @Test func withoutAPolicyInForceTheClientPays() {
        #expect(Self.route(plans: []) == .client(.noPolicy))
        let ended = Self.plan("a", .primary, from: "2025-01-01", to: "2026-03-01")
        #expect(Self.route(plans: [ended]) == .client(.noPolicy), "it ended the day before")
        #expect(Self.route(on: "2026-03-01", plans: [ended]).plan == "a", "its last day is covered")
    }

    @Test func theContractedRateIsAllowedAndTheCopayIsTheClientsShare() {
        let primary = Self.plan("a", .primary, from: "2026-01-01")
        #expect(
            Self.route(plans: [primary], rates: ["payer-a": 98])
                == .insurance(
                    plan: "a", payer: "payer-a", allowed: Self.dollars(98), contracted: true,
                    clientShare: Self.dollars(20)))
        #expect(
            Self.route(plans: [primary])
                == .insurance(
                    plan: "a", payer: "payer-a", allowed: Self.dollars(150), contracted: false,
                    clientShare: Self.dollars(20)), "no rate: the charge is what is expected")
        #expect(
            Self.route(plans: [primary], rates: ["payer-a": 200])
                == .insurance(
                    plan: "a", payer: "payer-a", allowed: Self.dollars(150), contracted: false,
                    clientShare: Self.dollars(20)), "a payer allows no more than the charge")
    }

    @Test func thePrimaryInForceIsBilledBeforeTheSecondary() {
        let primary = Self.plan("a", .primary, from: "2026-02-01")
        let secondary = Self.plan("b", .secondary, from: "2025-01-01")
        #expect(Self.route(plans: [secondary, primary]).plan == "a")
        #expect(Self.route(on: "2026-01-15", plans: [secondary, primary]).plan == "b", "before the primary began")
    }

    @Test(arguments: [SelfPayReason.clientChoice, .sessionChoice])
    func aChoiceToPaySelfWins(reason: SelfPayReason) {
        #expect(Self.route(selfPay: reason, plans: [Self.plan("a", .primary, from: "2026-01-01")]) == .client(reason))
    }

    @Test(arguments: [Attendance.cancelled, .lateCancelled, .noShow])
    func aSessionNotHeldIsTheClients(attendance: Attendance) {
        #expect(
            Self.route(attendance: attendance, plans: [Self.plan("a", .primary, from: "2026-01-01")])
                == .client(.notHeld))
        #expect(Self.route(attendance: .scheduled, plans: [Self.plan("a", .primary, from: "2026-01-01")]).plan == "a")
    }
}
