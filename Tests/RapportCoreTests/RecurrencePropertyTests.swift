import Foundation
import Testing

@testable import RapportCore

/// Properties that must hold for every rule, start and zone, checked over random draws.
struct RecurrencePropertyTests {
    static let zones = ["America/New_York", "Europe/London", "Australia/Sydney", "Asia/Kolkata", "Pacific/Chatham"]

    /// A random rule that is guaranteed to keep producing occurrences, and a start synchronized with it.
    static func draw(_ random: inout SplitMix64, end: RecurrenceRule.End = .never) -> Recurrence {
        let zone = TimeZone(iana: zones.randomElement(using: &random)!)!
        // Starts spread over 1995–2045 and over the hours of DST changes (00:00–04:00) as well as the day.
        let date = LocalDate(daysSinceEpoch: Int.random(in: 9_131...27_394, using: &random))
        let hour =
            Bool.random(using: &random) ? Int.random(in: 0...3, using: &random) : Int.random(in: 7...20, using: &random)
        let minute = [0, 15, 30, 45].randomElement(using: &random)!
        let start = LocalDateTime(date: date, time: LocalTime(hour: hour, minute: minute)!)
        let interval = Int.random(in: 1...3, using: &random)
        let rule: RecurrenceRule
        switch Int.random(in: 0..<5, using: &random) {
        case 0: rule = try! RecurrenceRule(frequency: .daily, interval: interval, end: end)
        case 1:
            let extra = Weekday.allCases.randomElement(using: &random)!
            let days = Set([date.weekday, extra]).map { RecurrenceRule.WeekdayNumber($0) }
            rule = try! RecurrenceRule(frequency: .weekly, interval: interval, byDay: days, end: end)
        case 2: rule = try! RecurrenceRule(frequency: .monthly, interval: interval, end: end)
        case 3:
            let ordinal = (date.day - 1) / 7 + 1
            rule = try! RecurrenceRule(
                frequency: .monthly, interval: interval,
                byDay: [.init(date.weekday, ordinal: ordinal == 5 ? -1 : ordinal)], end: end)
        default:
            rule = try! RecurrenceRule(frequency: .monthly, byMonthDay: [date.day], end: end)
        }
        let recurrence = Recurrence(rule: rule, start: start, timeZone: zone)
        // Fifth-weekday starts drawn as "-1" only match when that is also the last one; redraw otherwise.
        return recurrence.startIsAnOccurrence ? recurrence : draw(&random, end: end)
    }

    @Test func everyOccurrenceKeepsTheLocalTimeOrShiftsByTheGap() {
        var random = SplitMix64(seed: 42)
        for _ in 0..<400 {
            let recurrence = Self.draw(&random)
            let zone = recurrence.timeZone
            var previous: Occurrence?
            for occurrence in recurrence.occurrences.prefix(120) {
                #expect(occurrence.originalStart.time == recurrence.start.time)
                #expect(occurrence.originalStart >= recurrence.start, "nothing before the start")
                if let previous { #expect(occurrence.start > previous.start, "strictly increasing") }
                previous = occurrence
                let shown = zone.local(occurrence.start)
                guard shown != occurrence.originalStart else { continue }
                // Only a wall-clock time that does not exist may move, and only forward by the gap.
                let shift = shown.secondsSinceEpochAsUTC - occurrence.originalStart.secondsSinceEpochAsUTC
                let gap =
                    zone.secondsFromGMT(for: occurrence.start)
                    - zone.secondsFromGMT(for: occurrence.start.addingTimeInterval(-Double(shift) - 3600))
                #expect(shift > 0 && shift == gap, "\(recurrence.rule) \(zone.identifier) \(occurrence.originalStart)")
            }
        }
    }

    @Test func countGivesExactlyCount() {
        var random = SplitMix64(seed: 43)
        for _ in 0..<300 {
            let count = Int.random(in: 1...60, using: &random)
            let recurrence = Self.draw(&random, end: .count(count))
            #expect(Array(recurrence.occurrences).count == count, "\(recurrence.rule)")
        }
    }

    @Test func untilIsInclusiveOfItsOwnInstant() {
        var random = SplitMix64(seed: 44)
        for _ in 0..<300 {
            let open = Self.draw(&random)
            let all = Array(open.occurrences.prefix(40))
            let last = all[Int.random(in: 0..<all.count, using: &random)]
            let untilUTC = LocalDateTime(secondsSinceEpochAsUTC: Int(last.start.timeIntervalSince1970))
            let bounded = Recurrence(
                rule: open.rule.ending(.until(.utc(untilUTC))), start: open.start, timeZone: open.timeZone)
            #expect(Array(bounded.occurrences) == Array(all.prefix(last.index + 1)))
        }
    }

    @Test func splittingKeepsExactlyTheSameOccurrences() {
        var random = SplitMix64(seed: 45)
        for round in 0..<300 {
            let recurrence = Self.draw(&random, end: round.isMultiple(of: 2) ? .count(30) : .never)
            let all = Array(recurrence.occurrences.prefix(30))
            let at = all[Int.random(in: 0..<all.count, using: &random)]
            guard let (head, tail) = recurrence.split(at: at.originalStart) else {
                Issue.record("could not split \(recurrence.rule) at \(at.originalStart)")
                continue
            }
            let before = head.map { Array($0.occurrences.prefix(31)) } ?? []
            let after = Array(tail.occurrences.prefix(30 - at.index))
            #expect(before.map(\.start) == all.prefix(at.index).map(\.start))
            #expect(after.map(\.start) == all.suffix(from: at.index).map(\.start))
            #expect(head == nil ? at.index == 0 : true)
        }
    }

    @Test func longOpenSeriesExpandForDecades() {
        var random = SplitMix64(seed: 46)
        for _ in 0..<20 {
            let recurrence = Self.draw(&random)
            let from = recurrence.timeZone.instant(of: recurrence.start)
            let to = from.addingTimeInterval(40 * 365 * 86_400)
            let occurrences = recurrence.occurrences(from: from, to: to)
            #expect(occurrences.count > 40 * 12 / 3 - 12, "\(recurrence.rule)")
            #expect(Set(occurrences.map(\.originalStart)).count == occurrences.count, "identities are unique")
        }
    }
}
