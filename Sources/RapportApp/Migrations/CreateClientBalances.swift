import Fluent
import SQLKit

/// What each client owes, kept by the database as the rows under it change, so the outstanding
/// report ranks clients from one row each instead of summing every open invoice of the practice
/// on each view (docs/PERFORMANCE.md, "The outstanding report from kept sums"):
/// - `client_balances`: per client, the open amount of live invoices (`total - paid` of those not
///   fully paid), patient responsibility not yet invoiced, unapplied payments (credit), the balance
///   they come to (the first two less the third) and the client's name as the report sorts it, so
///   a page of the report is read in order from one index;
/// - `open_balance_days`: per practice and day, the open invoice amount issued that day plus the
///   patient responsibility posted that day and not yet invoiced, so the totals by age read a few
///   hundred rows.
///
/// Triggers on `invoices`, `patient_responsibilities` and `payments` take each changed row's old
/// contribution off and add its new one, and one on `clients` follows a change of name, whoever
/// writes the row (a use case, an import, a bulk generator or a person with `sqlite3`);
/// `rapport check` holds both tables equal to the rows under them. The definitions are this migration's own: a later change to them is a new migration.
struct CreateClientBalances: AsyncMigration {
    /// A table whose rows count towards what a client owes.
    struct Source: Sendable {
        let table: String
        /// The columns whose change can change the row's contribution.
        let columns: [String]
        /// Whether the row (`row` is `OLD` or `NEW`) counts.
        let counts: @Sendable (String) -> String
        /// What it counts for.
        let amount: @Sendable (String) -> String
        /// The `client_balances` column it counts in.
        let balance: String
        /// Whether it counts against the balance (credit) rather than towards it.
        var against = false
        /// The day it is aged from, when it is open money the client owes (not credit).
        let day: (@Sendable (String) -> String)?
    }

    static let sources = [
        Source(
            table: "invoices", columns: ["practice_id", "client_id", "issue_date", "total", "paid", "deleted_at"],
            counts: { "\($0).deleted_at IS NULL AND \($0).paid < \($0).total" },
            amount: { "\($0).total - \($0).paid" }, balance: "open_invoiced", day: { "\($0).issue_date" }),
        Source(
            table: "patient_responsibilities",
            columns: ["practice_id", "client_id", "posted_on", "amount", "invoice_id"],
            counts: { "\($0).invoice_id IS NULL" }, amount: { "\($0).amount" }, balance: "responsibility",
            day: { "\($0).posted_on" }),
        Source(
            table: "payments", columns: ["practice_id", "client_id", "amount", "applied"],
            counts: { "\($0).applied < \($0).amount" }, amount: { "\($0).amount - \($0).applied" },
            balance: "credit", against: true, day: nil),
    ]

    /// The `client_balances` columns the sources count in, in their order there.
    static let amountColumns = ["open_invoiced", "responsibility", "credit"]

    /// The client's name as the report shows and sorts it, from `clients` row `row`.
    static func sortName(_ row: String) -> String { "\(row).last_name || ', ' || \(row).first_name" }

    func prepare(on database: any Database) async throws {
        try await database.schema("client_balances")
            .field("client_id", .uuid, .identifier(auto: false))
            .field("practice_id", .uuid, .required)
            .field("open_invoiced", .int64, .required)
            .field("responsibility", .int64, .required)
            .field("credit", .int64, .required)
            .field("balance", .int64, .required)
            .field("sort_name", .string, .required)
            .create()
        try await database.schema("open_balance_days")
            .field("practice_id", .uuid, .required)
            .field("day", .string, .required)
            .field("amount", .int64, .required)
            .unique(on: "practice_id", "day")
            .create()
        let sql = try database.sql()
        // The report's order (largest balance first, then by name), holding every column it reads.
        try await sql.raw(
            """
            CREATE INDEX client_balances_ranked ON client_balances
            (practice_id, balance DESC, sort_name, client_id, open_invoiced, responsibility, credit)
            """
        ).run()
        for source in Self.sources {
            try await sql.raw(
                """
                INSERT INTO client_balances (client_id, practice_id, open_invoiced, responsibility, credit, balance, sort_name)
                SELECT r.client_id, r.practice_id, \(unsafeRaw: Self.sums(source)), 0, '' FROM \(unsafeRaw: source.table) r
                WHERE \(unsafeRaw: source.counts("r")) GROUP BY r.client_id, r.practice_id
                ON CONFLICT (client_id) DO UPDATE SET \(unsafeRaw: source.balance) = EXCLUDED.\(unsafeRaw: source.balance)
                """
            ).run()
        }
        try await sql.raw(
            """
            UPDATE client_balances SET balance = open_invoiced + responsibility - credit,
              sort_name = (SELECT \(unsafeRaw: Self.sortName("c")) FROM clients c WHERE c.id = client_balances.client_id)
            """
        ).run()
        try await sql.raw(
            """
            INSERT INTO open_balance_days (practice_id, day, amount)
            SELECT practice_id, day, CAST(SUM(amount) AS BIGINT) FROM (
              \(unsafeRaw: Self.sources.compactMap { source in
                source.day.map { "SELECT r.practice_id, \($0("r")) AS day, \(source.amount("r")) AS amount FROM \(source.table) r WHERE \(source.counts("r"))" }
              }.joined(separator: " UNION ALL "))
            ) counted GROUP BY practice_id, day
            """
        ).run()
        let renamed = "UPDATE client_balances SET sort_name = \(Self.sortName("NEW")) WHERE client_id = NEW.id;"
        if sql.dialect.name == "postgresql" {
            try await sql.raw(
                """
                CREATE FUNCTION clients_balances() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  \(unsafeRaw: renamed)
                  RETURN NULL;
                END
                $$
                """
            ).run()
            try await sql.raw(
                """
                CREATE TRIGGER clients_balances AFTER UPDATE OF first_name, last_name ON clients
                FOR EACH ROW EXECUTE FUNCTION clients_balances()
                """
            ).run()
            for source in Self.sources {
                try await sql.raw("\(unsafeRaw: Self.postgresFunction(source))").run()
                try await sql.raw(
                    """
                    CREATE TRIGGER \(unsafeRaw: source.table)_balances
                    AFTER INSERT OR DELETE OR UPDATE OF \(unsafeRaw: source.columns.joined(separator: ", "))
                    ON \(unsafeRaw: source.table) FOR EACH ROW EXECUTE FUNCTION \(unsafeRaw: source.table)_balances()
                    """
                ).run()
            }
        } else {
            try await sql.raw(
                "CREATE TRIGGER clients_balances AFTER UPDATE OF first_name, last_name ON clients BEGIN \(unsafeRaw: renamed) END"
            ).run()
            for source in Self.sources {
                for (event, rows) in [
                    ("INSERT", [("NEW", 1)]),
                    ("UPDATE OF \(source.columns.joined(separator: ", "))", [("OLD", -1), ("NEW", 1)]),
                    ("DELETE", [("OLD", -1)]),
                ] {
                    let name = "\(source.table)_balances_\(event.prefix(6).lowercased())"
                    let body = rows.map { Self.upserts(source, row: $0.0, sign: $0.1) }.joined(separator: "\n")
                    try await sql.raw(
                        "CREATE TRIGGER \(unsafeRaw: name) AFTER \(unsafeRaw: event) ON \(unsafeRaw: source.table) BEGIN\n\(unsafeRaw: body)\nEND"
                    ).run()
                }
            }
        }
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        try await sql.raw("DROP TRIGGER clients_balances\(unsafeRaw: sql.dialect.name == "postgresql" ? " ON clients" : "")").run()
        if sql.dialect.name == "postgresql" { try await sql.raw("DROP FUNCTION clients_balances()").run() }
        for source in Self.sources {
            if sql.dialect.name == "postgresql" {
                try await sql.raw("DROP TRIGGER \(unsafeRaw: source.table)_balances ON \(unsafeRaw: source.table)").run()
                try await sql.raw("DROP FUNCTION \(unsafeRaw: source.table)_balances()").run()
            } else {
                for event in ["insert", "update", "delete"] {
                    try await sql.raw("DROP TRIGGER \(unsafeRaw: source.table)_balances_\(unsafeRaw: event)").run()
                }
            }
        }
        try await database.schema("open_balance_days").delete()
        try await database.schema("client_balances").delete()
    }

    /// The three `client_balances` amounts of summed rows `r` of `source`: its own column's sum, 0 for the others.
    private static func sums(_ source: Source) -> String {
        amountColumns.map {
            $0 == source.balance ? "CAST(SUM(\(source.amount("r"))) AS BIGINT)" : "0"
        }.joined(separator: ", ")
    }

    /// Statements that add (`sign` 1) or take off (-1) the contribution of `row` (`OLD`/`NEW`),
    /// each doing nothing when the row does not count; ends each with `;`.
    private static func upserts(_ source: Source, row: String, sign: Int) -> String {
        let amount = "\(sign) * (\(source.amount(row)))"
        let balances = amountColumns.map { $0 == source.balance ? amount : "0" }
        let name = "COALESCE((SELECT \(sortName("c")) FROM clients c WHERE c.id = \(row).client_id), '')"
        var statements = [
            """
            INSERT INTO client_balances (client_id, practice_id, open_invoiced, responsibility, credit, balance, sort_name)
            SELECT \(row).client_id, \(row).practice_id, \(balances.joined(separator: ", ")), \(source.against ? "-(\(amount))" : amount), \(name)
            WHERE \(source.counts(row))
            ON CONFLICT (client_id) DO UPDATE
            SET \(source.balance) = client_balances.\(source.balance) + EXCLUDED.\(source.balance),
              balance = client_balances.balance + EXCLUDED.balance;
            """
        ]
        if let day = source.day {
            statements.append(
                """
                INSERT INTO open_balance_days (practice_id, day, amount)
                SELECT \(row).practice_id, \(day(row)), \(amount) WHERE \(source.counts(row))
                ON CONFLICT (practice_id, day) DO UPDATE SET amount = open_balance_days.amount + EXCLUDED.amount;
                """)
        }
        return statements.joined(separator: "\n")
    }

    /// PostgreSQL's trigger function for `source`: the old row's contribution off, the new one's on.
    private static func postgresFunction(_ source: Source) -> String {
        """
        CREATE FUNCTION \(source.table)_balances() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP <> 'INSERT' THEN
            \(upserts(source, row: "OLD", sign: -1))
          END IF;
          IF TG_OP <> 'DELETE' THEN
            \(upserts(source, row: "NEW", sign: 1))
          END IF;
          RETURN NULL;
        END
        $$
        """
    }
}
