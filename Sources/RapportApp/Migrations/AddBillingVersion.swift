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
/// Triggers set the number, whoever writes the rows: each changed row sets it to the practice's
/// data version, which a writing transaction moves on as its first statement — so the first row a
/// transaction changes writes it and the rest find it already set. The definitions are this
/// migration's own: a later change to them is a new migration.
struct AddBillingVersion: AsyncMigration {
    /// A table whose rows are billing inputs: the column naming its practice, the columns whose
    /// change counts (nil: any) and whether a row made or removed counts.
    struct Source: Sendable {
        let table: String
        var practice = "practice_id"
        var columns: [String]? = nil
        var rowsComeAndGo = true
    }

    static let sources = [
        // An invoice's payments are left out: they only say whether it can be re-issued, which
        // the kept check reads afresh, so a payment does not retire it.
        Source(table: "invoices", columns: ["client_id", "number", "deleted_at"]),
        Source(table: "invoice_lines"), Source(table: "services"), Source(table: "service_rates"),
        Source(table: "client_default_services"), Source(table: "client_fees"), Source(table: "policies"),
        Source(table: "payers"), Source(table: "payer_rates"),
        // A client or a practice made or removed has no billed lines.
        Source(table: "clients", columns: ["self_pay"], rowsComeAndGo: false),
        Source(
            table: "practices", practice: "id",
            columns: [
                "currency", "time_zone", "default_service_id", "late_cancel_kind", "late_cancel_value", "no_show_kind",
                "no_show_value",
            ], rowsComeAndGo: false),
    ]

    func prepare(on database: any Database) async throws {
        try await database.schema(DataVersion.table).field("billing_version", .int64, .required, .sql(.default(0)))
            .update()
        let sql = try database.sql()
        for source in Self.sources {
            let events = Self.events(source)
            if sql.dialect.name == "postgresql" {
                try await sql.raw(
                    """
                    CREATE FUNCTION \(unsafeRaw: source.table)_billing() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                      IF TG_OP = 'DELETE' THEN
                        \(unsafeRaw: Self.mark(source, row: "OLD"))
                      ELSE
                        \(unsafeRaw: Self.mark(source, row: "NEW"))
                      END IF;
                      RETURN NULL;
                    END
                    $$
                    """
                ).run()
                try await sql.raw(
                    """
                    CREATE TRIGGER \(unsafeRaw: source.table)_billing
                    AFTER \(unsafeRaw: events.joined(separator: " OR ")) ON \(unsafeRaw: source.table)
                    FOR EACH ROW EXECUTE FUNCTION \(unsafeRaw: source.table)_billing()
                    """
                ).run()
            } else {
                for event in events {
                    try await sql.raw(
                        """
                        CREATE TRIGGER \(unsafeRaw: Self.sqliteTrigger(source, event)) AFTER \(unsafeRaw: event)
                        ON \(unsafeRaw: source.table) BEGIN
                        \(unsafeRaw: Self.mark(source, row: event == "DELETE" ? "OLD" : "NEW"))
                        END
                        """
                    ).run()
                }
            }
        }
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        for source in Self.sources {
            if sql.dialect.name == "postgresql" {
                try await sql.raw("DROP TRIGGER \(unsafeRaw: source.table)_billing ON \(unsafeRaw: source.table)").run()
                try await sql.raw("DROP FUNCTION \(unsafeRaw: source.table)_billing()").run()
            } else {
                for event in Self.events(source) {
                    try await sql.raw("DROP TRIGGER \(unsafeRaw: Self.sqliteTrigger(source, event))").run()
                }
            }
        }
        try await database.schema(DataVersion.table).deleteField("billing_version").update()
    }

    /// The names of `table`'s triggers, if its rows count (PostgreSQL: one for all its events).
    static func triggers(on table: String, postgres: Bool) -> [String] {
        sources.filter { $0.table == table }.flatMap { source in
            postgres ? ["\(source.table)_billing"] : events(source).map { sqliteTrigger(source, $0) }
        }
    }

    /// The changes to `source` that count.
    private static func events(_ source: Source) -> [String] {
        (source.rowsComeAndGo ? ["INSERT", "DELETE"] : [])
            + [source.columns.map { "UPDATE OF \($0.joined(separator: ", "))" } ?? "UPDATE"]
    }

    /// Sets the billing version of the practice of `row` (`OLD` or `NEW`) to its data version,
    /// writing only when it is not that already; ends with `;`.
    private static func mark(_ source: Source, row: String) -> String {
        """
        UPDATE practice_versions SET billing_version = version
        WHERE practice_id = \(row).\(source.practice) AND billing_version <> version;
        """
    }

    private static func sqliteTrigger(_ source: Source, _ event: String) -> String {
        "\(source.table)_billing_\(event.prefix(6).lowercased())"
    }
}
