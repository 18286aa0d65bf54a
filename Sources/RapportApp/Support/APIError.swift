import Vapor

/// An error a client can act on, rendered as `{"error": {"code", "message", "fields"}}`.
struct APIError: Error, Sendable, CustomStringConvertible {
    let status: HTTPResponseStatus
    let code: String
    let message: String
    let fields: [String: String]

    init(_ status: HTTPResponseStatus, code: String, message: String, fields: [String: String] = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.fields = fields
    }

    /// Well-formed input that breaks a rule (422), naming each offending field.
    static func invalid(_ fields: [String: String], message: String? = nil) -> APIError {
        let summary =
            message ?? fields.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: "; ")
        return APIError(.unprocessableEntity, code: "validation_failed", message: summary, fields: fields)
    }

    static func invalid(_ field: String, _ problem: String) -> APIError { invalid([field: problem]) }

    /// Input that cannot be read at all (400).
    static func malformed(_ message: String, field: String? = nil, problem: String? = nil) -> APIError {
        APIError(
            .badRequest, code: "malformed_request", message: message,
            fields: field.map { [$0: problem ?? message] } ?? [:])
    }

    /// An id that does not exist in the caller's practice (404), whoever else it may belong to.
    static func notFound(_ what: String) -> APIError {
        APIError(.notFound, code: "not_found", message: "\(what) not found")
    }

    static func conflict(_ code: String, _ message: String) -> APIError {
        APIError(.conflict, code: code, message: message)
    }

    var description: String { message }

    static let unauthenticated = APIError(
        .unauthorized, code: "unauthenticated", message: "send 'Authorization: Bearer <token>' with a valid token")
}

/// Collects field problems so a request reports all of them at once.
struct FieldErrors {
    private(set) var fields: [String: String] = [:]

    mutating func add(_ field: String, _ problem: String) {
        if fields[field] == nil { fields[field] = problem }
    }

    func throwIfAny() throws {
        if !fields.isEmpty { throw APIError.invalid(fields) }
    }
}
