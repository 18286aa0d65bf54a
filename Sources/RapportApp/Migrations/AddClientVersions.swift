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
/// this migration's own: a later change to them is a new migration.
struct AddClientVersions: AsyncMigration {
    /// How a row names the client it belongs to.
    indirect enum Owner: Sendable {
        /// A column of the row.
        case column(String)
        /// The row `column` refers to in `table`, which names the client as `owner` says.
        case through(column: String, table: String, owner: Owner)
    }

    /// What a change to a table's rows means for kept client screens.
    enum Kind: Sendable {
        case client(Owner)
        case shared
        /// A client's rows that change only with rows of `tables`, whose triggers mark the client.
        case markedBy([String])
        /// Shown by no client screen; the reason is for the reader.
        case notShown(String)
    }

    struct Table: Sendable {
        let name: String
        let kind: Kind
        var practice = "practice_id"
    }

    static let tables: [Table] = [
        Table(name: "clients", kind: .client(.column("id"))),
        Table(name: "sessions", kind: .client(.column("client_id"))),
        Table(name: "series", kind: .client(.column("client_id"))),
        Table(
            name: "series_exclusions",
            kind: .client(.through(column: "series_id", table: "series", owner: .column("client_id")))),
        Table(name: "client_default_services", kind: .client(.column("client_id"))),
        Table(name: "client_fees", kind: .client(.column("client_id"))),
        Table(name: "client_diagnoses", kind: .client(.column("client_id"))),
        Table(name: "policies", kind: .client(.column("client_id"))),
        Table(
            name: "prior_authorizations",
            kind: .client(.through(column: "policy_id", table: "policies", owner: .column("client_id")))),
        Table(name: "invoices", kind: .client(.column("client_id"))),
        Table(
            name: "invoice_lines",
            kind: .client(.through(column: "invoice_id", table: "invoices", owner: .column("client_id")))),
        Table(name: "payments", kind: .client(.column("client_id"))),
        Table(
            name: "payment_applications",
            kind: .client(.through(column: "payment_id", table: "payments", owner: .column("client_id")))),
        // Kept by the triggers of these (and of a client's rename): a row each per client would
        // only find the client already marked.
        Table(
            name: "client_balances", kind: .markedBy(["clients", "invoices", "payments", "patient_responsibilities"])),
        Table(name: "claims", kind: .client(.column("client_id"))),
        Table(
            name: "claim_lines",
            kind: .client(.through(column: "claim_id", table: "claims", owner: .column("client_id")))),
        Table(
            name: "claim_payments",
            kind: .client(.through(column: "claim_id", table: "claims", owner: .column("client_id")))),
        Table(
            name: "claim_adjustments",
            kind: .client(
                .through(
                    column: "claim_payment_id", table: "claim_payments",
                    owner: .through(column: "claim_id", table: "claims", owner: .column("client_id"))))),
        Table(name: "patient_responsibilities", kind: .client(.column("client_id"))),
        Table(name: "good_faith_estimates", kind: .client(.column("client_id"))),

        Table(name: "practices", kind: .shared, practice: "id"),
        Table(name: "users", kind: .shared),
        Table(name: "clinicians", kind: .shared),
        Table(name: "services", kind: .shared),
        Table(name: "service_rates", kind: .shared),
        Table(name: "payers", kind: .shared),
        Table(name: "payer_rates", kind: .shared),
        Table(name: "billing_providers", kind: .shared),
        Table(name: "clearinghouses", kind: .shared),
        Table(name: "billing_changes", kind: .shared),
        Table(name: "calendar_feeds", kind: .shared),
        Table(name: "claim_batches", kind: .shared),
        Table(name: "remittances", kind: .shared),
        Table(name: "remittance_exceptions", kind: .shared),
        Table(name: "provider_adjustments", kind: .shared),

        Table(name: "open_balance_days", kind: .notShown("the practice's open amounts by day, for its reports")),
        Table(name: "invoice_counters", kind: .notShown("numbers to come; an invoice carries its own")),
        Table(name: "practice_counters", kind: .notShown("numbers to come; a claim carries its own")),
        Table(name: "audit_events", kind: .notShown("the audit trail, written by looks too")),
        Table(name: "audit_heads", kind: .notShown("the audit trail's end")),
        Table(name: "api_tokens", kind: .notShown("sign-in bookkeeping")),
        Table(name: "web_sessions", kind: .notShown("sign-in bookkeeping")),
        Table(name: "login_attempts", kind: .notShown("sign-in bookkeeping")),
        Table(name: "practice_versions", kind: .notShown("the numbers themselves")),
        Table(name: "client_versions", kind: .notShown("the numbers themselves")),
    ]

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
        let postgres = sql.dialect.name == "postgresql"
        for table in Self.tables {
            for event in Self.events {
                guard let mark = Self.mark(table, event, postgres: postgres) else { continue }
                let name = Self.trigger(table, event)
                if postgres {
                    try await sql.raw(
                        """
                        CREATE FUNCTION \(unsafeRaw: name)() RETURNS trigger LANGUAGE plpgsql AS $$
                        BEGIN
                          \(unsafeRaw: mark)
                          RETURN NULL;
                        END
                        $$
                        """
                    ).run()
                    try await sql.raw(
                        """
                        CREATE TRIGGER \(unsafeRaw: name) AFTER \(unsafeRaw: event) ON \(unsafeRaw: table.name)
                        REFERENCING \(unsafeRaw: Self.transitionTables(event))
                        FOR EACH STATEMENT EXECUTE FUNCTION \(unsafeRaw: name)()
                        """
                    ).run()
                } else {
                    try await sql.raw(
                        """
                        CREATE TRIGGER \(unsafeRaw: name) AFTER \(unsafeRaw: event) ON \(unsafeRaw: table.name) BEGIN
                        \(unsafeRaw: mark)
                        END
                        """
                    ).run()
                }
            }
        }
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        let postgres = sql.dialect.name == "postgresql"
        for table in Self.tables {
            for event in Self.events where Self.mark(table, event, postgres: postgres) != nil {
                let name = Self.trigger(table, event)
                if postgres {
                    try await sql.raw("DROP TRIGGER \(unsafeRaw: name) ON \(unsafeRaw: table.name)").run()
                    try await sql.raw("DROP FUNCTION \(unsafeRaw: name)()").run()
                } else {
                    try await sql.raw("DROP TRIGGER \(unsafeRaw: name)").run()
                }
            }
        }
        try await database.schema(DataVersion.table).deleteField("shared_version").update()
        try await database.schema("client_versions").delete()
    }

    static let events = ["INSERT", "UPDATE", "DELETE"]

    static func trigger(_ table: Table, _ event: String) -> String {
        "\(table.name)_kept_\(event.lowercased())"
    }

    /// PostgreSQL's names for the rows a statement changed (one event to a trigger).
    static func transitionTables(_ event: String) -> String {
        switch event {
        case "INSERT": "NEW TABLE AS new_rows"
        case "DELETE": "OLD TABLE AS old_rows"
        default: "OLD TABLE AS old_rows NEW TABLE AS new_rows"
        }
    }

    /// What a trigger of `event` on `table` runs: it marks what the changed rows belong to — their
    /// clients' numbers, or the practice's shared one — as changed at the practice's data version,
    /// writing only where it is not that already. Nil for a table that needs no trigger.
    ///
    /// SQLite's trigger runs it per row, once for each of the row's `NEW` and `OLD` images (a
    /// statement of each: a union of the two measured three times slower; an update's old image
    /// only when the row moved to another client); PostgreSQL's once per
    /// statement over the changed rows of its transition tables, each client once (an upsert may
    /// not write a row twice).
    static func mark(_ table: Table, _ event: String, postgres: Bool) -> String? {
        let new = event != "DELETE", old = event != "INSERT"
        let images = (new ? ["NEW"] : []) + (old ? ["OLD"] : [])
        let changed = (new ? ["new_rows"] : []) + (old ? ["old_rows"] : [])
        switch table.kind {
        case .notShown, .markedBy:
            return nil
        case .shared where postgres:
            let practices = changed.map { "SELECT DISTINCT r.\(table.practice) FROM \($0) r" }.joined(
                separator: " UNION ")
            return """
                UPDATE practice_versions SET shared_version = version
                WHERE practice_id IN (\(practices)) AND shared_version <> version;
                """
        case .shared:
            return images.map {
                """
                UPDATE practice_versions SET shared_version = version
                WHERE practice_id = \($0).\(table.practice) AND shared_version <> version;
                """
            }.joined(separator: "\n")
        case .client(let owner) where postgres:
            let clients = changed.map {
                "SELECT DISTINCT \(client(owner, of: "r")) AS client_id, r.\(table.practice) AS practice_id"
                    + " FROM \($0) r"
            }.joined(separator: " UNION ")
            return """
                INSERT INTO client_versions (client_id, practice_id, version)
                SELECT c.client_id, v.practice_id, v.version
                FROM (\(clients)) c JOIN practice_versions v ON v.practice_id = c.practice_id
                WHERE c.client_id IS NOT NULL
                \(upsert)
                """
        case .client(let owner):
            return images.map {
                // An update's old image counts only when it names another client than the new one.
                let moved =
                    $0 == "OLD" && new ? " AND \(client(owner, of: "OLD")) IS NOT \(client(owner, of: "NEW"))" : ""
                return """
                    INSERT INTO client_versions (client_id, practice_id, version)
                    SELECT \(client(owner, of: $0)), v.practice_id, v.version FROM practice_versions v
                    WHERE v.practice_id = \($0).\(table.practice) AND \(client(owner, of: $0)) IS NOT NULL\(moved)
                    \(upsert)
                    """
            }.joined(separator: "\n")
        }
    }

    /// A mark's end: a client's number written only when it is not the new one already.
    private static let upsert = """
        ON CONFLICT (client_id) DO UPDATE SET version = excluded.version
        WHERE client_versions.version <> excluded.version;
        """

    /// The client id of the row read through `row`, as `owner` finds it.
    static func client(_ owner: Owner, of row: String, depth: Int = 1) -> String {
        switch owner {
        case .column(let column):
            return "\(row).\(column)"
        case .through(let column, let table, let next):
            let alias = "o\(depth)"
            return "(SELECT \(client(next, of: alias, depth: depth + 1)) FROM \(table) \(alias)"
                + " WHERE \(alias).id = \(row).\(column))"
        }
    }
}
