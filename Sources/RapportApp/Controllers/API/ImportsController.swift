import Vapor

/// `POST /api/v1/imports/clients`: a client list as CSV text; `dryRun` (the default) checks every
/// row and writes nothing.
struct ImportsController: RouteCollection {
    /// Room for the largest file ``CSVFile`` reads, in JSON.
    static let maximumBody: ByteCount = "24mb"

    func boot(routes: any RoutesBuilder) throws {
        routes.grouped("imports").on(.POST, "clients", body: .collect(maxSize: Self.maximumBody), use: clients)
            .requires(.manageSettings)
    }

    /// 200 with the report (`imported` says whether the clients were written); 422 naming `csv` when
    /// the file cannot be read or an import is refused for its problems (nothing written).
    @Sendable func clients(req: Request) async throws -> Response {
        let input = try req.decodeStrict(ClientImportInput.self)
        guard let csv = input.csv else { throw UseCaseError.invalid("csv", "is required: the file's text") }
        let commit = input.dryRun == false
        let report = try await req.useCases.clientImport.run(Data(csv.utf8), commit: commit)
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
