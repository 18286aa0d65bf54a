import Fluent
import SQLKit

/// `practice_versions.billing_version`: the ``DataVersion`` at which the practice's billing inputs
/// last changed — what prices a session and whom it bills (services and their rates, clients' own
/// codes and fees, self-pay, policies, payers and their rates, the practice's currency, time zone,
/// default service and attendance charges) and what has been billed (invoices and their lines;
/// not what has been paid on them).
///
/// The billing check of a client compares every billed line with what today's rules give; on a
/// client screen that was most of the time of each view, though a booking or an attendance mark
/// changes none of it. Its result is kept while this number stands
/// (``ClientOverviewReport``), so only a change to the inputs works it out again.
///
/// Triggers set the number, whoever writes the rows (``PracticeNumberMarks``). The definitions are
/// this migration's own: a later change to them is a new migration.
struct AddBillingVersion: AsyncMigration {
    static let marks = PracticeNumberMarks(column: "billing_version", suffix: "billing", sources: sources)

    static let sources: [PracticeNumberMarks.Source] = [
        // An invoice's payments are left out: they only say whether it can be re-issued, which
        // the kept check reads afresh, so a payment does not retire it.
        .init(table: "invoices", columns: ["client_id", "number", "deleted_at"]),
        .init(table: "invoice_lines"), .init(table: "services"), .init(table: "service_rates"),
        .init(table: "client_default_services"), .init(table: "client_fees"), .init(table: "policies"),
        .init(table: "payers"), .init(table: "payer_rates"),
        // A client or a practice made or removed has no billed lines.
        .init(table: "clients", columns: ["self_pay"], rowsComeAndGo: false),
        .init(
            table: "practices", practice: "id",
            columns: [
                "currency", "time_zone", "default_service_id", "late_cancel_kind", "late_cancel_value", "no_show_kind",
                "no_show_value",
            ], rowsComeAndGo: false),
    ]

    func prepare(on database: any Database) async throws {
        try await database.schema(DataVersion.table).field("billing_version", .int64, .required, .sql(.default(0)))
            .update()
        try await Self.marks.create(on: try database.sql())
    }

    func revert(on database: any Database) async throws {
        try await Self.marks.drop(on: try database.sql())
        try await database.schema(DataVersion.table).deleteField("billing_version").update()
    }
}
