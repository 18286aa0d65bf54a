import Vapor

/// The API's error shape, `{"error": {"code", "message", "fields"}}`, with its HTTP status. Use cases
/// throw ``UseCaseError``; this is what the API makes of it (``APIErrorMiddleware/apiError(for:)``),
/// and what the HTTP edge throws itself for a request that never reached a use case.
struct APIError: Error, Sendable, CustomStringConvertible {
    let status: HTTPResponseStatus
    let code: String
    let message: String
    let fields: [String: String]
    let conflicts: [ScheduleConflictDetail]
    let outsideHours: [OutsideHoursDetail]

    init(
        _ status: HTTPResponseStatus, code: String, message: String, fields: [String: String] = [:],
        conflicts: [ScheduleConflictDetail] = [], outsideHours: [OutsideHoursDetail] = []
    ) {
        self.status = status
        self.code = code
        self.message = message
        self.fields = fields
        self.conflicts = conflicts
        self.outsideHours = outsideHours
    }

    /// A use case's error as the API states it: one status per kind, field paths in the API's notation.
    init(_ error: UseCaseError) {
        self.init(
            Self.status(of: error.kind), code: error.code, message: error.message,
            fields: Dictionary(error.fields.map { ($0.key.description, $0.value) }, uniquingKeysWith: { first, _ in first }),
            conflicts: error.conflicts, outsideHours: error.outsideHours)
    }

    static func status(of kind: UseCaseError.Kind) -> HTTPResponseStatus {
        switch kind {
        case .malformed: .badRequest
        case .invalid: .unprocessableEntity
        case .notFound: .notFound
        case .conflict: .conflict
        case .forbidden: .forbidden
        case .unauthenticated: .unauthorized
        case .throttled: .tooManyRequests
        case .unavailable: .serviceUnavailable
        case .internalFailure: .internalServerError
        }
    }

    var description: String { message }
}
