import Testing

@testable import RapportCore

/// Which sessions share a claim, and how a claim's lines point into its diagnoses.
struct ClaimAssemblyTests {
    static func date(_ text: String) -> LocalDate { LocalDate(text)! }

    @Test func aGroupIsSplitAtFiftyLinesInDateOrder() {
        let items = (0..<120).map { (key: "client", date: Self.date("2026-03-01").adding(days: $0 % 28)) }
        let claims = ClaimGrouping.month.claims(items.shuffled(), key: \.key, date: \.date)
        #expect(claims.map(\.count) == [50, 50, 20])
        let dates = claims.flatMap { $0.map(\.date) }
        #expect(dates == dates.sorted(), "lines go in date order")
    }

    @Test func aClaimHoldsOneKeyAndOneDateOrMonth() {
        let items = [
            (key: "a", date: Self.date("2026-03-02")), (key: "a", date: Self.date("2026-03-09")),
            (key: "b", date: Self.date("2026-03-02")), (key: "a", date: Self.date("2026-04-01")),
        ]
        #expect(ClaimGrouping.dateOfService.claims(items, key: \.key, date: \.date).count == 4)
        let monthly = ClaimGrouping.month.claims(items, key: \.key, date: \.date)
        #expect(monthly.map { $0.map(\.key) } == [["a", "a"], ["b"], ["a"]])
        #expect(ClaimGrouping.month.period(of: Self.date("2026-03-09")) == Self.date("2026-03-01"))
    }

    @Test func linesPointIntoTheClaimsListPrincipalFirstAndAtMostFour() {
        let f411 = DiagnosisCode("F41.1")!, f330 = DiagnosisCode("F33.0")!, f4323 = DiagnosisCode("F43.23")!
        let coded = ClaimDiagnoses(lines: [[f411, f330], [f4323, f411], [f330]])
        #expect(coded.codes == [f411, f330, f4323])
        #expect(coded.pointers == [[1, 2], [3, 1], [2]])
        let many = (0..<6).map { DiagnosisCode("F4\($0).1")! }
        #expect(ClaimDiagnoses(lines: [many]).pointers == [[1, 2, 3, 4]], "a line points at four at most")
        #expect(ClaimDiagnoses(lines: [[]]).pointers == [[]], "no diagnosis: no pointer, and ClaimCheck says so")
    }
}
