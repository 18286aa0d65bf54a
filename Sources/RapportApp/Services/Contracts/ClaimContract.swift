import Foundation
import RapportCore

/// Claims to make by hand for one client: the sessions named, or every one of the client's past
/// sessions that bills an insurer and is on no claim yet.
struct ClaimsInput: UseCaseInput {
    var clientId: UUID
    var sessionIds: [UUID]?

    enum CodingKeys: String, CodingKey, CaseIterable { case clientId, sessionIds }
}

/// A replacement (frequency 7) or void (8) of a sent claim: the payer's number for it is required.
struct ClaimCorrectionInput: UseCaseInput {
    var payerClaimNumber: String

    enum CodingKeys: String, CodingKey, CaseIterable { case payerClaimNumber }
}

/// Ready claims to send, in one batch per payer (or the one payer named).
struct ClaimBatchInput: UseCaseInput {
    var payerId: UUID?

    enum CodingKeys: String, CodingKey, CaseIterable { case payerId }
}

struct ClaimProblem: Codable, Sendable, Equatable {
    /// The claim's field, as the 837 names its parts: `subscriber.memberId`, `lines[1].procedure`.
    let field: String
    let message: String
    /// Where in Rapport it is put right (a page's path), when there is one.
    let fixAt: String?
}

struct ClaimLineDetails: Codable, Sendable, Equatable {
    let id: UUID
    let sessionId: UUID?
    let lineNumber: Int
    let dateOfService: LocalDate
    let placeOfService: PlaceOfService
    let procedure: String
    let modifiers: [String]
    let units: Int
    let charge: Money
    let diagnosisPointers: [Int]
}

struct ClaimDetails: Codable, Sendable, Equatable {
    let id: UUID
    let number: Int
    /// CLM01: the remittance names the claim by it.
    let patientControlNumber: String
    let clientId: UUID
    let clientName: String
    let policyId: UUID
    let payerId: UUID
    let payerName: String
    let rank: String
    let clinicianId: UUID
    /// draft (a check finds a problem), ready, submitted, paid, partiallyPaid, denied, closed,
    /// voided or replaced.
    let status: String
    /// original, replacement or void.
    let frequency: String
    let payerClaimNumber: String?
    let replacesClaimId: UUID?
    let dateFrom: LocalDate
    let dateTo: LocalDate
    let total: Money
    let placeOfService: PlaceOfService
    let diagnoses: [DiagnosisEntry]
    let priorAuthorization: String?
    let lines: [ClaimLineDetails]
    /// What stops it being sent, each with the field and where to fix it; empty when ready.
    let problems: [ClaimProblem]
    let batchId: UUID?
    let createdAt: Date?
    let submittedAt: Date?
}

struct ClaimBatchDetails: Codable, Sendable, Equatable {
    let id: UUID
    let payerId: UUID
    let payerName: String
    let controlNumber: Int
    let claimCount: Int
    let total: Money
    /// Values the file could not hold as typed, and what it wrote instead.
    let replacements: [String]
    let createdAt: Date?
    let createdBy: String
}

/// The clearinghouse claims go to, as the API and the Settings form send it (the whole of it).
struct ClearinghouseInput: UseCaseInput {
    var name: String?
    var receiverId: String?
    var submitterId: String?
    var submitterName: String?
    var contactName: String?
    var contactPhone: String?
    /// False (the default) marks files as tests until the clearinghouse says to send for real.
    var production: Bool?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, receiverId, submitterId, submitterName, contactName, contactPhone, production
    }
}

struct ClearinghouseDetails: Codable, Sendable, Equatable {
    let name: String
    let receiverId: String
    let submitterId: String
    let submitterName: String
    let contactName: String
    let contactPhone: String
    let production: Bool
}
