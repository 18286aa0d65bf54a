import Vapor

/// `/api/v1/exports/{clients,sessions,invoices,payments}.csv?from=&to=`: the practice's data as CSV,
/// streamed.
struct ExportsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let exports = routes.grouped("exports")
        for dataset in ExportDataset.allCases {
            exports.get("\(dataset.rawValue).csv") { req in
                try await req.csvExport(dataset, from: try req.queryValue("from"), to: try req.queryValue("to"))
            }.requires(.exportData)
        }
    }
}

extension Request {
    /// Checks the range (a 422 naming the field before anything is sent), then streams the file:
    /// each page of rows is written before the next is read.
    func csvExport(_ dataset: ExportDataset, from: String?, to: String?) async throws -> Response {
        let export = try await useCases.dataExport.prepare(dataset, from: from, to: to)
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
        headers.contentDisposition = .init(.attachment, filename: export.fileName)
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        let logger = logger
        let underWay = application.requestsUnderWay
        return Response(
            status: .ok, headers: headers,
            body: .init(managedAsyncStream: { writer in
                do {
                    // Written after the middleware has returned: still under way until the last row.
                    try await underWay.track {
                        try await export.write { text in try await writer.writeBuffer(ByteBuffer(string: text)) }
                    }
                } catch {
                    logger.error("the \(dataset.rawValue) export stopped part-way: \(error)")
                    throw error
                }
            }))
    }
}
