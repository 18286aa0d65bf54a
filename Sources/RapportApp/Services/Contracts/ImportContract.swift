/// `POST /api/v1/imports/clients` and `/imports/schedules`.
struct ImportInput: UseCaseInput {
    /// The CSV file's text.
    var csv: String?
    /// true (the default): check every row and write nothing; false: import, all or nothing.
    var dryRun: Bool?

    enum CodingKeys: String, CodingKey, CaseIterable { case csv, dryRun }
}
