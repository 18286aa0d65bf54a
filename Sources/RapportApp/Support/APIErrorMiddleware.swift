import Vapor

/// Turns every error into the API's JSON error shape; unexpected errors become a 500 that
/// reveals nothing and is logged.
struct APIErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            if request.route == nil, let allowed = MethodTable.allowed(for: request), !allowed.isEmpty {
                // The path exists with other methods: 405 and the ones it has, not a 404.
                let names = allowed.map(\.rawValue).joined(separator: ", ")
                let response = Self.response(
                    for: APIError(
                        .methodNotAllowed, code: "method_not_allowed",
                        message: "\(request.method.rawValue) is not allowed here; this address takes \(names)"))
                response.headers.replaceOrAdd(name: .allow, value: names)
                return response
            }
            let apiError = Self.apiError(for: error)
            if apiError.status == .internalServerError {
                request.logger.report(error: error)
            }
            return Self.response(for: apiError)
        }
    }

    static func response(for error: APIError) -> Response {
        struct Body: Encodable {
            struct Detail: Encodable {
                let code: String
                let message: String
                let fields: [String: String]?
                let conflicts: [ScheduleConflictDetail]?
                let outsideHours: [OutsideHoursDetail]?
            }
            let error: Detail
        }
        let body = Body(
            error: .init(
                code: error.code, message: error.message, fields: error.fields.isEmpty ? nil : error.fields,
                conflicts: error.conflicts.isEmpty ? nil : error.conflicts,
                outsideHours: error.outsideHours.isEmpty ? nil : error.outsideHours))
        let response = Response(status: error.status)
        try? response.content.encode(body, using: JSONEncoder.rapport)
        return response
    }

    static func apiError(for error: any Error) -> APIError {
        switch error {
        case let error as APIError: return error
        case let error as UseCaseError: return APIError(error)
        case let error as DecodingError: return APIError(decodingError(error))
        case let error as StrictDecodingError: return APIError(error.useCaseError)
        case let error as any AbortError:
            let code =
                error.status.code == 404
                ? "not_found" : error.status.reasonPhrase.lowercased().replacingOccurrences(of: " ", with: "_")
            return APIError(error.status, code: code, message: error.reason)
        default:
            return APIError(
                .internalServerError, code: "internal_error",
                message: "something went wrong on our side; it has been logged")
        }
    }

    private static func decodingError(_ error: DecodingError) -> UseCaseError {
        func path(_ codingPath: [any CodingKey], _ last: (any CodingKey)? = nil) -> FieldPath {
            FieldPath(codingPath: codingPath + (last.map { [$0] } ?? []))
        }
        switch error {
        case .keyNotFound(let key, let context):
            let field = path(context.codingPath, key)
            return .malformed("\(field) is required", field: field, problem: "is required")
        case .valueNotFound(_, let context):
            let field = path(context.codingPath)
            return .malformed("\(field) must not be null", field: field, problem: "must not be null")
        case .typeMismatch(let type, let context):
            let field = path(context.codingPath)
            return .malformed(
                "\(field.isEmpty ? "the body" : field) must be \(describe(type))", field: field.isEmpty ? nil : field,
                problem: "must be \(describe(type))")
        case .dataCorrupted(let context):
            let field = path(context.codingPath)
            if field.isEmpty { return .malformed("the body is not valid JSON") }
            return .malformed("\(field): \(context.debugDescription)", field: field, problem: context.debugDescription)
        @unknown default:
            return .malformed("the body could not be read")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type, is Int32.Type: "a whole number"
        case is Bool.Type: "true or false"
        case is Double.Type: "a number"
        default: "\(type)".hasPrefix("Array") ? "a list" : "an object"
        }
    }
}
