import Testing

@testable import RapportCore

/// What each of the booking form's repeat choices means, as an RRULE.
struct RepeatChoiceTests {
    let tuesday = LocalDate(year: 2026, month: 12, day: 8)!  // the 2nd Tuesday of December 2026
    let lastFriday = LocalDate(year: 2026, month: 10, day: 30)!  // the 5th (and last) Friday of October

    private func rule(_ choice: RepeatChoice, weeks: Int? = nil, from start: LocalDate, _ end: RepeatEnd = .never)
        throws -> String
    {
        try RecurrenceRule(repeating: choice, everyWeeks: weeks, from: start, ending: end).description
    }

    @Test func weeklyChoicesRepeatOnTheFirstSessionsWeekday() throws {
        #expect(try rule(.weekly, from: tuesday) == "FREQ=WEEKLY;BYDAY=TU")
        #expect(try rule(.biweekly, from: tuesday, .after(sessions: 10)) == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=10")
        #expect(try rule(.everyNWeeks, weeks: 3, from: tuesday) == "FREQ=WEEKLY;INTERVAL=3;BYDAY=TU")
    }

    @Test func monthlyChoicesKeepTheWeekdayOfTheMonthOrTheDate() throws {
        #expect(try rule(.monthlyWeekday, from: tuesday) == "FREQ=MONTHLY;BYDAY=2TU")
        #expect(try rule(.monthlyWeekday, from: lastFriday) == "FREQ=MONTHLY;BYDAY=-1FR", "a fifth week means the last")
        #expect(
            try rule(.monthlyDate, from: tuesday, .on(LocalDate(year: 2027, month: 6, day: 30)!))
                == "FREQ=MONTHLY;BYMONTHDAY=8;UNTIL=20270630")
    }

    @Test func choicesThatCannotBeASeriesAreRefusedInWords() {
        #expect(throws: RecurrenceRuleError.self) { try rule(.everyNWeeks, from: tuesday) }
        #expect(throws: RecurrenceRuleError.self) { try rule(.everyNWeeks, weeks: 0, from: tuesday) }
        #expect(throws: RecurrenceRuleError.self) { try rule(.weekly, from: tuesday, .after(sessions: 0)) }
        #expect(throws: RecurrenceRuleError.self) {
            try rule(.weekly, from: tuesday, .on(LocalDate(year: 2026, month: 12, day: 1)!))
        }
    }

    @Test func everyChoiceStartsOnItsFirstSession() throws {
        for choice in RepeatChoice.allCases {
            let rule = try RecurrenceRule(repeating: choice, everyWeeks: 3, from: lastFriday, ending: .never)
            let start = LocalDateTime(date: lastFriday, time: LocalTime(hour: 10, minute: 0)!)
            #expect(Recurrence(rule: rule, start: start, timeZone: .gmt).startIsAnOccurrence, "\(choice)")
        }
    }
}
