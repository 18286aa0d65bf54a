import Fluent
import SQLKit

/// Remittances (835s) as posted: the file kept as it came, what each claim payment posted, every
/// adjustment with its group and reason, the provider-level adjustments, and the exceptions left for
/// a person. A payer's payment (its trace number) is posted once per practice, held by a unique index.
/// Claims gain what their payments add up to.
struct CreateRemittances: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("remittances")
            .id()
            .field("practice_id", .uuid, .required, .references("practices", "id", onDelete: .cascade))
            .field("payer_id", .uuid, .references("payers", "id"))
            .field("payer_name", .string, .required)
            .field("payer_key", .string, .required)
            .field("trace_number", .string, .required)
            .field("payment", .int64, .required)
            .field("payment_method", .string, .required)
            .field("paid_on", .string)
            .field("file", .string, .required)
            .field("claims_posted", .int, .required)
            .field("exceptions", .int, .required)
            .field("posted_by_name", .string, .required)
            .field("posted_at", .datetime)
            .unique(on: "practice_id", "payer_key", "trace_number")
            .create()
        try await database.schema("claim_payments")
            .id()
            .field("practice_id", .uuid, .required, .references("practices", "id", onDelete: .cascade))
            .field("remittance_id", .uuid, .required, .references("remittances", "id", onDelete: .cascade))
            .field("claim_id", .uuid, .required, .references("claims", "id"))
            .field("status_code", .string, .required)
            .field("charge", .int64, .required)
            .field("paid", .int64, .required)
            .field("written_off", .int64, .required)
            .field("patient_responsibility", .int64, .required)
            .field("other_adjustments", .int64, .required)
            .field("payer_claim_number", .string, .required)
            .field("standing", .string, .required)
            .field("lines_matched_by_date", .int, .required)
            .field("posted_at", .datetime)
            .create()
        try await database.schema("claim_adjustments")
            .id()
            .field("practice_id", .uuid, .required, .references("practices", "id", onDelete: .cascade))
            .field("claim_payment_id", .uuid, .required, .references("claim_payments", "id", onDelete: .cascade))
            .field("claim_line_id", .uuid, .references("claim_lines", "id"))
            .field("position", .int, .required)
            .field("group_code", .string, .required)
            .field("reason", .string, .required)
            .field("amount", .int64, .required)
            .field("quantity", .int)
            .create()
        try await database.schema("provider_adjustments")
            .id()
            .field("practice_id", .uuid, .required, .references("practices", "id", onDelete: .cascade))
            .field("remittance_id", .uuid, .required, .references("remittances", "id", onDelete: .cascade))
            .field("reason", .string, .required)
            .field("reference", .string)
            .field("amount", .int64, .required)
            .field("fiscal_period_end", .string)
            .create()
        try await database.schema("remittance_exceptions")
            .id()
            .field("practice_id", .uuid, .required, .references("practices", "id", onDelete: .cascade))
            .field("remittance_id", .uuid, .required, .references("remittances", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("patient_control_number", .string)
            .field("claim_id", .uuid, .references("claims", "id"))
            .field("amount", .int64, .required)
            .field("segment", .int, .required)
            .field("description", .string, .required)
            .field("resolved_at", .datetime)
            .field("resolution", .string)
            .field("resolved_by_name", .string)
            .create()
        for column in ["paid", "written_off", "patient_responsibility"] {
            try await database.schema("claims").field(.string(column), .int64, .required, .sql(.default(0))).update()
        }
        let sql = try database.sql()
        try await sql.create(index: "claim_payments_claim").on("claim_payments").column("claim_id").run()
        try await sql.create(index: "remittance_exceptions_open").on("remittance_exceptions")
            .column("practice_id").column("resolved_at").run()
    }

    func revert(on database: any Database) async throws {
        for column in ["paid", "written_off", "patient_responsibility"] {
            try await database.schema("claims").deleteField(.string(column)).update()
        }
        for table in ["remittance_exceptions", "provider_adjustments", "claim_adjustments", "claim_payments", "remittances"] {
            try await database.schema(table).delete()
        }
    }
}
