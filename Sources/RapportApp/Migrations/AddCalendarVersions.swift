import Fluent
import SQLKit

/// `clinician_versions` and `practice_versions.calendar_version`: which of a practice's changes a
/// calendar's answer depends on (``DataVersion/calendar(practiceID:clinicianIDs:on:)``).
///
/// A calendar range or page was kept under its practice's data version, so every booking,
/// attendance mark or payment retired every clinician's kept weeks — with a front desk at work,
/// nearly always. Now each table is one of three kinds (``marks``):
/// - a clinician's own rows (their sessions, and the invoice lines of those, whose amounts a
///   billed session shows): a change sets the clinician's row of `clinician_versions` to the
///   practice's data version — both clinicians' when a session moves from one to another;
/// - rows any calendar may show or reads to show a session (its client, their policies and
///   payers, the services, the clinicians' names and hours, the practice's settings, its users —
///   the page names who is signed in): a change sets `practice_versions.calendar_version` to it;
/// - rows no calendar shows: payments, invoices (a session carries its invoice's and claim's ids
///   on its own row), balances, rules (a change of a client's fee or code reprices the sessions'
///   own rows), bookkeeping.
///
/// A table added later must be named here (`CalendarVersionTests` fails until it is). The
/// definitions are this migration's own (``VersionMarks``): a later change to them is a new
/// migration.
struct AddCalendarVersions: AsyncMigration {
    static let marks = VersionMarks(
        numbers: "clinician_versions", owner: "clinician_id", shared: "calendar_version", suffix: "calendar",
        tables: tables)

    private static let sessionsClinician = VersionMarks.Owner.column("clinician_id")
    private static let notShown = "a calendar shows what its sessions' own rows say"

    static let tables: [VersionMarks.Table] =
        [
            .init(name: "sessions", kind: .owned(sessionsClinician)),
            .init(
                name: "invoice_lines",
                kind: .owned(.through(column: "session_id", table: "sessions", owner: sessionsClinician))),

            .init(name: "practices", kind: .shared, practice: "id"),
            .init(name: "users", kind: .shared),
            .init(name: "clinicians", kind: .shared),
            .init(name: "clients", kind: .shared),
            .init(name: "services", kind: .shared),
            .init(name: "policies", kind: .shared),
            .init(name: "payers", kind: .shared),
            .init(name: "payer_rates", kind: .shared),

            .init(name: "series", kind: .notShown("\(notShown): a series' occurrences are sessions")),
            .init(name: "series_exclusions", kind: .notShown("\(notShown): a removed occurrence is no session")),
            .init(name: "client_default_services", kind: .notShown("\(notShown): a change of rules reprices them")),
            .init(name: "client_fees", kind: .notShown("\(notShown): a change of rules reprices them")),
            .init(name: "service_rates", kind: .notShown("\(notShown): a change of rates reprices them")),
            .init(name: "billing_changes", kind: .notShown("what a change of rules did, for the billing tab")),
            .init(name: "client_diagnoses", kind: .notShown("\(notShown): a session lists only its own codes")),
            .init(name: "prior_authorizations", kind: .notShown("read by claims, not by the calendar's coverage")),
            .init(name: "invoices", kind: .notShown("\(notShown): its invoice's id, and the line's amount")),
            .init(name: "payments", kind: .notShown("money received: no calendar shows it")),
            .init(name: "payment_applications", kind: .notShown("money received: no calendar shows it")),
            .init(name: "client_balances", kind: .notShown("what clients owe: no calendar shows it")),
            .init(name: "open_balance_days", kind: .notShown("the practice's open amounts by day, for its reports")),
            .init(name: "claims", kind: .notShown("\(notShown): its claim's id")),
            .init(name: "claim_lines", kind: .notShown("\(notShown): its claim's id")),
            .init(name: "claim_payments", kind: .notShown("what insurers paid: no calendar shows it")),
            .init(name: "claim_adjustments", kind: .notShown("what insurers paid: no calendar shows it")),
            .init(name: "patient_responsibilities", kind: .notShown("what clients owe: no calendar shows it")),
            .init(name: "good_faith_estimates", kind: .notShown("estimates: no calendar shows them")),
            .init(name: "billing_providers", kind: .notShown("claims' billing provider")),
            .init(name: "clearinghouses", kind: .notShown("claims' clearinghouse")),
            .init(name: "claim_batches", kind: .notShown("claims' files")),
            .init(name: "remittances", kind: .notShown("insurers' payments")),
            .init(name: "remittance_exceptions", kind: .notShown("insurers' payments")),
            .init(name: "provider_adjustments", kind: .notShown("insurers' payments")),
            .init(name: "calendar_feeds", kind: .notShown("a clinician's feed address: the feed is read elsewhere")),
        ] + VersionMarks.bookkeeping

    func prepare(on database: any Database) async throws {
        try await database.schema("clinician_versions")
            .field("clinician_id", .uuid, .identifier(auto: false))
            .field("practice_id", .uuid, .required)
            .field("version", .int64, .required)
            .create()
        let sql = try database.sql()
        // A calendar of all the practice's clinicians reads the greatest of them.
        try await sql.raw("CREATE INDEX clinician_versions_practice ON clinician_versions (practice_id, version)").run()
        try await database.schema(DataVersion.table).field(
            "calendar_version", .int64, .required, .sql(.default(0))
        ).update()
        try await sql.raw("UPDATE practice_versions SET calendar_version = version").run()
        try await Self.marks.create(on: sql)
    }

    func revert(on database: any Database) async throws {
        try await Self.marks.drop(on: try database.sql())
        try await database.schema(DataVersion.table).deleteField("calendar_version").update()
        try await database.schema("clinician_versions").delete()
    }
}
