import SQLKit

/// Triggers that mark, for one kind of kept answer, what a change touched: a row of `numbers` per
/// owner (a client, a clinician) whose answers show the changed row, or the practice's number in
/// `practice_versions.<shared>` for rows every such answer may show. A migration that adds such
/// numbers names every table as one of the four kinds (``Kind``) and creates the triggers with
/// ``create(on:)``.
///
/// The marks set a number to the practice's data version, which the writing transaction has
/// already moved on (``DataVersion``): the numbers are newer than any answer kept before the
/// change, and only the first row of an owner (or of the shared tables) a transaction changes
/// writes. SQLite runs the triggers per row; PostgreSQL once a statement over the rows it changed
/// (transition tables), so an invoice run or a repricing adds one statement per statement, not
/// one per row.
///
/// What a migration once created stays as it was: a change to the SQL these functions write for
/// its tables is a new migration's, with its own triggers (the tests compare the triggers of a
/// fresh database with the tables' kinds, not their text).
struct VersionMarks: Sendable {
    /// How a row names its owner.
    indirect enum Owner: Sendable {
        /// A column of the row.
        case column(String)
        /// The row `column` refers to in `table`, which names the owner as `owner` says.
        case through(column: String, table: String, owner: Owner)
    }

    /// What a change to a table's rows means for the kept answers.
    enum Kind: Sendable {
        /// An owner's own rows: a change marks the owner.
        case owned(Owner)
        /// Rows any of the answers may show: a change marks the practice's shared number.
        case shared
        /// Rows that change only with rows of `tables`, whose triggers mark the same owner.
        case markedBy([String])
        /// Shown by none of the answers; the reason is for the reader.
        case notShown(String)

        /// Whether rows of the kind have triggers.
        var marks: Bool {
            switch self {
            case .owned, .shared: true
            case .markedBy, .notShown: false
            }
        }
    }

    struct Table: Sendable {
        let name: String
        let kind: Kind
        var practice = "practice_id"
    }

    /// Tables no kept answer shows, whatever it is: numbers to come, the audit trail, sign-in
    /// bookkeeping and the numbers themselves.
    static let bookkeeping: [Table] = [
        Table(name: "invoice_counters", kind: .notShown("numbers to come; an invoice carries its own")),
        Table(name: "practice_counters", kind: .notShown("numbers to come; a claim carries its own")),
        Table(name: "audit_events", kind: .notShown("the audit trail, written by looks too")),
        Table(name: "audit_heads", kind: .notShown("the audit trail's end")),
        Table(name: "api_tokens", kind: .notShown("sign-in bookkeeping")),
        Table(name: "web_sessions", kind: .notShown("sign-in bookkeeping")),
        Table(name: "login_attempts", kind: .notShown("sign-in bookkeeping")),
        Table(name: "practice_versions", kind: .notShown("the numbers themselves")),
        Table(name: "client_versions", kind: .notShown("the numbers themselves")),
        Table(name: "clinician_versions", kind: .notShown("the numbers themselves")),
    ]

    /// The table of owners' numbers: `(<owner>, practice_id, version)`.
    let numbers: String
    /// Its key column, the owner's id.
    let owner: String
    /// The column of `practice_versions` for the shared rows.
    let shared: String
    /// What the triggers' names say after the table's: `{table}_{suffix}_{event}`.
    let suffix: String
    let tables: [Table]

    static let events = ["INSERT", "UPDATE", "DELETE"]

    func trigger(_ table: Table, _ event: String) -> String {
        "\(table.name)_\(suffix)_\(event.lowercased())"
    }

    /// The names of `table`'s triggers, if its rows mark.
    func triggers(on table: String) -> [String] {
        tables.filter { $0.name == table && $0.kind.marks }.flatMap { table in
            Self.events.map { trigger(table, $0) }
        }
    }

    /// Every table's triggers (PostgreSQL: a function and a statement trigger each).
    func create(on sql: any SQLDatabase) async throws {
        let postgres = sql.dialect.name == "postgresql"
        for table in tables {
            for event in Self.events {
                guard let mark = mark(table, event, postgres: postgres) else { continue }
                let name = trigger(table, event)
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

    /// Drops what ``create(on:)`` made.
    func drop(on sql: any SQLDatabase) async throws {
        for table in tables where table.kind.marks {
            for event in Self.events {
                let name = trigger(table, event)
                if sql.dialect.name == "postgresql" {
                    try await sql.raw("DROP TRIGGER \(unsafeRaw: name) ON \(unsafeRaw: table.name)").run()
                    try await sql.raw("DROP FUNCTION \(unsafeRaw: name)()").run()
                } else {
                    try await sql.raw("DROP TRIGGER \(unsafeRaw: name)").run()
                }
            }
        }
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
    /// owners' numbers, or the practice's shared one — as changed at the practice's data version,
    /// writing only where it is not that already. Nil for a table that needs no trigger.
    ///
    /// SQLite's trigger runs it per row, once for each of the row's `NEW` and `OLD` images (a
    /// statement of each: a union of the two measured three times slower; an update's old image
    /// only when the row moved to another owner); PostgreSQL's once per statement over the changed
    /// rows of its transition tables, each owner once (an upsert may not write a row twice).
    func mark(_ table: Table, _ event: String, postgres: Bool) -> String? {
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
                UPDATE practice_versions SET \(shared) = version
                WHERE practice_id IN (\(practices)) AND \(shared) <> version;
                """
        case .shared:
            return images.map {
                """
                UPDATE practice_versions SET \(shared) = version
                WHERE practice_id = \($0).\(table.practice) AND \(shared) <> version;
                """
            }.joined(separator: "\n")
        case .owned(let by) where postgres:
            let owners = changed.map {
                "SELECT DISTINCT \(Self.owner(by, of: "r")) AS \(owner), r.\(table.practice) AS practice_id"
                    + " FROM \($0) r"
            }.joined(separator: " UNION ")
            return """
                INSERT INTO \(numbers) (\(owner), practice_id, version)
                SELECT c.\(owner), v.practice_id, v.version
                FROM (\(owners)) c JOIN practice_versions v ON v.practice_id = c.practice_id
                WHERE c.\(owner) IS NOT NULL
                \(upsert)
                """
        case .owned(let by):
            return images.map {
                // An update's old image counts only when it names another owner than the new one.
                let moved =
                    $0 == "OLD" && new ? " AND \(Self.owner(by, of: "OLD")) IS NOT \(Self.owner(by, of: "NEW"))" : ""
                return """
                    INSERT INTO \(numbers) (\(owner), practice_id, version)
                    SELECT \(Self.owner(by, of: $0)), v.practice_id, v.version FROM practice_versions v
                    WHERE v.practice_id = \($0).\(table.practice) AND \(Self.owner(by, of: $0)) IS NOT NULL\(moved)
                    \(upsert)
                    """
            }.joined(separator: "\n")
        }
    }

    /// A mark's end: an owner's number written only when it is not the new one already.
    private var upsert: String {
        """
        ON CONFLICT (\(owner)) DO UPDATE SET version = excluded.version
        WHERE \(numbers).version <> excluded.version;
        """
    }

    /// The owner's id of the row read through `row`, as `owner` finds it.
    static func owner(_ owner: Owner, of row: String, depth: Int = 1) -> String {
        switch owner {
        case .column(let column):
            return "\(row).\(column)"
        case .through(let column, let table, let next):
            let alias = "o\(depth)"
            return "(SELECT \(Self.owner(next, of: alias, depth: depth + 1)) FROM \(table) \(alias)"
                + " WHERE \(alias).id = \(row).\(column))"
        }
    }
}
