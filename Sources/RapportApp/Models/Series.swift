import Fluent
import Foundation
import RapportCore

/// A repeating session: a rule, a local start in a time zone, and what each occurrence is.
/// Its occurrences are stored as ``Session`` rows up to `generatedThrough`.
final class Series: Model, @unchecked Sendable {
    static let schema = "series"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "client_id") var clientID: UUID
    @Field(key: "clinician_id") var clinicianID: UUID
    /// RRULE text, e.g. `FREQ=WEEKLY;BYDAY=MO`.
    @Field(key: "rule") var rule: String
    /// The first occurrence's wall-clock start in `timeZone`.
    @Field(key: "start_local") var startLocal: LocalDateTime
    @Field(key: "time_zone") var timeZone: String
    @Field(key: "duration_minutes") var durationMinutes: Int
    @OptionalField(key: "location") var location: String?
    /// Its sessions' place of service; nil: the practice's usual place.
    @OptionalField(key: "place_of_service") var placeOfService: PlaceOfService?
    @OptionalField(key: "chosen_service_id") var chosenServiceID: UUID?
    @OptionalField(key: "fee_override") var feeOverride: Int64?
    /// Occurrences before this instant are stored as sessions.
    @Field(key: "generated_through") var generatedThrough: Date
    /// Set when the whole series was deleted but billed or attended sessions keep it on record.
    @OptionalField(key: "ended_at") var endedAt: Date?
    /// Its id in the product the practice came from (schedule imports match on it).
    @OptionalField(key: "external_id") var externalID: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    /// Listed, so FluentKit need not reflect over the model for each row (ModelPropertyTests).
    var properties: [any AnyProperty] {
        [
            $id, $practiceID, $clientID, $clinicianID, $rule, $startLocal, $timeZone, $durationMinutes, $location,
            $placeOfService, $chosenServiceID, $feeOverride, $generatedThrough, $endedAt, $externalID, $createdAt
        ]
    }

    init() {}
}

/// An occurrence deleted on its own ("this session only"): it is never generated again.
final class SeriesExclusion: Model, @unchecked Sendable {
    static let schema = "series_exclusions"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "series_id") var seriesID: UUID
    @Field(key: "original_start_local") var originalStartLocal: LocalDateTime

    /// Listed, so FluentKit need not reflect over the model for each row (ModelPropertyTests).
    var properties: [any AnyProperty] { [$id, $practiceID, $seriesID, $originalStartLocal] }

    init() {}

    init(practiceID: UUID, seriesID: UUID, originalStartLocal: LocalDateTime) {
        self.practiceID = practiceID
        self.seriesID = seriesID
        self.originalStartLocal = originalStartLocal
    }
}
