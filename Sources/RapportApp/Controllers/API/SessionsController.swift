import RapportCore
import Vapor

/// `/api/v1/sessions` and `/api/v1/series`.
struct SessionsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let sessions = routes.grouped("sessions")
        sessions.get(use: list).requires(.readSchedule)
        sessions.post(use: create).requires(.writeSchedule)
        sessions.get(":id", use: get).requires(.readSchedule)
        sessions.patch(":id", use: update).requires(.recordAttendance)
        sessions.delete(":id", use: delete).requires(.writeSchedule)

        let series = routes.grouped("series")
        series.post(use: createSeries).requires(.writeSchedule)
        series.get(":id", use: getSeries).requires(.readSchedule)
    }

    /// Sessions starting in `[from, to)` (RFC 3339), for some clinicians (comma-separated ids) or one client.
    /// The calendar asks for the same weeks again and again: the finished JSON is kept while what
    /// it shows stands (``ReadCache``, ``DataVersion/calendar(practiceID:clinicianIDs:on:)``) —
    /// another clinician's booking, or a payment, leaves it kept. Asked for afresh
    /// (`Cache-Control: no-cache`), it is worked out and not kept.
    @Sendable func list(req: Request) async throws -> Response {
        let range = try Self.range(req.queryValues())
        let scheduling = try scheduling(req)
        let list = { try JSONBytes.array(try await scheduling.list(range)) }
        guard req.acceptsKeptAnswer else { return .json(try await list()) }
        let actor = try req.actor
        let key = SessionListKey(practiceID: actor.practiceID, calendars: actor.calendars, range: range)
        return .json(try await scheduling.kept(key, in: req.application.readCaches.sessionLists, make: list))
    }

    /// The list's query parameters, checked: every problem reported at once.
    private static func range(_ query: [String: String]) throws -> SessionScheduling.Range {
        var errors = FieldErrors()
        let from = query["from"].flatMap(RFC3339.parse)
        let to = query["to"].flatMap(RFC3339.parse)
        if from == nil { errors.add("from", "is required: an RFC 3339 date-time such as 2026-12-01T00:00:00-05:00") }
        if to == nil { errors.add("to", "is required: an RFC 3339 date-time such as 2026-12-08T00:00:00-05:00") }
        if let from, let to {
            if to <= from { errors.add("to", "must be after from") }
            if to.timeIntervalSince(from) > 400 * 86_400 { errors.add("to", "must be within 400 days of from") }
        }
        let clinicians = (query["clinicianId"] ?? "").split(separator: ",").map { UUID(uuidString: String($0)) }
        if clinicians.contains(where: { $0 == nil }) {
            errors.add("clinicianId", "must be clinician ids separated by commas")
        }
        var clientID: UUID?
        if let text = query["clientId"] {
            clientID = UUID(uuidString: text)
            if clientID == nil { errors.add("clientId", "must be a client id") }
        }
        var limit = 2000
        if let text = query["limit"] {
            if let value = Int(text), (1...5000).contains(value) {
                limit = value
            } else {
                errors.add("limit", "must be between 1 and 5000")
            }
        }
        try errors.throwIfAny()
        guard let from, let to else { throw UseCaseError.invalid(errors.fields) }
        return SessionScheduling.Range(
            from: from, to: to, clinicianIDs: clinicians.compactMap { $0 }, clientID: clientID, limit: limit)
    }

    /// Books a single session; service and fee follow the client's rules unless given.
    @Sendable func create(req: Request) async throws -> Response {
        let content = try await scheduling(req).create(req.decodeStrict(SessionInput.self))
        return try await content.encodeResponse(status: .created, for: req)
    }

    /// One session, with where its code and fee come from.
    @Sendable func get(req: Request) async throws -> SessionDetails {
        try await scheduling(req).get(req.id())
    }

    /// Changes a session; `?scope=this|following|all` for a repeating one (default `this`).
    @Sendable func update(req: Request) async throws -> ScopedChangeResult {
        let input = try req.decodeStrict(SessionInput.self)
        try Self.checkAttendanceOnly(input, actor: req.actor)
        return try await scheduling(req).update(req.id(), input, scope: scope(req))
    }

    /// A role that may record attendance but not change schedules (billers) may send nothing else.
    static func checkAttendanceOnly(_ input: SessionInput, actor: Actor) throws {
        guard actor.role?.permissions.contains(.writeSchedule) != true else { return }
        let others: [Any?] = [
            input.clientId, input.clinicianId, input.start, input.durationMinutes, input.location, input.serviceId,
            input.fee, input.rule,
        ]
        if others.contains(where: { $0 != nil }) {
            throw UseCaseError.forbidden(
                "your role (\(actor.role?.rawValue ?? "none")) may record attendance but not change the schedule")
        }
    }

    /// Deletes a session; `?scope=this|following|all` for a repeating one (default `this`).
    @Sendable func delete(req: Request) async throws -> ScopedChangeResult {
        try await scheduling(req).delete(req.id(), scope: scope(req))
    }

    /// Books a repeating session and stores its occurrences up to the horizon.
    @Sendable func createSeries(req: Request) async throws -> Response {
        let content = try await req.useCases.series
            .create(req.decodeStrict(SeriesInput.self))
        return try await content.encodeResponse(status: .created, for: req)
    }

    /// A series with its stored occurrences.
    @Sendable func getSeries(req: Request) async throws -> SeriesDetails {
        try await req.useCases.series.get(req.id())
    }

    private func scheduling(_ req: Request) throws -> SessionScheduling {
        try req.useCases.scheduling
    }

    private func scope(_ req: Request) throws -> Scope {
        guard let text = try req.queryValue("scope") else { return .thisOnly }
        guard let scope = Scope(rawValue: text) else {
            throw UseCaseError.invalid("scope", "must be this, following or all")
        }
        return scope
    }
}
