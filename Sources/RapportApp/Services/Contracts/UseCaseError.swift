import Foundation

/// What a use case reports when it cannot do what was asked: the kind of failure, a stable code, a
/// sentence for a person and, for input that breaks a rule, a message per field. It knows nothing of
/// HTTP or HTML: the API maps it to its error shape (``APIErrorMiddleware``) and the web puts the
/// field messages beside a form's fields (``FormState/absorb(_:fields:fallback:)``).
struct UseCaseError: Error, Sendable, CustomStringConvertible {
    enum Kind: Sendable, Hashable {
        /// Input that cannot be read at all.
        case malformed
        /// Well-formed input that breaks a rule.
        case invalid
        /// An id that does not exist in the caller's practice, whoever else it may belong to.
        case notFound
        /// The request clashes with the state of the data (a duplicate, something already done).
        case conflict
        /// The caller may not do this.
        case forbidden
        /// No valid credentials.
        case unauthenticated
        /// Too many attempts; try again later.
        case throttled
        /// Something the use case depends on is not answering.
        case unavailable
        /// Stored data that breaks an invariant, or a step that cannot fail but did: logged, and
        /// reported as our fault.
        case internalFailure
    }

    let kind: Kind
    let code: String
    let message: String
    let fields: [FieldPath: String]
    /// With `schedule_conflict`: each session the booking would overlap.
    let conflicts: [ScheduleConflictDetail]
    /// With `schedule_conflict`: each session booked outside its clinician's working hours.
    let outsideHours: [OutsideHoursDetail]

    init(
        _ kind: Kind, code: String, message: String, fields: [FieldPath: String] = [:],
        conflicts: [ScheduleConflictDetail] = [], outsideHours: [OutsideHoursDetail] = []
    ) {
        self.kind = kind
        self.code = code
        self.message = message
        self.fields = fields
        self.conflicts = conflicts
        self.outsideHours = outsideHours
    }

    /// Well-formed input that breaks a rule, naming each offending field.
    static func invalid(_ fields: [FieldPath: String], message: String? = nil) -> UseCaseError {
        let summary = message ?? fields.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: "; ")
        return UseCaseError(.invalid, code: "validation_failed", message: summary, fields: fields)
    }

    static func invalid(_ field: FieldPath, _ problem: String) -> UseCaseError { invalid([field: problem]) }

    /// Input that cannot be read at all.
    static func malformed(_ message: String, field: FieldPath? = nil, problem: String? = nil) -> UseCaseError {
        UseCaseError(.malformed, code: "malformed_request", message: message, fields: field.map { [$0: problem ?? message] } ?? [:])
    }

    static func notFound(_ what: String) -> UseCaseError {
        UseCaseError(.notFound, code: "not_found", message: "\(what) not found")
    }

    static func conflict(_ code: String, _ message: String) -> UseCaseError {
        UseCaseError(.conflict, code: code, message: message)
    }

    static func forbidden(_ message: String) -> UseCaseError {
        UseCaseError(.forbidden, code: "forbidden", message: message)
    }

    static let unauthenticated = UseCaseError(
        .unauthenticated, code: "unauthenticated", message: "send 'Authorization: Bearer <token>' with a valid token")

    /// The same error with each field named under `parent` (`memberId` → `policy.memberId`), for
    /// input that a use case reads inside a larger body.
    func nested(under parent: FieldPath) -> UseCaseError {
        guard !fields.isEmpty else { return self }
        let moved = Dictionary(uniqueKeysWithValues: fields.map { (FieldPath(parent.components + $0.key.components), $0.value) })
        return kind == .invalid ? .invalid(moved) : UseCaseError(kind, code: code, message: message, fields: moved)
    }

    var description: String { message }
}

/// Collects field problems so a request reports all of them at once.
struct FieldErrors {
    private(set) var fields: [FieldPath: String] = [:]

    mutating func add(_ field: FieldPath, _ problem: String) {
        if fields[field] == nil { fields[field] = problem }
    }

    /// Notes "is required" on each field that was not given.
    mutating func require(_ given: KeyValuePairs<String, Bool>) {
        for (field, present) in given where !present { add(FieldPath(key: field), "is required") }
    }

    func throwIfAny() throws {
        if !fields.isEmpty { throw UseCaseError.invalid(fields) }
    }
}
