import Fluent
import Foundation
import RapportCore

/// One appointment on the calendar: a single session or one occurrence of a ``Series``.
///
/// `chosenServiceID` / `feeOverride` are what the user set (nil = follow the rules);
/// `serviceID`, `feeAmount` and their sources are the price those rules give today, kept current
/// by ``Repricer`` while the session is unbilled, so lists and reports read them directly.
final class Session: Model, @unchecked Sendable {
    static let schema = "sessions"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "client_id") var clientID: UUID
    @Field(key: "clinician_id") var clinicianID: UUID
    @OptionalField(key: "series_id") var seriesID: UUID?
    /// The occurrence's identity in its series (`yyyy-MM-ddTHH:mm:ss`), unchanged when it is moved.
    @OptionalField(key: "original_start_local") var originalStartLocal: LocalDateTime?
    @Field(key: "starts_at") var startsAt: Date
    @Field(key: "duration_minutes") var durationMinutes: Int
    @OptionalField(key: "location") var location: String?
    /// Where it took place as claims code it (`11`, `02`, `10`); nil: the practice's usual place.
    @OptionalField(key: "place_of_service") var placeOfService: PlaceOfService?
    @Field(key: "attendance") var attendance: Attendance
    @OptionalField(key: "chosen_service_id") var chosenServiceID: UUID?
    @OptionalField(key: "fee_override") var feeOverride: Int64?
    @Field(key: "service_id") var serviceID: UUID
    @Field(key: "service_source") var serviceSource: ServiceSource
    @Field(key: "fee_amount") var feeAmount: Int64
    @Field(key: "fee_source") var feeSource: FeeSource
    /// Edited on its own ("this session only"): series-wide edits leave it as it is.
    @Field(key: "is_exception") var isException: Bool
    /// True: the client pays for this session themselves, whatever their policies; nil: as the
    /// client chose.
    @OptionalField(key: "self_pay") var selfPay: Bool?
    /// Its own ICD-10-CM codes, principal first, comma-separated; nil: the client's on its date.
    @OptionalField(key: "diagnoses") var diagnoses: String?
    /// The live invoice this session is billed on; its price is frozen there.
    @OptionalField(key: "invoice_id") var invoiceID: UUID?
    /// The claim this session is on; its line is frozen there.
    @OptionalField(key: "claim_id") var claimID: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    /// Listed, so FluentKit need not reflect over the model for each row (ModelPropertyTests).
    var properties: [any AnyProperty] {
        [
            $id, $practiceID, $clientID, $clinicianID, $seriesID, $originalStartLocal, $startsAt, $durationMinutes,
            $location, $placeOfService, $attendance, $chosenServiceID, $feeOverride, $serviceID, $serviceSource,
            $feeAmount, $feeSource, $isException, $selfPay, $diagnoses, $invoiceID, $claimID, $createdAt, $updatedAt
        ]
    }

    init() {}

    /// On an invoice or a claim: its price is frozen there.
    var isBilled: Bool { invoiceID != nil || claimID != nil }
    var isAttendanceRecorded: Bool { attendance != .scheduled }
}
