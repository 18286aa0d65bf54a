import SQLKit

/// Per-row triggers that set one number of `practice_versions` (`column`) to the practice's data
/// version whenever a row that counts changes, whoever writes it (``AddBillingVersion``,
/// ``AddAccessVersion``).
///
/// A writing transaction moves the data version on as its first statement, so the first row it
/// changes sets the number and the rest find it set already: the number says at which data version
/// the rows it stands for last changed. A write that leaves every ``DataVersion`` as it is (a
/// bookkeeping transaction) must change none of the rows that count. Per row on both databases, so
/// that an `UPDATE OF` column list can say which changes count (PostgreSQL allows none on a
/// statement trigger over transition tables); a bulk write of rows that count — an invoice run's
/// lines — pays a trigger per row (docs/PERFORMANCE.md).
///
/// What a migration once created stays as it was: a change to the SQL written here for its tables
/// is a new migration's.
struct PracticeNumberMarks: Sendable {
    /// A table whose rows count: the column naming its practice, the columns whose change counts
    /// (nil: any) and whether a row made or removed counts.
    struct Source: Sendable {
        let table: String
        var practice = "practice_id"
        var columns: [String]? = nil
        var rowsComeAndGo = true
    }

    /// The number's column in `practice_versions`.
    let column: String
    /// What the triggers' names say after the table's.
    let suffix: String
    let sources: [Source]

    func create(on sql: any SQLDatabase) async throws {
        for source in sources {
            let events = events(source), name = postgresTrigger(source)
            if sql.dialect.name == "postgresql" {
                try await sql.raw(
                    """
                    CREATE FUNCTION \(unsafeRaw: name)() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                      IF TG_OP = 'DELETE' THEN
                        \(unsafeRaw: mark(source, row: "OLD"))
                      ELSE
                        \(unsafeRaw: mark(source, row: "NEW"))
                      END IF;
                      RETURN NULL;
                    END
                    $$
                    """
                ).run()
                try await sql.raw(
                    """
                    CREATE TRIGGER \(unsafeRaw: name)
                    AFTER \(unsafeRaw: events.joined(separator: " OR ")) ON \(unsafeRaw: source.table)
                    FOR EACH ROW EXECUTE FUNCTION \(unsafeRaw: name)()
                    """
                ).run()
            } else {
                for event in events {
                    try await sql.raw(
                        """
                        CREATE TRIGGER \(unsafeRaw: sqliteTrigger(source, event)) AFTER \(unsafeRaw: event)
                        ON \(unsafeRaw: source.table) BEGIN
                        \(unsafeRaw: mark(source, row: event == "DELETE" ? "OLD" : "NEW"))
                        END
                        """
                    ).run()
                }
            }
        }
    }

    /// Drops what ``create(on:)`` made.
    func drop(on sql: any SQLDatabase) async throws {
        for source in sources {
            if sql.dialect.name == "postgresql" {
                let name = postgresTrigger(source)
                try await sql.raw("DROP TRIGGER \(unsafeRaw: name) ON \(unsafeRaw: source.table)").run()
                try await sql.raw("DROP FUNCTION \(unsafeRaw: name)()").run()
            } else {
                for event in events(source) {
                    try await sql.raw("DROP TRIGGER \(unsafeRaw: sqliteTrigger(source, event))").run()
                }
            }
        }
    }

    /// The names of `table`'s triggers, if its rows count (PostgreSQL: one for all its events).
    func triggers(on table: String, postgres: Bool) -> [String] {
        sources.filter { $0.table == table }.flatMap { source in
            postgres ? [postgresTrigger(source)] : events(source).map { sqliteTrigger(source, $0) }
        }
    }

    /// The changes to `source` that count.
    private func events(_ source: Source) -> [String] {
        (source.rowsComeAndGo ? ["INSERT", "DELETE"] : [])
            + [source.columns.map { "UPDATE OF \($0.joined(separator: ", "))" } ?? "UPDATE"]
    }

    /// Sets the number of the practice of `row` (`OLD` or `NEW`) to its data version, writing only
    /// when it is not that already; ends with `;`.
    private func mark(_ source: Source, row: String) -> String {
        """
        UPDATE practice_versions SET \(column) = version
        WHERE practice_id = \(row).\(source.practice) AND \(column) <> version;
        """
    }

    /// PostgreSQL's trigger, and its function, for all of `source`'s events.
    private func postgresTrigger(_ source: Source) -> String {
        "\(source.table)_\(suffix)"
    }

    private func sqliteTrigger(_ source: Source, _ event: String) -> String {
        "\(source.table)_\(suffix)_\(event.prefix(6).lowercased())"
    }
}
