/// The CSV exports in the OpenAPI document.
enum ExportOperations {
    static var all: [OpenAPIDocument.Operation] {
        ExportDataset.allCases.map { dataset in
            OpenAPIDocument.Operation(
                method: "get", path: "/exports/\(dataset.rawValue).csv",
                summary:
                    "The practice's \(dataset.rawValue) as CSV (RFC 4180, a header line first), streamed: \(dataset.rangeMeaning); from and to are optional and inclusive",
                response: (200, nil),
                query: [("from", "yyyy-MM-dd, the first day"), ("to", "yyyy-MM-dd, the last day")],
                textMediaType: "text/csv")
        }
    }
}
