import Foundation
import Testing

@testable import RapportCore

/// Known answers: each case is checked by hand against RFC 5545's rules.
struct RecurrenceExpansionTests {
    func dates(_ rule: String, start: String, zone: String = "America/New_York", limit: Int = 50) throws -> [String] {
        let recurrence = Recurrence(
            rule: try RecurrenceRule(parsing: rule), start: LocalDateTime(start)!, timeZone: TimeZone(iana: zone)!)
        return recurrence.occurrences.prefix(limit).map { $0.originalStart.date.description }
    }

    @Test func weeklyOnTwoDaysEveryOtherWeek() throws {
        #expect(
            try dates("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=5", start: "2026-11-30T10:00") == [
                "2026-11-30", "2026-12-03", "2026-12-14", "2026-12-17", "2026-12-28",
            ])
    }

    @Test func monthlyOnThe31stSkipsShortMonthsWithoutCountingThem() throws {
        #expect(
            try dates("FREQ=MONTHLY;COUNT=4", start: "2026-01-31T09:00") == [
                "2026-01-31", "2026-03-31", "2026-05-31", "2026-07-31",
            ])
    }

    @Test func monthlyOnFebruary29thOnlyInLeapYears() throws {
        #expect(
            try dates("FREQ=MONTHLY;INTERVAL=12;COUNT=3", start: "2028-02-29T09:00") == [
                "2028-02-29", "2032-02-29", "2036-02-29",
            ])
    }

    @Test func secondTuesdayAndLastFriday() throws {
        #expect(
            try dates("FREQ=MONTHLY;BYDAY=2TU;COUNT=3", start: "2026-12-08T09:00") == [
                "2026-12-08", "2027-01-12", "2027-02-09",
            ])
        #expect(
            try dates("FREQ=MONTHLY;BYDAY=-1FR;COUNT=3", start: "2026-12-25T09:00") == [
                "2026-12-25", "2027-01-29", "2027-02-26",
            ])
    }

    @Test func fifthMondaySkipsMonthsWithFour() throws {
        #expect(
            try dates("FREQ=MONTHLY;BYDAY=5MO;COUNT=3", start: "2026-11-30T09:00") == [
                "2026-11-30", "2027-03-29", "2027-05-31",
            ])
    }

    @Test func lastDayOfEveryMonth() throws {
        #expect(
            try dates("FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3", start: "2027-01-31T09:00") == [
                "2027-01-31", "2027-02-28", "2027-03-31",
            ])
    }

    @Test func untilIsInclusive() throws {
        #expect(
            try dates("FREQ=WEEKLY;UNTIL=20261215", start: "2026-12-01T09:00") == [
                "2026-12-01", "2026-12-08", "2026-12-15",
            ])
        // 09:00 in New York is 14:00 UTC: an UNTIL of exactly that instant keeps the occurrence.
        #expect(try dates("FREQ=WEEKLY;UNTIL=20261215T140000Z", start: "2026-12-01T09:00").last == "2026-12-15")
        #expect(try dates("FREQ=WEEKLY;UNTIL=20261215T135959Z", start: "2026-12-01T09:00").last == "2026-12-08")
    }

    @Test func dailyFilteredByWeekday() throws {
        #expect(
            try dates("FREQ=DAILY;BYDAY=SA,SU;COUNT=4", start: "2026-11-28T09:00") == [
                "2026-11-28", "2026-11-29", "2026-12-05", "2026-12-06",
            ])
    }

    @Test func keepsWallClockAcrossDaylightSaving() throws {
        let recurrence = Recurrence(
            rule: try RecurrenceRule(parsing: "FREQ=WEEKLY;COUNT=3"), start: LocalDateTime("2026-10-24T09:00")!,
            timeZone: TimeZone(iana: "America/New_York")!)
        let utcHours = recurrence.occurrences.map { Int($0.start.timeIntervalSince1970) % 86_400 / 3600 }
        #expect(utcHours == [13, 13, 14])
    }

    @Test func aSessionInTheSpringGapMovesByTheGap() throws {
        let newYork = TimeZone(iana: "America/New_York")!
        let recurrence = Recurrence(
            rule: try RecurrenceRule(parsing: "FREQ=WEEKLY;COUNT=3"), start: LocalDateTime("2027-02-28T02:30")!,
            timeZone: newYork)
        let local = recurrence.occurrences.map { newYork.local($0.start).description }
        #expect(local == ["2027-02-28T02:30:00", "2027-03-07T02:30:00", "2027-03-14T03:30:00"])
        // Its identity stays the rule's time, so the calendar feed and billing agree on which one it is.
        #expect(recurrence.occurrences.map(\.originalStart.time.hour) == [2, 2, 2])
    }

    @Test func occurrencesInARangeUseHalfOpenInterval() throws {
        let zone = TimeZone(iana: "Europe/London")!
        let recurrence = Recurrence(
            rule: try RecurrenceRule(parsing: "FREQ=DAILY"), start: LocalDateTime("2026-01-01T09:00")!, timeZone: zone)
        let from = zone.instant(of: LocalDateTime("2026-01-10T09:00")!)
        let to = zone.instant(of: LocalDateTime("2026-01-13T09:00")!)
        #expect(recurrence.occurrences(from: from, to: to).map(\.index) == [9, 10, 11])
    }

    @Test func aRuleThatCanNeverMatchEnds() throws {
        // The 31st of February never exists: expansion must stop rather than loop forever.
        let recurrence = Recurrence(
            rule: try RecurrenceRule(parsing: "FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=31"),
            start: LocalDateTime("2026-02-01T09:00")!, timeZone: TimeZone(iana: "UTC")!)
        #expect(Array(recurrence.occurrences).isEmpty)
    }

    @Test func unsynchronizedStartIsDetected() throws {
        let recurrence = Recurrence(
            rule: try RecurrenceRule(parsing: "FREQ=WEEKLY;BYDAY=TU"), start: LocalDateTime("2026-11-30T09:00")!,
            timeZone: TimeZone(iana: "UTC")!)
        #expect(!recurrence.startIsAnOccurrence)
    }
}
