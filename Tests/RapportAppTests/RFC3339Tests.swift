import Foundation
import Testing

@testable import RapportApp

struct RFC3339Tests {
    @Test func readsOffsetsAndFractions() {
        let nine = Date(timeIntervalSince1970: 1_796_133_600)  // 2026-12-01T14:00:00Z
        #expect(RFC3339.parse("2026-12-01T09:00:00-05:00") == nine)
        #expect(RFC3339.parse("2026-12-01T14:00:00Z") == nine)
        #expect(RFC3339.parse("2026-12-01T19:30:00+05:30") == nine)
        #expect(RFC3339.parse("2026-12-01T14:00:00.250Z") == nine.addingTimeInterval(0.25))
        #expect(RFC3339.format(nine) == "2026-12-01T14:00:00Z")
    }

    @Test func refusesTimesWithoutAnOffset() {
        for text in ["2026-12-01T09:00:00", "2026-12-01", "09:00", "2026-12-01 09:00:00Z", "yesterday", ""] {
            #expect(RFC3339.parse(text) == nil, "\(text)")
        }
    }
}
