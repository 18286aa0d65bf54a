import Foundation
import Testing

@testable import RapportCore

/// The No Surprises Act's deadlines on business days, the series estimate and the $400 line.
struct GoodFaithEstimateTests {
    typealias Rules = GoodFaithEstimateRules
    static func day(_ text: String) -> LocalDate { LocalDate(text)! }

    @Test func businessDaysSkipWeekends() {
        // Friday 2026-12-04 to the next Wednesday: Monday, Tuesday, Wednesday.
        #expect(Rules.businessDays(after: Self.day("2026-12-04"), through: Self.day("2026-12-09")) == 3)
        #expect(Rules.businessDays(after: Self.day("2026-12-05"), through: Self.day("2026-12-07")) == 1, "Saturday to Monday")
        #expect(Rules.businessDays(after: Self.day("2026-12-07"), through: Self.day("2026-12-07")) == 0)
        #expect(Rules.businessDays(after: Self.day("2026-12-01"), through: Self.day("2026-12-29")) == 20, "four weeks")
        #expect(Rules.adding(businessDays: 1, to: Self.day("2026-12-04")) == Self.day("2026-12-07"), "Friday + 1 is Monday")
        #expect(Rules.adding(businessDays: 3, to: Self.day("2026-12-04")) == Self.day("2026-12-09"))
        #expect(Rules.businessDay(before: Self.day("2026-12-07")) == Self.day("2026-12-04"), "before a Monday is Friday")
    }

    /// Every pair of dates agrees with counting one day at a time.
    @Test func businessDaysAgreeWithCountingDayByDay() {
        var random = SplitMix64(seed: 149)
        for _ in 0..<2_000 {
            let from = Self.day("2026-01-01").adding(days: Int.random(in: 0..<400, using: &random))
            let to = from.adding(days: Int.random(in: -5..<60, using: &random))
            var counted = 0
            var day = from
            while day < to {
                day = day.adding(days: 1)
                if day.weekday != .saturday && day.weekday != .sunday { counted += 1 }
            }
            #expect(Rules.businessDays(after: from, through: to) == counted, "\(from) → \(to)")
            if counted > 0 { #expect(Rules.adding(businessDays: counted, to: from) <= to) }
        }
    }

    @Test func theDeadlineDependsOnHowFarAwayTheServiceIs() {
        let friday = Self.day("2026-12-04")
        // Scheduled on a Friday for the next Wednesday (3 business days away): due Monday.
        #expect(Rules.due(.scheduled(on: friday, service: Self.day("2026-12-09"))) == Self.day("2026-12-07"))
        // Two business days away: none is required.
        #expect(Rules.due(.scheduled(on: friday, service: Self.day("2026-12-08"))) == nil)
        // Ten or more business days away: three business days.
        #expect(Rules.due(.scheduled(on: friday, service: Self.day("2026-12-18"))) == Self.day("2026-12-09"))
        #expect(Rules.due(.scheduled(on: friday, service: Self.day("2026-12-17"))) == Self.day("2026-12-07"), "9 days: 1")
        // On request: three business days.
        #expect(Rules.due(.requested(on: friday)) == Self.day("2026-12-09"))
        // A changed estimate: one business day before the service.
        #expect(Rules.revisionDue(service: Self.day("2026-12-07")) == friday)
    }

    @Test func aWeeklySeriesIsEstimatedOverItsPeriodOfUpToTwelveMonths() throws {
        let weekly = Recurrence(
            rule: try RecurrenceRule(parsing: "FREQ=WEEKLY"), start: LocalDateTime("2026-12-07T10:00")!,
            timeZone: TimeZone(iana: "America/New_York")!)
        let end = Rules.periodEnd(start: Self.day("2026-12-07"), months: 12)
        #expect(end == Self.day("2027-12-06"))
        #expect(Rules.sessions(of: weekly, within: Self.day("2026-12-07")...end) == 53)
        #expect(Rules.periodEnd(start: Self.day("2026-12-07"), months: 40) == end, "never more than 12 months")
        #expect(Rules.periodEnd(start: Self.day("2027-01-31"), months: 1) == Self.day("2027-02-27"))
        let tenWeeks = Recurrence(
            rule: try RecurrenceRule(parsing: "FREQ=WEEKLY;COUNT=10"), start: LocalDateTime("2026-12-07T10:00")!,
            timeZone: TimeZone(iana: "America/New_York")!)
        #expect(Rules.sessions(of: tenWeeks, within: Self.day("2026-12-07")...end) == 10)
        #expect(Rules.sessions(of: tenWeeks, within: Self.day("2026-12-15")...end) == 8, "from the period's start")
    }

    @Test func fourHundredDollarsOverTheEstimateLetsTheClientDispute() {
        let usd = { (cents: Int64) in Money(amount: cents, currency: .usd) }
        #expect(!Rules.exceedsEstimate(billed: usd(179_999), estimated: usd(140_000)))
        #expect(Rules.exceedsEstimate(billed: usd(180_000), estimated: usd(140_000)))
        #expect(!Rules.exceedsEstimate(billed: usd(100_000), estimated: usd(140_000)))
    }
}
