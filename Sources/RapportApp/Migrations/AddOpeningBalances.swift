import Fluent
import SQLKit

/// Balances brought from the product a practice used before: what a client owed becomes an
/// invoice with no sessions whose total is `brought_forward`; what the practice owed a client
/// becomes a payment marked `brought_forward`, left unapplied as the client's credit.
struct AddOpeningBalances: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("invoices").field("brought_forward", .int64, .required, .sql(.default(0)))
            .update()
        try await database.schema("payments").field("brought_forward", .bool, .required, .sql(.default(false)))
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("payments").deleteField("brought_forward").update()
        try await database.schema("invoices").deleteField("brought_forward").update()
    }
}
