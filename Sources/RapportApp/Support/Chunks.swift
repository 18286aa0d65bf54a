extension Array {
    /// The array in consecutive slices of at most `size` elements (none when it is empty).
    func chunks(of size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}

/// How many ids one `IN (…)` list binds: well under SQLite's 32,766 and PostgreSQL's 65,535 bound
/// values, so even 10,000 sessions moving to one new fee take a single statement.
enum IDsPerStatement {
    static let limit = 10_000
}
