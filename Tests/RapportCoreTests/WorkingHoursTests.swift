import Testing

@testable import RapportCore

struct WorkingHoursTests {
    func time(_ hour: Int, _ minute: Int = 0) -> LocalTime { LocalTime(hour: hour, minute: minute)! }
    func span(_ day: Weekday, _ from: Int, _ to: Int) -> WorkingHours.Span {
        WorkingHours.Span(weekday: day, start: time(from), end: time(to))
    }

    /// Tuesdays 9–12 and 13–17; Thursdays 10–18.
    var hours: WorkingHours {
        get throws { try WorkingHours.make([span(.thursday, 10, 18), span(.tuesday, 13, 17), span(.tuesday, 9, 12)]).get() }
    }

    @Test func aSessionIsWithinTheHoursOnlyWhenOneSpanHoldsAllOfIt() throws {
        let tuesday = LocalDate("2027-01-05")!  // a Tuesday
        func at(_ hour: Int, _ minute: Int = 0, on date: LocalDate? = nil) -> LocalDateTime {
            LocalDateTime(date: date ?? tuesday, time: time(hour, minute))
        }
        #expect(try hours.covers(start: at(9), minutes: 180), "9:00–12:00 exactly")
        #expect(try !hours.covers(start: at(11, 30), minutes: 60), "across the lunch break")
        #expect(try !hours.covers(start: at(8, 45), minutes: 45), "starts before the day does")
        #expect(try hours.covers(start: at(16), minutes: 60))
        #expect(try !hours.covers(start: at(10, on: tuesday.adding(days: 1)), minutes: 50), "Wednesday is a day off")
        #expect(WorkingHours.none.covers(start: at(3), minutes: 600), "no hours set: nothing is outside them")
    }

    @Test func theOffHoursAreWhatTheGridShades() throws {
        #expect(try hours.offHours(on: .tuesday, from: 7, to: 21) == [420..<540, 720..<780, 1020..<1260])
        #expect(try hours.offHours(on: .wednesday, from: 7, to: 21) == [420..<1260])
        #expect(try hours.offHours(on: .thursday, from: 11, to: 17) == [], "a view inside the hours shades nothing")
        #expect(WorkingHours.none.offHours(on: .monday, from: 7, to: 21) == [])
    }

    @Test func spansThatEndBeforeTheyStartOrOverlapAreRefusedByPosition() {
        let made = WorkingHours.make([span(.monday, 9, 12), span(.monday, 11, 14), span(.friday, 17, 9), span(.friday, 9, 17)])
        guard case .failure(let problems) = made else {
            Issue.record("accepted overlapping and backwards spans")
            return
        }
        #expect(problems.byIndex == [1: "overlaps another span of the same day", 2: "must end after it starts"])
    }
}
