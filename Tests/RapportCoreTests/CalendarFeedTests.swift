import Foundation
import Testing

@testable import RapportCore

struct ICalendarTextTests {
    @Test func textIsEscapedAndLongLinesFoldAt75OctetsWithoutSplittingACharacter() {
        var out = ICalendarText()
        out.text("SUMMARY", "Avery; Nguyen, \\ LCSW\nRoom 2")
        #expect(out.text == "SUMMARY:Avery\\; Nguyen\\, \\\\ LCSW\\nRoom 2\r\n")
        let long = String(repeating: "é", count: 60)
        let folded = ICalendarText.fold("LOCATION:" + long)
        let lines = folded.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        #expect(lines.map { $0.hasPrefix(" ") ? String($0.dropFirst()) : $0 }.joined() == "LOCATION:" + long)
    }

    @Test func datesAreWrittenInTheirZoneOrInUTC() throws {
        var out = ICalendarText()
        let start = try #require(LocalDateTime("2026-03-02T09:05"))
        out.local("DTSTART", start, zone: try #require(TimeZone(identifier: "America/New_York")))
        out.utc("DTSTAMP", Date(timeIntervalSince1970: 1_796_000_000))
        #expect(out.text == "DTSTART;TZID=America/New_York:20260302T090500\r\nDTSTAMP:20261130T005320Z\r\n")
    }
}

struct VTimeZoneTests {
    @Test func aYearOfNewYorkHasItsTwoChangesWithTheOffsetsEitherSide() throws {
        let zone = try #require(TimeZone(identifier: "America/New_York"))
        var out = ICalendarText()
        let from = zone.startOfDay(try #require(LocalDate("2026-01-01")))
        VTimeZone.write(zone, from: from, to: zone.startOfDay(try #require(LocalDate("2026-12-31"))), into: &out)
        let text = out.text
        #expect(text.contains("TZID:America/New_York"))
        #expect(text.contains("BEGIN:DAYLIGHT\r\nDTSTART:20260308T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400"))
        #expect(text.contains("BEGIN:STANDARD\r\nDTSTART:20261101T020000\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500"))
        #expect(text.components(separatedBy: "BEGIN:STANDARD").count - 1 == 2, "January's standard time, then November's")
    }

    @Test func aZoneWithoutChangesHasOnePart() throws {
        var out = ICalendarText()
        VTimeZone.write(
            try #require(TimeZone(identifier: "Asia/Kolkata")), from: Date(timeIntervalSince1970: 1_780_000_000),
            to: Date(timeIntervalSince1970: 1_840_000_000), into: &out)
        #expect(out.text.components(separatedBy: "BEGIN:STANDARD").count - 1 == 1)
        #expect(out.text.contains("TZOFFSETFROM:+0530\r\nTZOFFSETTO:+0530"))
    }
}

struct SeriesFeedPlanTests {
    let zone = TimeZone(identifier: "America/New_York")!

    func weekly(_ count: Int? = nil) throws -> Recurrence {
        Recurrence(
            rule: try RecurrenceRule(parsing: count.map { "FREQ=WEEKLY;COUNT=\($0)" } ?? "FREQ=WEEKLY"),
            start: try #require(LocalDateTime("2026-02-23T09:00")), timeZone: zone)
    }

    /// The series' occurrences as stored sessions, each as the rule says.
    func stored(_ recurrence: Recurrence, _ count: Int) -> [SeriesFeedPlan<Int>.Stored] {
        recurrence.occurrences.prefix(count).map {
            .init(
                session: $0.index, originalStart: $0.originalStart, start: $0.start, durationMinutes: 50, inFeed: true,
                asSeries: true)
        }
    }

    @Test func aSeriesStoredAsItsRuleSaysNeedsNothingMore() throws {
        let recurrence = try weekly()
        let stored = stored(recurrence, 10)
        let plan = SeriesFeedPlan(
            recurrence: recurrence, through: stored[9].start.addingTimeInterval(60), durationMinutes: 50,
            stored: stored)
        #expect(plan.excluded.isEmpty && plan.changed.isEmpty && plan.strays.isEmpty)
    }

    @Test func deletedOccurrencesAndOnesOnAnotherCalendarAreLeftOutAndChangedOnesReplaced() throws {
        let recurrence = try weekly()
        var stored = stored(recurrence, 10)
        let deleted = stored.remove(at: 3)
        let moved = stored[4]
        stored[4] = .init(
            session: moved.session, originalStart: moved.originalStart, start: moved.start.addingTimeInterval(3600),
            durationMinutes: 50, inFeed: true, asSeries: true)
        let elsewhere = stored[5]
        stored[5] = .init(
            session: elsewhere.session, originalStart: elsewhere.originalStart, start: elsewhere.start,
            durationMinutes: 50, inFeed: false, asSeries: true)
        let cancelled = stored[6]
        stored[6] = .init(
            session: cancelled.session, originalStart: cancelled.originalStart, start: cancelled.start,
            durationMinutes: 50, inFeed: true, asSeries: false)
        let longer = stored[7]
        stored[7] = .init(
            session: longer.session, originalStart: longer.originalStart, start: longer.start, durationMinutes: 80,
            inFeed: true, asSeries: true)
        let plan = SeriesFeedPlan(
            recurrence: recurrence, through: stored[8].start.addingTimeInterval(60), durationMinutes: 50,
            stored: stored)
        #expect(plan.excluded == [deleted.originalStart, elsewhere.originalStart])
        #expect(plan.changed.map(\.session) == [moved.session, cancelled.session, longer.session])
        #expect(plan.strays.isEmpty)
    }

    @Test func aSessionWhoseOriginalTheRuleDoesNotGiveStandsAlone() throws {
        let recurrence = try weekly(3)
        var stored = stored(recurrence, 3)
        let odd = try #require(LocalDateTime("2026-02-25T09:00"))
        stored.append(
            .init(session: 99, originalStart: odd, start: zone.instant(of: odd), durationMinutes: 50, inFeed: true, asSeries: true))
        let plan = SeriesFeedPlan(recurrence: recurrence, through: .distantFuture, durationMinutes: 50, stored: stored)
        #expect(plan.strays.map(\.session) == [99])
        #expect(plan.excluded.isEmpty)
    }
}

struct FeedRuleTests {
    @Test func anUntilDateBecomesTheLastSecondOfThatDayInUTC() throws {
        let zone = try #require(TimeZone(identifier: "America/New_York"))
        let recurrence = Recurrence(
            rule: try RecurrenceRule(parsing: "FREQ=WEEKLY;BYDAY=MO;UNTIL=20260330"),
            start: try #require(LocalDateTime("2026-03-02T09:00")), timeZone: zone)
        #expect(recurrence.feedRule() == "FREQ=WEEKLY;BYDAY=MO;UNTIL=20260331T035959Z")
    }

    @Test func anEndedSeriesEndsAtItsLastOccurrence() throws {
        let zone = try #require(TimeZone(identifier: "Europe/Berlin"))
        let recurrence = Recurrence(
            rule: try RecurrenceRule(parsing: "FREQ=WEEKLY;COUNT=50"),
            start: try #require(LocalDateTime("2026-03-02T09:00")), timeZone: zone)
        let third = Array(recurrence.occurrences.prefix(3))[2]
        #expect(recurrence.feedRule(endingAt: third.start) == "FREQ=WEEKLY;UNTIL=20260316T080000Z")
    }

    @Test func clientsAreNamedAsThePracticeChose() {
        #expect(FeedClientNames.initials.summary(first: "avery", last: "Nguyen") == "A. N.")
        #expect(FeedClientNames.fullName.summary(first: "Avery", last: "Nguyen") == "Avery Nguyen")
        #expect(FeedClientNames.hidden.summary(first: "Avery", last: "Nguyen") == "Session")
    }
}
