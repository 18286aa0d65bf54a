import Fluent
import Foundation
import SQLKit

/// Points sessions at the invoice or the claim that bills them, a few thousand to a statement
/// (`UPDATE … FROM (VALUES …)`). Only a session on neither yet is marked, so one that another
/// request billed since it was read is left alone and the answer says so: the caller then rolls its
/// transaction back.
enum SessionMarks {
    enum Column: String {
        case invoice = "invoice_id"
        case claim = "claim_id"
    }

    /// Whether every session was marked.
    static func mark(
        _ column: Column, _ pairs: [(session: UUID, target: UUID)], on database: any Database
    ) async throws -> Bool {
        let sql = try database.sql()
        // Two bound values per session.
        for chunk in pairs.chunks(of: IDsPerStatement.limit / 2) {
            let values = SQLList(chunk.map { SQLGroupExpression([SQLBind($0.session), SQLBind($0.target)]) })
            let marked = try await sql.raw(
                """
                UPDATE sessions SET \(ident: column.rawValue) = v.column2 FROM (VALUES \(values)) AS v
                WHERE sessions.id = v.column1 AND sessions.invoice_id IS NULL AND sessions.claim_id IS NULL
                RETURNING sessions.id
                """
            ).all()
            guard marked.count == chunk.count else { return false }
        }
        return true
    }
}
