import Fluent
import Foundation
import SQLKit

/// Numbers a practice hands out in order and never again: claim numbers, interchange control
/// numbers. The counter row is locked by the update until the transaction ends, so concurrent
/// writers get distinct, increasing numbers.
enum PracticeCounters {
    enum Name: String {
        case claim
        case interchange
    }

    /// Reserves `count` numbers and returns the first.
    static func reserve(_ name: Name, count: Int, practiceID: UUID, on database: any Database) async throws -> Int {
        let sql = try database.sql()
        try await sql.insert(into: "practice_counters").columns("practice_id", "name", "last_number")
            .values(SQLBind(practiceID), SQLBind(name.rawValue), SQLBind(0))
            .ignoringConflicts(with: ["practice_id", "name"]).run()
        let row = try await sql.raw(
            """
            UPDATE practice_counters SET last_number = last_number + \(bind: count)
            WHERE practice_id = \(bind: practiceID) AND name = \(bind: name.rawValue) RETURNING last_number
            """
        ).first()
        guard let last = try row?.decode(column: "last_number", as: Int.self) else {
            throw UseCaseError(.internalFailure, code: "internal_error", message: "could not number the \(name.rawValue)")
        }
        return last - count + 1
    }
}
