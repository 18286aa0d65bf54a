import Foundation
import Testing

@testable import RapportCore

struct EffectiveHistoryTests {
    func day(_ text: String) -> LocalDate { LocalDate(text)! }
    func entry(_ date: String, _ value: String) -> EffectiveHistory<String>.Entry {
        .init(effectiveFrom: day(date), value: value)
    }

    @Test func entriesGivenOutOfOrderAreAskedInDateOrder() {
        let history = EffectiveHistory([
            entry("2026-09-01", "autumn"), entry("2026-01-01", "winter"), entry("2026-05-01", "spring"),
        ])
        #expect(history.entries.map(\.value) == ["winter", "spring", "autumn"])
        #expect(history.value(on: day("2025-12-31")) == nil)
        #expect(history.value(on: day("2026-04-30")) == "winter")
        #expect(history.value(on: day("2026-05-01")) == "spring")
        #expect(history.value(on: day("2027-01-01")) == "autumn")
    }

    @Test func ofTwoEntriesOnOneDateTheLaterGivenWinsInOrderOrNot() {
        let inOrder = EffectiveHistory([
            entry("2026-01-01", "first"), entry("2026-03-01", "old"), entry("2026-03-01", "new"),
        ])
        let outOfOrder = EffectiveHistory([
            entry("2026-03-01", "old"), entry("2026-01-01", "first"), entry("2026-03-01", "new"),
        ])
        for history in [inOrder, outOfOrder] {
            #expect(history.entries.map(\.value) == ["first", "old", "new"])
            #expect(history.value(on: day("2026-03-01")) == "new")
            #expect(history.value(on: day("2026-02-28")) == "first")
        }
    }
}
