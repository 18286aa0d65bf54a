import Fluent
import Foundation
import RapportCore

/// Checks shared by single sessions and series: referenced rows, duration, fee.
struct SessionInputChecks {
    let lookup: Lookup
    let practice: PracticeContext

    /// The clinician, checked: a deactivated one is a problem in `errors`.
    @discardableResult
    func clinician(_ id: UUID, errors: inout FieldErrors) async throws -> Clinician {
        let clinician = try await lookup.reference("clinicianId") { try await lookup.clinician(id) }
        if !clinician.active { errors.add("clinicianId", "is a deactivated clinician") }
        return clinician
    }

    func chosenService(_ id: UUID?, errors: inout FieldErrors) async throws -> Service? {
        guard let id else { return nil }
        let service = try await lookup.reference("serviceId") { try await lookup.service(id) }
        if !service.active { errors.add("serviceId", "is a deactivated service") }
        return service
    }

    /// The parts of a change that read the same for one session and for a series.
    struct Change {
        let chosenService: Service?
        let feeOverride: Int64?
        /// `.some(nil)` clears the location.
        let location: String??
        /// `.some(nil)`: the practice's usual place again.
        let placeOfService: PlaceOfService??
    }

    /// A place of service typed or sent; nil with the problem added when it is not two digits.
    /// A session's own diagnoses as stored (comma-separated, principal first), each problem named
    /// at `diagnoses[i]`; an empty list is refused, since `null` is how a session follows the client.
    func diagnoses(_ texts: [String], errors: inout FieldErrors) -> String {
        let (codes, problems) = DiagnosisCode.list(texts)
        for problem in problems {
            errors.add(problem.index.map { .item("diagnoses", $0) } ?? "diagnoses", problem.message)
        }
        if texts.isEmpty {
            errors.add("diagnoses", "must list at least the principal diagnosis; null follows the client's")
        }
        return codes.map(\.description).joined(separator: ",")
    }

    func placeOfService(_ text: String?, errors: inout FieldErrors) -> PlaceOfService? {
        guard let text else { return nil }
        guard let place = PlaceOfService(text) else {
            errors.add("placeOfService", PlaceOfService.problem(text) ?? "is not a place of service")
            return nil
        }
        return place
    }

    /// Checks the clinician (on the caller's own calendar), chosen service, duration, fee and
    /// location of a change; each problem is added to `errors`.
    func change(_ input: SessionInput, actor: Actor, errors: inout FieldErrors) async throws -> Change {
        if let clinician = input.clinicianId {
            try actor.requireOwnCalendar(clinician)
            try await self.clinician(clinician, errors: &errors)
        }
        let chosen = try await chosenService(input.serviceId?.value, errors: &errors)
        duration(input.durationMinutes, errors: &errors)
        let override = fee(input.fee?.value, errors: &errors)
        let location = input.location.map { TextInput.optional($0.value, field: "location", errors: &errors) }
        let place = input.placeOfService.map { placeOfService($0.value, errors: &errors) }
        return Change(chosenService: chosen, feeOverride: override, location: location, placeOfService: place)
    }

    func duration(_ minutes: Int?, errors: inout FieldErrors) {
        if let minutes, !(1...1440).contains(minutes) {
            errors.add("durationMinutes", "must be between 1 and 1440 (24 hours)")
        }
    }

    func fee(_ fee: Money?, errors: inout FieldErrors) -> Int64? {
        fee.flatMap { practice.validated($0, field: "fee", errors: &errors) }
    }

    func attendance(_ text: String?, errors: inout FieldErrors) -> Attendance? {
        guard let text else { return nil }
        guard let attendance = Attendance(rawValue: text) else {
            errors.add("attendance", "must be one of " + Attendance.allCases.map(\.rawValue).joined(separator: ", "))
            return nil
        }
        return attendance
    }

    /// How far back a series may start. Its sessions are stored from the start to the horizon in
    /// one transaction, so a start in year 1 would write 740,000 daily rows; five years is more
    /// than any practice records a series for, and keeps one request's work bounded.
    static let seriesHistoryYears = 5

    func seriesStart(_ start: LocalDate, field: FieldPath = "start", errors: inout FieldErrors) {
        let earliest = practice.today.adding(days: -366 * Self.seriesHistoryYears)
        if start < earliest {
            errors.add(field, "must be within \(Self.seriesHistoryYears) years before today (on or after \(earliest))")
        }
    }

    /// The session length when none is given: the service's own duration.
    func defaultDuration(chosen: Service?, price: Price, services: [UUID: Service]) -> Int {
        chosen?.durationMinutes ?? services[price.serviceID]?.durationMinutes ?? 50
    }
}
