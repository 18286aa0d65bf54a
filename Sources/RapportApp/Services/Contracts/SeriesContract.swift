import Foundation
import RapportCore

struct SeriesDetails: Codable, Sendable {
    let id: UUID
    let clientId: UUID
    let clinicianId: UUID
    let rule: String
    let start: LocalDateTime
    let timeZone: String
    let durationMinutes: Int
    let location: String?
    let placeOfService: PlaceOfService?
    let serviceId: UUID?
    let fee: Money?
    /// Occurrences are stored as sessions up to this instant; later ones appear as time passes.
    let generatedThrough: Date
    let ended: Bool
    let occurrences: [SessionDetails]
}

/// A repeating session: a rule string, or the structured fields a form sends.
struct SeriesInput: UseCaseInput {
    var clientId: UUID
    var clinicianId: UUID
    /// Local wall-clock start of the first session, `yyyy-MM-ddTHH:mm`.
    var start: LocalDateTime
    /// IANA zone of `start`; the practice's zone when absent.
    var timeZone: String?
    var durationMinutes: Int?
    var location: String?
    /// Its sessions' place of service (two digits); absent: the practice's usual place.
    var placeOfService: String?
    var serviceId: UUID?
    var fee: Money?
    /// An RRULE (`FREQ=WEEKLY;BYDAY=MO`), or leave it out and use the fields below.
    var rule: String?
    /// `daily`, `weekly` or `monthly`.
    var frequency: String?
    var interval: Int?
    /// For weekly: `["MO", "TH"]`; for monthly: `["2TU"]`.
    var byDay: [String]?
    var byMonthDay: [Int]?
    /// Ends after this many sessions…
    var count: Int?
    /// …or on this date (inclusive); neither: never.
    var until: LocalDate?
    /// true: book the series even where occurrences overlap other sessions (else 409 `schedule_conflict`).
    var allowConflicts: Bool?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case clientId, clinicianId, start, timeZone, durationMinutes, location, placeOfService, serviceId, fee, rule
        case frequency, interval, byDay, byMonthDay, count, until, allowConflicts
    }
}
