import Foundation
import Vapor

/// `POST /api/v1/imports/clients` and `/imports/schedules`: a CSV file's text; `dryRun` (the
/// default) checks every row and writes nothing.
struct ImportsController: RouteCollection {
    /// Room for the largest file ``CSVFile`` reads, in JSON.
    static let maximumBody: ByteCount = "24mb"

    func boot(routes: any RoutesBuilder) throws {
        for kind in ImportKind.allCases {
            routes.grouped("imports").on(.POST, "\(kind.rawValue)", body: .collect(maxSize: Self.maximumBody)) { req in
                try await Self.importFile(kind, req)
            }.requires(.manageSettings)
        }
    }

    /// 200 with the report (`imported` says whether the rows were written); 422 naming `csv` when
    /// the file cannot be read or an import is refused for its problems (nothing written).
    static func importFile(_ kind: ImportKind, _ req: Request) async throws -> Response {
        let input = try req.decodeStrict(ImportInput.self)
        guard let csv = input.csv else { throw UseCaseError.invalid("csv", "is required: the file's text") }
        let commit = input.dryRun == false
        let report = try await req.useCases.importFile(kind, Data(csv.utf8), commit: commit)
        if commit, !report.imported {
            let listed = report.problems.prefix(5).map {
                "row \($0.row)\($0.column.isEmpty ? "" : ", \($0.column)"): \($0.message)"
            }
            throw UseCaseError.invalid(
                "csv",
                "has \(report.problems.count) problem\(report.problems.count == 1 ? "" : "s"), so nothing was imported (a dry run lists them all): "
                    + listed.joined(separator: "; "))
        }
        return try await report.encodeResponse(for: req)
    }
}
