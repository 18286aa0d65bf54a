import Testing

@testable import RapportCore

struct RecurrenceRuleTests {
    @Test(arguments: [
        "FREQ=WEEKLY", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=10", "FREQ=MONTHLY;BYDAY=2TU",
        "FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20271231", "FREQ=MONTHLY;BYMONTHDAY=31", "FREQ=DAILY;INTERVAL=3",
        "FREQ=WEEKLY;BYDAY=TU;WKST=SU;UNTIL=20261231T235959Z", "FREQ=MONTHLY;BYMONTHDAY=-1,15",
    ])
    func printsWhatItParses(text: String) throws {
        #expect(try RecurrenceRule(parsing: text).description == text)
    }

    @Test func acceptsPrefixAndLowerCase() throws {
        let rule = try RecurrenceRule(parsing: "RRULE:freq=weekly;byday=mo")
        #expect(rule.description == "FREQ=WEEKLY;BYDAY=MO")
    }

    @Test(arguments: [
        ("FREQ=WEEKLY;COUNT=3;UNTIL=20261231", "COUNT and UNTIL cannot both be given"),
        ("FREQ=WEEKLY;INTERVAL=0", "INTERVAL must be 1 or more"),
        ("FREQ=YEARLY", "FREQ=YEARLY is not supported"),
        ("FREQ=HOURLY", "FREQ=HOURLY is not supported"),
        ("INTERVAL=2", "FREQ is required"),
        ("", "the rule is empty"),
        ("FREQ=WEEKLY;BYDAY=XX", "BYDAY value 'XX' is not a weekday"),
        ("FREQ=WEEKLY;BYDAY=2TU", "only allowed with FREQ=MONTHLY"),
        ("FREQ=MONTHLY;BYDAY=6TU", "between -5 and 5"),
        ("FREQ=MONTHLY;BYDAY=0TU", "must not be 0"),
        ("FREQ=MONTHLY;BYMONTHDAY=32", "BYMONTHDAY value 32"),
        ("FREQ=WEEKLY;BYMONTHDAY=3", "cannot be used with FREQ=WEEKLY"),
        ("FREQ=WEEKLY;COUNT=0", "COUNT must be 1 or more"),
        ("FREQ=WEEKLY;COUNT=x", "COUNT must be a whole number"),
        ("FREQ=WEEKLY;BYSETPOS=1", "BYSETPOS is not supported"),
        ("FREQ=WEEKLY;FREQ=DAILY", "FREQ appears twice"),
        ("FREQ=WEEKLY;UNTIL=20261231T120000", "must end in Z"),
        ("FREQ=WEEKLY;UNTIL=20260231", "UNTIL=20260231 must be a date"),
        ("FREQ", "is not NAME=VALUE"),
    ])
    func refusesInvalidRulesSayingWhy(text: String, message: String) {
        do {
            _ = try RecurrenceRule(parsing: text)
            Issue.record("'\(text)' was accepted")
        } catch {
            #expect(error.message.contains(message), "\(error.message)")
        }
    }

    /// A refusal about one part names it, so a form or an API error can put it beside that field.
    @Test(arguments: [
        ("FREQ=WEEKLY;COUNT=3;UNTIL=20261231", RecurrenceRuleError.Part?.some(.count)),
        ("FREQ=WEEKLY;INTERVAL=0", .interval), ("FREQ=WEEKLY;INTERVAL=x", .interval), ("FREQ=YEARLY", .frequency),
        ("INTERVAL=2", .frequency), ("FREQ=WEEKLY;BYDAY=XX", .byDay), ("FREQ=WEEKLY;BYDAY=2TU", .byDay),
        ("FREQ=MONTHLY;BYDAY=MO,MO", .byDay), ("FREQ=MONTHLY;BYMONTHDAY=32", .byMonthDay),
        ("FREQ=WEEKLY;BYMONTHDAY=3", .byMonthDay), ("FREQ=WEEKLY;COUNT=0", .count), ("FREQ=WEEKLY;WKST=XX", .weekStart),
        ("FREQ=WEEKLY;UNTIL=20261231T120000", .until), ("FREQ=WEEKLY;UNTIL=20260231", .until),
        ("FREQ=WEEKLY;BYSETPOS=1", nil), ("", nil), ("FREQ", nil),
    ])
    func aRefusalNamesThePartItIsAbout(text: String, part: RecurrenceRuleError.Part?) {
        #expect(throws: RecurrenceRuleError.self) { try RecurrenceRule(parsing: text) }
        do {
            _ = try RecurrenceRule(parsing: text)
        } catch {
            #expect(error.part == part, "\(text): \(error.message)")
        }
    }
}
