import Fluent
import Foundation
import RapportCore
import SQLKit

/// A claim to one payer for one client's sessions under one policy, rendered by one clinician.
/// Its lines are frozen when it is made; who bills, the subscriber and the payer are read from
/// their records until it is sent, and the batch keeps the file exactly as it went.
final class ClaimRow: Model, @unchecked Sendable {
    static let schema = "claims"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    /// Per practice, increasing, never reused: what people call the claim by.
    @Field(key: "number") var number: Int
    @Field(key: "client_id") var clientID: UUID
    @Field(key: "policy_id") var policyID: UUID
    @Field(key: "payer_id") var payerID: UUID
    @Field(key: "rank") var rank: PayerRank
    @Field(key: "clinician_id") var clinicianID: UUID
    @Field(key: "status") var status: ClaimStatus
    @Field(key: "frequency") var frequency: ClaimFrequency
    /// The payer's number for the claim a replacement or void refers to.
    @OptionalField(key: "payer_claim_number") var payerClaimNumber: String?
    @OptionalField(key: "replaces_claim_id") var replacesClaimID: UUID?
    /// On a secondary claim: the primary claim whose adjudication it carries.
    @OptionalField(key: "prior_claim_id") var priorClaimID: UUID?
    @Field(key: "date_from") var dateFrom: LocalDate
    @Field(key: "date_to") var dateTo: LocalDate
    @Field(key: "total") var total: Int64
    @Field(key: "place_of_service") var placeOfService: PlaceOfService
    /// ICD-10-CM codes in claim order, comma-separated.
    @Field(key: "diagnoses") var diagnoses: String
    @OptionalField(key: "batch_id") var batchID: UUID?
    @Field(key: "created_by_name") var createdByName: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @OptionalField(key: "submitted_at") var submittedAt: Date?
    /// What the payer's remittances posted: paid, written off under contract, and left to the client.
    @Field(key: "paid") var paid: Int64
    @Field(key: "written_off") var writtenOff: Int64
    @Field(key: "patient_responsibility") var patientResponsibility: Int64

    /// Listed, so FluentKit need not reflect over the model for each row (ModelPropertyTests).
    var properties: [any AnyProperty] {
        [
            $id, $practiceID, $number, $clientID, $policyID, $payerID, $rank, $clinicianID, $status, $frequency,
            $payerClaimNumber, $replacesClaimID, $priorClaimID, $dateFrom, $dateTo, $total, $placeOfService,
            $diagnoses, $batchID, $createdByName, $createdAt, $submittedAt, $paid, $writtenOff, $patientResponsibility
        ]
    }

    init() {}

    /// The claim id a patient control number (or line id) spells: the UUID without its dashes.
    static func id(patientControlNumber text: String) -> UUID? {
        let hex = Array(text.uppercased())
        guard hex.count == 32 else { return nil }
        let groups = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(hex[$0]) }
        return UUID(uuidString: groups.joined(separator: "-"))
    }

    /// The patient control number (CLM01): the claim's id without dashes, 32 characters; the
    /// remittance names the claim by it.
    var patientControlNumber: String { (id?.uuidString ?? "").replacingOccurrences(of: "-", with: "") }

    /// The diagnosis codes; one that does not read is an ``UnreadableStoredValue``.
    func diagnosisCodes() throws -> [DiagnosisCode] {
        try diagnoses.split(separator: ",").map { text in
            guard let code = DiagnosisCode(String(text)) else {
                throw UnreadableStoredValue(column: "claims.diagnoses", value: String(text))
            }
            return code
        }
    }
}

/// One service line of a claim, as the session was when the claim was made.
final class ClaimLineRow: Model, @unchecked Sendable {
    static let schema = "claim_lines"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "claim_id") var claimID: UUID
    @OptionalField(key: "session_id") var sessionID: UUID?
    @Field(key: "line_number") var lineNumber: Int
    @Field(key: "date_of_service") var dateOfService: LocalDate
    @Field(key: "place_of_service") var placeOfService: PlaceOfService
    @Field(key: "procedure") var procedure: ProcedureCode
    /// Comma-separated, up to four.
    @Field(key: "modifiers") var modifiers: String
    @Field(key: "units") var units: Int
    @Field(key: "charge") var charge: Int64
    /// 1-based positions in the claim's diagnoses, comma-separated.
    @Field(key: "diagnosis_pointers") var diagnosisPointers: String
    @Field(key: "rank") var rank: PayerRank
    /// False once its claim is voided, replaced or removed: the session may be claimed again.
    @Field(key: "live") var live: Bool

    /// Listed, so FluentKit need not reflect over the model for each row (ModelPropertyTests).
    var properties: [any AnyProperty] {
        [
            $id, $practiceID, $claimID, $sessionID, $lineNumber, $dateOfService, $placeOfService, $procedure,
            $modifiers, $units, $charge, $diagnosisPointers, $rank, $live
        ]
    }

    init() {}

    /// The line id (REF*6R) the remittance names the line by.
    var lineID: String { (id?.uuidString ?? "").replacingOccurrences(of: "-", with: "") }

    /// The same line on another claim (a void repeats it; a secondary claim bills it again).
    func copy(to claimID: UUID, rank: PayerRank, live: Bool) -> ClaimLineRow {
        let copy = ClaimLineRow()
        (copy.practiceID, copy.claimID, copy.sessionID, copy.lineNumber) = (practiceID, claimID, sessionID, lineNumber)
        (copy.dateOfService, copy.placeOfService, copy.procedure, copy.modifiers) = (
            dateOfService, placeOfService, procedure, modifiers
        )
        (copy.units, copy.charge, copy.diagnosisPointers, copy.rank, copy.live) = (
            units, charge, diagnosisPointers, rank, live
        )
        return copy
    }
}

/// A batch of claims sent to one payer as one 837P file, kept exactly as written.
final class ClaimBatchRow: Model, @unchecked Sendable {
    static let schema = "claim_batches"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "payer_id") var payerID: UUID
    /// The interchange and group control number: per practice, increasing, never reused.
    @Field(key: "control_number") var controlNumber: Int
    @Field(key: "claim_count") var claimCount: Int
    @Field(key: "total") var total: Int64
    @Field(key: "file") var file: String
    /// What the writer had to change in values so the file could hold them, one per line.
    @Field(key: "replacements") var replacements: String
    @Field(key: "created_by_name") var createdByName: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    /// Listed, so FluentKit need not reflect over the model for each row (ModelPropertyTests).
    var properties: [any AnyProperty] {
        [
            $id, $practiceID, $payerID, $controlNumber, $claimCount, $total, $file, $replacements, $createdByName,
            $createdAt
        ]
    }

    init() {}
}

/// Where a claim stands. An open claim is a draft while a check finds a problem and ready once
/// none does — worked out as it is read, so fixing a policy or an NPI makes it ready at once.
enum ClaimStatus: String, Codable, Sendable, CaseIterable, StoredText {
    case open, submitted, paid, partiallyPaid, denied, closed, voided, replaced
    static var column: String { "claims.status" }

    /// The payer has answered: what it did not pay or leave to the client was adjusted away.
    static let answered: Set<ClaimStatus> = [.paid, .partiallyPaid, .denied, .closed]

    /// How a statement tells the client where the claim stands.
    var words: String {
        switch self {
        case .open: "not sent yet"
        case .submitted: "awaiting payment"
        case .paid: "paid"
        case .partiallyPaid: "partly paid"
        case .denied: "denied"
        case .closed: "closed"
        case .voided: "voided"
        case .replaced: "replaced"
        }
    }
}

/// Where the practice sends its claims: the clearinghouse's name and receiver ID, and the
/// submitter ID and contact it assigned the practice. One per practice.
final class ClearinghouseRow: Model, @unchecked Sendable {
    static let schema = "clearinghouses"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "name") var name: String
    @Field(key: "receiver_id") var receiverID: String
    @Field(key: "submitter_id") var submitterID: String
    @Field(key: "submitter_name") var submitterName: String
    @Field(key: "contact_name") var contactName: String
    @Field(key: "contact_phone") var contactPhone: String
    /// False: files are marked test (ISA15 `T`) until the clearinghouse says to send for real.
    @Field(key: "production") var production: Bool
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    /// Listed, so FluentKit need not reflect over the model for each row (ModelPropertyTests).
    var properties: [any AnyProperty] {
        [
            $id, $practiceID, $name, $receiverID, $submitterID, $submitterName, $contactName, $contactPhone,
            $production, $updatedAt
        ]
    }

    init() {}
}

extension ClaimRow {
    static let columns = [
        "id", "practice_id", "number", "client_id", "policy_id", "payer_id", "rank", "clinician_id", "status",
        "frequency", "payer_claim_number", "replaces_claim_id", "date_from", "date_to", "total", "place_of_service",
        "diagnoses", "batch_id", "created_by_name", "created_at", "submitted_at", "paid", "written_off",
        "patient_responsibility", "prior_claim_id",
    ]

    /// Claims read with SQLKit, as ``ClaimLineRow/read(claims:on:)`` reads lines: `filter` adds the
    /// conditions and order to the select of every column.
    static func read(on database: any Database, _ filter: (SQLSelectBuilder) -> SQLSelectBuilder) async throws
        -> [ClaimRow]
    {
        try await filter(try database.sql().select().columns(columns).from(schema)).all().map { row in
            let claim = ClaimRow()
            claim.id = try row.decode(column: "id", as: UUID.self)
            claim.$id.exists = true
            claim.practiceID = try row.decode(column: "practice_id", as: UUID.self)
            claim.number = try row.decode(column: "number", as: Int.self)
            claim.clientID = try row.decode(column: "client_id", as: UUID.self)
            claim.policyID = try row.decode(column: "policy_id", as: UUID.self)
            claim.payerID = try row.decode(column: "payer_id", as: UUID.self)
            claim.rank = try PayerRank(stored: row.decode(column: "rank", as: String.self))
            claim.clinicianID = try row.decode(column: "clinician_id", as: UUID.self)
            claim.status = try ClaimStatus(stored: row.decode(column: "status", as: String.self))
            claim.frequency = try row.parse("frequency", of: schema, ClaimFrequency.init(rawValue:))
            claim.payerClaimNumber = try row.decode(column: "payer_claim_number", as: String?.self)
            claim.replacesClaimID = try row.decode(column: "replaces_claim_id", as: UUID?.self)
            claim.priorClaimID = try row.decode(column: "prior_claim_id", as: UUID?.self)
            claim.dateFrom = try row.parse("date_from", of: schema) { LocalDate($0) }
            claim.dateTo = try row.parse("date_to", of: schema) { LocalDate($0) }
            claim.total = try row.decode(column: "total", as: Int64.self)
            claim.placeOfService = try row.parse("place_of_service", of: schema) { PlaceOfService($0) }
            claim.diagnoses = try row.decode(column: "diagnoses", as: String.self)
            claim.batchID = try row.decode(column: "batch_id", as: UUID?.self)
            claim.createdByName = try row.decode(column: "created_by_name", as: String.self)
            claim.createdAt = try row.decode(column: "created_at", as: Date?.self)
            claim.submittedAt = try row.decode(column: "submitted_at", as: Date?.self)
            claim.paid = try row.decode(column: "paid", as: Int64.self)
            claim.writtenOff = try row.decode(column: "written_off", as: Int64.self)
            claim.patientResponsibility = try row.decode(column: "patient_responsibility", as: Int64.self)
            return claim
        }
    }
}

extension ClaimLineRow {
    /// Claim lines read with SQLKit (a batch reads thousands; Fluent's decoding cost more than the
    /// query): each value parsed and checked, the row marked as stored so it can be saved.
    static func read(claims ids: [UUID], on database: any Database) async throws -> [ClaimLineRow] {
        var lines: [ClaimLineRow] = []
        for chunk in ids.chunks(of: IDsPerStatement.limit) {
            let rows = try await database.sql().select().columns(ClaimWriter.lineColumns).from(schema)
                .where("claim_id", .in, Array(chunk)).all()
            for row in rows {
                let line = ClaimLineRow()
                line.id = try row.decode(column: "id", as: UUID.self)
                line.$id.exists = true
                line.practiceID = try row.decode(column: "practice_id", as: UUID.self)
                line.claimID = try row.decode(column: "claim_id", as: UUID.self)
                line.sessionID = try row.decode(column: "session_id", as: UUID?.self)
                line.lineNumber = try row.decode(column: "line_number", as: Int.self)
                line.dateOfService = try LocalDate(
                    stored: row.decode(column: "date_of_service", as: String.self), column: "claim_lines.date_of_service")
                let place = try row.decode(column: "place_of_service", as: String.self)
                guard let placeOfService = PlaceOfService(place) else {
                    throw UnreadableStoredValue(column: "claim_lines.place_of_service", value: place)
                }
                line.placeOfService = placeOfService
                let code = try row.decode(column: "procedure", as: String.self)
                guard let procedure = ProcedureCode(code) else {
                    throw UnreadableStoredValue(column: "claim_lines.procedure", value: code)
                }
                line.procedure = procedure
                line.modifiers = try row.decode(column: "modifiers", as: String.self)
                line.units = try row.decode(column: "units", as: Int.self)
                line.charge = try row.decode(column: "charge", as: Int64.self)
                line.diagnosisPointers = try row.decode(column: "diagnosis_pointers", as: String.self)
                line.rank = try PayerRank(stored: row.decode(column: "rank", as: String.self))
                line.live = try row.decode(column: "live", as: Bool.self)
                lines.append(line)
            }
        }
        return lines
    }
}

extension PayerRank: StoredText { static var column: String { "rank" } }
