import Fluent
import SQLKit

/// What each invoice line was priced from, beside its price: the session's start, chosen service,
/// typed fee and self-pay choice. A billed session cannot change while its line is live, so these
/// equal the session's; kept on the line, the billing check compares a client's billed lines with
/// today's rules without a look-up per line into the sessions table (most of a client screen's
/// reading, for a client of many years). Lines already written take their session's values.
struct AddInvoiceLinePricingInputs: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column a statement: SQLite adds no more at a time.
        try await database.schema("invoice_lines").field("starts_at", .datetime).update()
        try await database.schema("invoice_lines").field("chosen_service_id", .uuid).update()
        try await database.schema("invoice_lines").field("fee_override", .int64).update()
        try await database.schema("invoice_lines").field("self_pay", .bool).update()
        try await Self.copySessionInputs(on: try database.sql())
    }

    /// Fills lines written before the columns existed from their sessions (a line whose session
    /// was deleted belongs to a deleted invoice, and keeps none).
    static func copySessionInputs(on sql: any SQLDatabase) async throws {
        try await sql.raw(
            """
            UPDATE invoice_lines SET starts_at = s.starts_at, chosen_service_id = s.chosen_service_id,
                fee_override = s.fee_override, self_pay = s.self_pay
            FROM sessions s WHERE s.id = invoice_lines.session_id
            """
        ).run()
    }

    func revert(on database: any Database) async throws {
        for column in ["self_pay", "fee_override", "chosen_service_id", "starts_at"] {
            try await database.schema("invoice_lines").deleteField(.init(stringLiteral: column)).update()
        }
    }
}
