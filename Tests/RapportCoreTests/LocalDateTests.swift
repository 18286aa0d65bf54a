import Foundation
import Testing

@testable import RapportCore

struct LocalDateTests {
    @Test func parsesAndPrintsIsoDates() {
        #expect(LocalDate("2026-02-28")?.description == "2026-02-28")
        #expect(LocalDate("2026-02-29") == nil)
        #expect(LocalDate("2028-02-29") != nil)
        #expect(LocalDate("2026-2-1") == nil)
        #expect(LocalDate("26-02-01") == nil)
        #expect(LocalDate("2026-13-01") == nil)
    }

    @Test func knowsWeekdays() {
        #expect(LocalDate("1970-01-01")?.weekday == .thursday)
        #expect(LocalDate("2026-11-29")?.weekday == .sunday)
        #expect(LocalDate("1969-12-29")?.weekday == .monday)
    }

    /// Property: day numbers round-trip and agree with Foundation's calendar (which is Julian before 1582, so the range starts in 1614).
    @Test func dayNumbersAgreeWithFoundation() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var random = SplitMix64(seed: 1)
        for _ in 0..<3000 {
            let days = Int.random(in: -130_000...200_000, using: &random)
            let date = LocalDate(daysSinceEpoch: days)
            #expect(date.daysSinceEpoch == days)
            let parts = calendar.dateComponents(
                [.year, .month, .day], from: Date(timeIntervalSince1970: Double(days) * 86_400))
            #expect([date.year, date.month, date.day] == [parts.year, parts.month, parts.day])
        }
    }

    @Test func localDateTimeParsesWithOrWithoutSeconds() {
        #expect(LocalDateTime("2026-03-08T02:30")?.description == "2026-03-08T02:30:00")
        #expect(LocalDateTime("2026-03-08T24:00") == nil)
        #expect(LocalDateTime("2026-03-08 02:30") == nil)
        #expect(LocalDateTime("2026-03-08T02:30:15")?.time.second == 15)
        for malformed in [
            "2026-03-08T2:30", "2026-03-08T02:30:5", "2026-03-08T02:30:00Z", "2026-03-08T02:30:60", "2026-03-08T02-30",
            "2026-03-08T", "20260308T0230", "2026-03-08T02:3a", "2026-3-08T02:30:00",
        ] {
            #expect(LocalDateTime(malformed) == nil, "\(malformed)")
        }
    }

    @Test func datesAreExactlyTenAsciiCharacters() {
        for malformed in ["2026-02-0a", "2026/02/01", "2026-02-01 ", " 2026-02-01", "２０２６-02-01", "2026--2-01", ""] {
            #expect(LocalDate(malformed) == nil, "\(malformed)")
        }
        #expect(LocalDate("2026-11-29"[...]) == LocalDate(year: 2026, month: 11, day: 29), "substrings parse too")
    }

    @Test func springForwardGapMovesLaterByTheGap() {
        let newYork = TimeZone(iana: "America/New_York")!
        let instant = newYork.instant(of: LocalDateTime("2026-03-08T02:30")!)
        #expect(newYork.local(instant) == LocalDateTime("2026-03-08T03:30"))
    }

    @Test func fallBackOverlapTakesTheFirstInstant() {
        let newYork = TimeZone(iana: "America/New_York")!
        let instant = newYork.instant(of: LocalDateTime("2026-11-01T01:30")!)
        // 01:30 EDT is 05:30 UTC; the second 01:30 (EST) would be 06:30 UTC.
        #expect(instant == Date(timeIntervalSince1970: 1_793_511_000))
    }

    @Test func chathamHasAQuarterHourOffset() {
        let chatham = TimeZone(iana: "Pacific/Chatham")!
        let local = LocalDateTime("2026-07-01T09:00")!
        #expect(chatham.local(chatham.instant(of: local)) == local)
    }

    @Test func refusesTimeZonesThatAreNotIana() {
        #expect(TimeZone(iana: "Mars/Olympus") == nil)
        #expect(TimeZone(iana: "EST") == nil)
        #expect(TimeZone(iana: "Europe/London") != nil)
    }
}
