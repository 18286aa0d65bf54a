/// The CSV exports and imports in the OpenAPI document.
enum ExportOperations {
    static var all: [OpenAPIDocument.Operation] {
        [
            OpenAPIDocument.Operation(
                method: "post", path: "/imports/clients",
                summary:
                    "A client list as CSV text: with dryRun (the default) every row is checked and the problems listed by row and column, nothing written; with dryRun false the clients are imported, all or nothing (imported is true), or refused naming csv (422). Rows whose external id is in Rapport update that client.",
                body: "ImportInput", response: (200, "ImportReport")),
            OpenAPIDocument.Operation(
                method: "post", path: "/imports/schedules",
                summary:
                    "Repeating appointments as CSV text (client by external id or name, clinician, weekday, time, frequency, start and end dates), one series per row, checked or imported as /imports/clients is; a row already scheduled is left as it is",
                body: "ImportInput", response: (200, "ImportReport")),
            OpenAPIDocument.Operation(
                method: "post", path: "/imports/balances",
                summary:
                    "Opening balances as CSV text (client by external id or name, balance, and the date it stood on, today when absent): a balance owed becomes an invoice with no sessions, a credit (-40.00, (40.00) or 40.00 CR) an unapplied payment; checked or imported as /imports/clients is. A client's balance imported again replaces the earlier one unless payments were put against it.",
                body: "ImportInput", response: (200, "ImportReport")),
        ]
            + ExportDataset.allCases.map { dataset in
            OpenAPIDocument.Operation(
                method: "get", path: "/exports/\(dataset.rawValue).csv",
                summary:
                    "The practice's \(dataset.rawValue) as CSV (RFC 4180, a header line first), streamed: \(dataset.rangeMeaning); from and to are optional and inclusive",
                response: (200, nil),
                query: [("from", "yyyy-MM-dd, the first day"), ("to", "yyyy-MM-dd, the last day")],
                textMediaType: "text/csv")
        }
    }

    static var schemas: [String: Any] {
        typealias S = OpenAPISchemas
        return [
            "ImportInput": S.object(["csv": S.string, "dryRun": S.boolean], required: ["csv"]),
            "ImportReport": S.object([
                "rows": S.integer, "added": S.integer, "updated": S.integer, "imported": S.boolean,
                "problems": S.array(S.object(["row": S.integer, "column": S.string, "message": S.string])),
                "notes": S.array(S.string), "columns": ["type": "object", "additionalProperties": S.string],
                "ignoredColumns": S.array(S.string),
            ]),
        ]
    }
}
