import Testing

@testable import RapportCore

/// When a policy is in force, what the client pays of an allowed amount, and authorised visits.
struct CoverageTests {
    static let usd = Currency(code: "USD")!
    static func dollars(_ amount: Int64) -> Money { Money(amount: amount * 100, currency: usd) }
    static func date(_ text: String) -> LocalDate { LocalDate(text)! }

    @Test func aPeriodContainsItsFirstAndLastDayAndAnOpenOneNeverEnds() throws {
        let year = try #require(CoveragePeriod(from: Self.date("2026-01-01"), to: Self.date("2026-12-31")))
        #expect(year.contains(Self.date("2026-01-01")) && year.contains(Self.date("2026-12-31")))
        #expect(!year.contains(Self.date("2025-12-31")) && !year.contains(Self.date("2027-01-01")))
        let open = try #require(CoveragePeriod(from: Self.date("2026-06-01"), to: nil))
        #expect(open.contains(Self.date("2099-01-01")) && !open.contains(Self.date("2026-05-31")))
        #expect(CoveragePeriod(from: Self.date("2026-02-01"), to: Self.date("2026-01-31")) == nil)
    }

    @Test(arguments: [
        ("2026-01-01", "2026-06-30", "2026-06-30", nil, true),
        ("2026-01-01", "2026-06-30", "2026-07-01", nil, false),
        ("2026-01-01", nil, "2020-01-01", "2026-01-01", true),
        ("2026-01-01", nil, "2020-01-01", "2025-12-31", false),
        ("2026-03-01", "2026-03-01", "2026-01-01", nil, true),
    ] as [(String, String?, String, String?, Bool)])
    func periodsOverlapWhenTheyShareADay(from: String, to: String?, otherFrom: String, otherTo: String?, shared: Bool)
        throws
    {
        let one = try #require(CoveragePeriod(from: Self.date(from), to: to.map(Self.date)))
        let other = try #require(CoveragePeriod(from: Self.date(otherFrom), to: otherTo.map(Self.date)))
        #expect(one.overlaps(other) == shared)
        #expect(other.overlaps(one) == shared, "overlap reads the same both ways")
    }

    @Test func referencesAreLettersDigitsAndHyphensKeptUpperCase() {
        #expect(PolicyReference("w123-456")?.description == "W123-456")
        for bad in ["", "W123 456", "W123*456", "W~1", "W:1", "W^1", String(repeating: "9", count: 51), "Ü123"] {
            #expect(PolicyReference(bad) == nil, "\(bad)")
            #expect(PolicyReference.problem(bad) != nil)
        }
    }

    @Test(arguments: [
        // allowed, copay, coinsurance %, deductible left, expected client share (all dollars)
        (100, 20, nil, nil, 20),
        (100, nil, 20, nil, 20),
        (100, nil, nil, 500, 100),
        (100, 20, nil, 60, 80),
        (100, nil, 20, 50, 60),
        (100, 20, 10, nil, 28),
        (15, 20, nil, nil, 15),
        (100, nil, nil, nil, 0),
        (0, 20, 20, 100, 0),
        (100, nil, 100, nil, 100),
    ] as [(Int64, Int64?, Int?, Int64?, Int64)])
    func theClientsShareMeetsTheDeductibleFirstThenCopayThenCoinsurance(
        allowed: Int64, copay: Int64?, percent: Int?, deductible: Int64?, expected: Int64
    ) {
        let share = CostShare(
            copay: copay.map(Self.dollars), coinsurancePercent: percent, deductibleRemaining: deductible.map(Self.dollars))
        #expect(share.clientShare(ofAllowed: Self.dollars(allowed)) == Self.dollars(expected))
    }

    /// For any terms, the client's share is between nothing and the allowed amount.
    @Test func theShareNeverExceedsTheAllowedAmount() {
        var random = SplitMix64(seed: 13)
        for _ in 0..<2_000 {
            let allowed = Money(amount: Int64(random.next() % 50_000), currency: Self.usd)
            let share = CostShare(
                copay: random.next() % 2 == 0 ? nil : Money(amount: Int64(random.next() % 10_000), currency: Self.usd),
                coinsurancePercent: random.next() % 2 == 0 ? nil : Int(random.next() % 101),
                deductibleRemaining: random.next() % 2 == 0
                    ? nil : Money(amount: Int64(random.next() % 100_000), currency: Self.usd))
            let owed = share.clientShare(ofAllowed: allowed)
            #expect(owed.amount >= 0 && owed.amount <= allowed.amount, "\(share) of \(allowed)")
        }
    }

    @Test func visitsHeldAndBookedCountAgainstAnAuthorizationAndMissedOnesDoNot() {
        var use = AuthorizationUse(authorized: 4)
        use.count(attendance: .show, isPast: true)
        use.count(attendance: .scheduled, isPast: true)
        use.count(attendance: .noShow, isPast: true)
        use.count(attendance: .lateCancelled, isPast: true)
        use.count(attendance: .cancelled, isPast: false)
        use.count(attendance: .scheduled, isPast: false)
        #expect((use.used, use.scheduled, use.remaining) == (2, 1, 1))
        use.count(attendance: .scheduled, isPast: false)
        use.count(attendance: .scheduled, isPast: false)
        #expect(use.remaining == -1, "more booked than authorised shows as over")
    }

    @Test func ranksAndRelationshipsHaveTheirWords() {
        #expect(PayerRank(word: "secondary") == .secondary && PayerRank.tertiary.word == "tertiary")
        #expect(SubscriberRelationship(word: "self") == .subscriber && SubscriberRelationship.child.rawValue == "19")
        #expect(PayerRank(word: "P") == nil && SubscriberRelationship(word: "18") == nil)
    }
}
