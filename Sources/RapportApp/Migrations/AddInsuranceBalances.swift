import Fluent
import SQLKit

/// What a remittance left to the client (PR: deductible, coinsurance, copay), one row per claim
/// payment that moved it, waiting for the client's next invoice (a reversal's row is negative, and
/// so is one sending it on to a secondary payer's claim);
/// the part of each invoice that bills it; the primary claim a secondary claim follows; and the
/// decision a person took on a remittance exception, so an unapplied insurer payment counts as the
/// payer's credit.
struct AddInsuranceBalances: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("patient_responsibilities")
            .id()
            .field("practice_id", .uuid, .required, .references("practices", "id", onDelete: .cascade))
            .field("client_id", .uuid, .required, .references("clients", "id"))
            .field("claim_id", .uuid, .required, .references("claims", "id"))
            .field("claim_payment_id", .uuid, .references("claim_payments", "id", onDelete: .cascade))
            .field("claim_number", .int, .required)
            .field("payer_name", .string, .required)
            .field("posted_on", .string, .required)
            .field("date_from", .string, .required)
            .field("date_to", .string, .required)
            .field("amount", .int64, .required)
            .field("description", .string, .required)
            .field("invoice_id", .uuid, .references("invoices", "id"))
            .create()
        try await database.schema("invoices").field("patient_responsibility", .int64, .required, .sql(.default(0)))
            .update()
        try await database.schema("remittance_exceptions").field("action", .string).update()
        try await database.schema("claims").field("prior_claim_id", .uuid, .references("claims", "id")).update()
        let sql = try database.sql()
        try await sql.create(index: "patient_responsibilities_client")
            .on("patient_responsibilities").column("practice_id").column("client_id").column("invoice_id").run()
        try await sql.create(index: "patient_responsibilities_invoice")
            .on("patient_responsibilities").column("invoice_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("claims").deleteField("prior_claim_id").update()
        try await database.schema("remittance_exceptions").deleteField("action").update()
        try await database.schema("invoices").deleteField("patient_responsibility").update()
        try await database.schema("patient_responsibilities").delete()
    }
}
