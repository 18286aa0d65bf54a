import Fluent
import SQLKit

/// `client_versions` and `practice_versions.shared_version`: which of a practice's changes a
/// client's screen depends on (``DataVersion/clientScreen(practiceID:clientID:on:)``).
///
/// A client screen was kept under its practice's data version, so every booking, attendance mark
/// or payment for any client retired every client's kept screen — at a front desk, most of them.
/// Now each table is one of three kinds (``tables``):
/// - a client's own rows (sessions, invoices, payments, policies…, and rows that belong to one of
///   those, such as invoice lines): a change sets the client's row of `client_versions` to the
///   practice's data version;
/// - rows every client's screen may show (services and rates, payers, clinicians, the practice's
///   settings…): a change sets `practice_versions.shared_version` to it;
/// - rows no client screen shows (bookkeeping, the practice's own sums and counters).
///
/// A writing transaction moves the data version on as its first statement, so the numbers the
/// triggers set are newer than any answer kept before the change, and only the first row of a
/// client (or of the shared tables) a transaction changes writes. SQLite runs its triggers per row;
/// PostgreSQL runs them once a statement over the rows it changed (transition tables), so an
/// invoice run or a repricing adds one statement per statement, not one per row. A table added
/// later must be named in ``tables`` (`ClientVersionTests` fails until it is). The definitions are
/// this migration's own (``VersionMarks``): a later change to them is a new migration.
struct AddClientVersions: AsyncMigration {
    static let marks = VersionMarks(
        numbers: "client_versions", owner: "client_id", shared: "shared_version", suffix: "kept", tables: tables)

    static let tables: [VersionMarks.Table] =
        [
            .init(name: "clients", kind: .owned(.column("id"))),
            .init(name: "sessions", kind: .owned(.column("client_id"))),
            .init(name: "series", kind: .owned(.column("client_id"))),
            .init(
                name: "series_exclusions",
                kind: .owned(.through(column: "series_id", table: "series", owner: .column("client_id")))),
            .init(name: "client_default_services", kind: .owned(.column("client_id"))),
            .init(name: "client_fees", kind: .owned(.column("client_id"))),
            .init(name: "client_diagnoses", kind: .owned(.column("client_id"))),
            .init(name: "policies", kind: .owned(.column("client_id"))),
            .init(
                name: "prior_authorizations",
                kind: .owned(.through(column: "policy_id", table: "policies", owner: .column("client_id")))),
            .init(name: "invoices", kind: .owned(.column("client_id"))),
            .init(
                name: "invoice_lines",
                kind: .owned(.through(column: "invoice_id", table: "invoices", owner: .column("client_id")))),
            .init(name: "payments", kind: .owned(.column("client_id"))),
            .init(
                name: "payment_applications",
                kind: .owned(.through(column: "payment_id", table: "payments", owner: .column("client_id")))),
            // Kept by the triggers of these (and of a client's rename): a row each per client would
            // only find the client already marked.
            .init(
                name: "client_balances",
                kind: .markedBy(["clients", "invoices", "payments", "patient_responsibilities"])),
            .init(name: "claims", kind: .owned(.column("client_id"))),
            .init(
                name: "claim_lines",
                kind: .owned(.through(column: "claim_id", table: "claims", owner: .column("client_id")))),
            .init(
                name: "claim_payments",
                kind: .owned(.through(column: "claim_id", table: "claims", owner: .column("client_id")))),
            .init(
                name: "claim_adjustments",
                kind: .owned(
                    .through(
                        column: "claim_payment_id", table: "claim_payments",
                        owner: .through(column: "claim_id", table: "claims", owner: .column("client_id"))))),
            .init(name: "patient_responsibilities", kind: .owned(.column("client_id"))),
            .init(name: "good_faith_estimates", kind: .owned(.column("client_id"))),

            .init(name: "practices", kind: .shared, practice: "id"),
            .init(name: "users", kind: .shared),
            .init(name: "clinicians", kind: .shared),
            .init(name: "services", kind: .shared),
            .init(name: "service_rates", kind: .shared),
            .init(name: "payers", kind: .shared),
            .init(name: "payer_rates", kind: .shared),
            .init(name: "billing_providers", kind: .shared),
            .init(name: "clearinghouses", kind: .shared),
            .init(name: "billing_changes", kind: .shared),
            .init(name: "calendar_feeds", kind: .shared),
            .init(name: "claim_batches", kind: .shared),
            .init(name: "remittances", kind: .shared),
            .init(name: "remittance_exceptions", kind: .shared),
            .init(name: "provider_adjustments", kind: .shared),

            .init(name: "open_balance_days", kind: .notShown("the practice's open amounts by day, for its reports")),
        ] + VersionMarks.bookkeeping

    func prepare(on database: any Database) async throws {
        try await database.schema("client_versions")
            .field("client_id", .uuid, .identifier(auto: false))
            .field("practice_id", .uuid, .required)
            .field("version", .int64, .required)
            .create()
        try await database.schema(DataVersion.table).field("shared_version", .int64, .required, .sql(.default(0)))
            .update()
        let sql = try database.sql()
        try await sql.raw("UPDATE practice_versions SET shared_version = version").run()
        try await Self.marks.create(on: sql)
    }

    func revert(on database: any Database) async throws {
        try await Self.marks.drop(on: try database.sql())
        try await database.schema(DataVersion.table).deleteField("shared_version").update()
        try await database.schema("client_versions").delete()
    }
}
