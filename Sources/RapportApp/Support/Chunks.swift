import Foundation
import SQLKit

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

extension SQLQueryString {
    /// `column IN (ids…)` as SQL text. An empty list is a condition no row meets: PostgreSQL refuses
    /// an empty `IN ()`, which SQLite takes, so a query written for both must not send one.
    static func column(_ column: String, in ids: [UUID]) -> SQLQueryString {
        ids.isEmpty ? "1 = 0" : "\(unsafeRaw: column) IN (\(binds: ids))"
    }
}
