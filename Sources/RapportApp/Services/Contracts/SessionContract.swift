import Foundation
import RapportCore

/// A session as the API shows it: what it bills and why.
struct SessionDetails: Codable, Sendable {
    struct ServiceRef: Codable, Sendable {
        let id: UUID
        let code: String
        let description: String
        let source: ServiceSource
    }

    let id: UUID
    let clientId: UUID
    let clinicianId: UUID
    let seriesId: UUID?
    let originalStart: LocalDateTime?
    let start: Date
    let end: Date
    let durationMinutes: Int
    let location: String?
    /// Where it took place as claims code it; null: the practice's usual place.
    let placeOfService: PlaceOfService?
    let attendance: Attendance
    let service: ServiceRef
    let fee: Money
    let feeSource: FeeSource
    /// What the session bills: once billed, its invoice line's amount; until then, what its
    /// attendance makes of the fee under the practice's rules (half of it for a late cancel at
    /// 50 %). Null when it bills nothing: cancelled, or a no-show the practice does not bill.
    let bills: Money?
    /// On an invoice or a claim: its price is frozen there.
    let billed: Bool
    let invoiceId: UUID?
    /// The claim it is on, when its insurer is billed for it.
    let claimId: UUID?
    let editedIndividually: Bool
    /// The session's own choice: true the client pays for it themselves, false it bills their
    /// insurance although they pay for others themselves; null as the client chose.
    let selfPay: Bool?
    /// Where it bills under the client's current policies and choices.
    let billing: SessionBilling
    /// Its own diagnoses, principal first; null: the client's in force on its date.
    let diagnoses: [DiagnosisEntry]?

    /// - Parameter billedAmount: the live invoice line's amount when the session is billed (see
    ///   ``BilledAmounts``); without it a billed session's `bills` is what the rules make of it now.
    init(
        _ session: Session, services: [UUID: Service], practice: PracticeContext, coverage: CoverageBook,
        billedAmount: Int64? = nil
    ) throws {
        self.init(
            try SessionRecord(session, billedAmount: billedAmount), services: services, practice: practice,
            coverage: coverage)
    }

    init(_ session: SessionRecord, services: [UUID: Service], practice: PracticeContext, coverage: CoverageBook) {
        id = session.id
        clientId = session.clientID
        clinicianId = session.clinicianID
        seriesId = session.seriesID
        originalStart = session.originalStartLocal
        start = session.startsAt
        end = session.startsAt.addingTimeInterval(TimeInterval(session.durationMinutes * 60))
        durationMinutes = session.durationMinutes
        location = session.location
        placeOfService = session.placeOfService
        attendance = session.attendance
        let service = services[session.serviceID]
        self.service = ServiceRef(
            id: session.serviceID, code: session.serviceCode ?? service?.code ?? "",
            description: session.serviceDescription ?? service?.description ?? "", source: session.serviceSource)
        fee = practice.money(session.feeAmount)
        feeSource = session.feeSource
        if let billedAmount = session.billedAmount {
            bills = practice.money(billedAmount)
        } else {
            bills = practice.attendancePolicy.charge(for: session.attendance, fee: practice.money(session.feeAmount))
        }
        billed = session.invoiceID != nil || session.claimID != nil
        invoiceId = session.invoiceID
        claimId = session.claimID
        editedIndividually = session.isException
        selfPay = session.selfPay
        billing = coverage.billing(session, practice: practice)
        diagnoses = session.diagnoses?.map(DiagnosisEntry.init)
    }
}

/// Create a single session, or change one (PATCH, with `?scope=`).
struct SessionInput: UseCaseInput {
    var clientId: UUID?
    var clinicianId: UUID?
    var start: Date?
    var durationMinutes: Int?
    var location: Patch<String>?
    /// Two digits: `11` office, `02` or `10` telehealth; null: the practice's usual place.
    var placeOfService: Patch<String>?
    /// `null` follows the client's rules again.
    var serviceId: Patch<UUID>?
    /// `null` resets the fee to follow the rules.
    var fee: Patch<Money>?
    var attendance: String?
    /// true: the client pays for this session themselves; false: it bills their insurance although
    /// they pay for others themselves; null: as the client chose.
    var selfPay: Patch<Bool>?
    /// Its own ICD-10-CM codes, principal first (one session at a time); null: the client's list.
    var diagnoses: Patch<[String]>?
    /// PATCH with scope `following` or `all` only: a new repeat rule from this session on.
    var rule: String?
    /// true: book or move it even where it overlaps another session of the clinician or the client
    /// (the answer is otherwise 409 `schedule_conflict`, listing them).
    var allowConflicts: Bool?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case clientId, clinicianId, start, durationMinutes, location, placeOfService, serviceId, fee, attendance, rule
        case selfPay, diagnoses, allowConflicts
    }
}

/// A session being booked outside its clinician's working hours, and what their hours are that day.
struct OutsideHoursDetail: Codable, Sendable, Hashable {
    let start: Date
    let end: Date
    let clinicianId: UUID
    let clinicianName: String
    /// The clinician's spans on that weekday; empty for a day off.
    let hours: [WorkingHoursEntry]
}

/// A session a booking would overlap: whose time it takes and when.
struct ScheduleConflictDetail: Codable, Sendable, Hashable {
    /// The start of the session being booked (for a series, the occurrence that overlaps).
    let start: Date
    let sessionId: UUID
    let sessionStart: Date
    let sessionEnd: Date
    let clientName: String
    let clinicianName: String
    /// `clinician` (the clinician is busy), `client` (the client is), or both.
    let kinds: [String]
}

/// A session a series-wide change left alone, and why.
struct KeptSession: Codable, Sendable {
    let id: UUID
    let start: Date
    /// `billed`, `attended` or `editedIndividually`.
    let reason: String
}

/// What a scoped change or delete did.
struct ScopedChangeResult: Codable, Sendable {
    let changed: [SessionDetails]
    let deleted: [UUID]
    let kept: [KeptSession]
    /// The series the changed sessions now belong to (a new one after "this and following").
    let seriesId: UUID?
}
