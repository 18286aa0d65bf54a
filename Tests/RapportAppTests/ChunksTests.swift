import Testing

@testable import RapportApp

struct ChunksTests {
    @Test func slicesKeepOrderAndLeaveNothingOut() {
        #expect([Int]().chunks(of: 3).isEmpty)
        #expect([1, 2, 3, 4, 5, 6].chunks(of: 3).map(Array.init) == [[1, 2, 3], [4, 5, 6]])
        #expect([1, 2, 3, 4, 5].chunks(of: 2).map(Array.init) == [[1, 2], [3, 4], [5]])
        #expect([1, 2].chunks(of: 10).map(Array.init) == [[1, 2]])
    }
}
