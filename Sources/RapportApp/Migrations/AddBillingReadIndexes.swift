import Fluent
import SQLKit

/// Indexes for the billing reads measured by scripts/bench (docs/PERFORMANCE.md):
/// - a client's invoices newest first (the client screen) and their lines: (practice, client, number),
///   replacing (client, issue date), which SQLite passed over for the practice-wide index;
/// - the outstanding report: open invoices and unapplied payments only, as partial indexes, so the
///   report reads the few open rows instead of every invoice and payment of the practice (and,
///   holding the amounts, without visiting the tables);
/// - a client's unbilled sessions by date (balance, repricing, the billing check), as a partial
///   index, and the sessions-by-invoice index limited to billed sessions: with planner statistics
///   SQLite used it for `invoice_id IS NULL` and read every unbilled session of the practice.
struct AddBillingReadIndexes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = try database.sql()
        try await sql.drop(index: "invoices_client").run()
        try await sql.create(index: "invoices_practice_client").on("invoices")
            .column("practice_id").column("client_id").column("number").run()
        try await sql.raw(
            """
            CREATE INDEX invoices_open ON invoices (practice_id, client_id, issue_date, total, paid)
            WHERE deleted_at IS NULL AND paid < total
            """
        ).run()
        try await sql.raw(
            "CREATE INDEX payments_credit ON payments (practice_id, client_id, amount, applied) WHERE applied < amount"
        )
        .run()
        try await sql.drop(index: "sessions_invoice").run()
        try await sql.raw("CREATE INDEX sessions_invoice ON sessions (invoice_id) WHERE invoice_id IS NOT NULL").run()
        try await sql.raw("CREATE INDEX sessions_unbilled ON sessions (client_id, starts_at) WHERE invoice_id IS NULL")
            .run()
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        for index in [
            "sessions_unbilled", "sessions_invoice", "payments_credit", "invoices_open", "invoices_practice_client",
        ] {
            try await sql.drop(index: index).run()
        }
        try await sql.create(index: "sessions_invoice").on("sessions").column("invoice_id").run()
        try await sql.create(index: "invoices_client").on("invoices").column("client_id").column("issue_date").run()
    }
}
