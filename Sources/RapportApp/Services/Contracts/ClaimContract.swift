import Foundation
import RapportCore

/// Claims to make by hand for one client: the sessions named, or every one of the client's past
/// sessions that bills an insurer and is on no claim yet.
struct ClaimsInput: UseCaseInput {
    var clientId: UUID
    var sessionIds: [UUID]?

    enum CodingKeys: String, CodingKey, CaseIterable { case clientId, sessionIds }
}

/// Automatic claims now, through a date (yesterday when left out).
struct ClaimRunInput: UseCaseInput {
    var through: LocalDate?

    enum CodingKeys: String, CodingKey, CaseIterable { case through }
}

struct ClaimRunResult: Codable, Sendable {
    let claimsCreated: Int
    let through: LocalDate
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
    /// On a secondary claim: the primary claim whose adjudication it carries.
    let priorClaimId: UUID?
    let dateFrom: LocalDate
    let dateTo: LocalDate
    let total: Money
    /// What the payer's remittances posted: paid, written off under contract, left to the client.
    let paid: Money
    let writtenOff: Money
    let patientResponsibility: Money
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

/// A claim as the CMS-1500 (02/12) paper form shows it, box by box, in the form's own notation
/// (dates `MM DD YY`, codes without their dots, pointer letters).
struct ClaimForm: Sendable {
    struct Line: Sendable {
        let from: String
        let to: String
        let place: String
        let procedure: String
        let modifiers: [String]
        let pointers: String
        let charge: Money
        let units: String
        let renderingNPI: String
    }

    struct Address: Sendable {
        let street: String
        let city: String
        let state: String
        let zip: String
    }

    let id: UUID
    let number: Int
    let payerName: String
    let payerAddress: Address?
    /// Box 1: Medicare, Medicaid, TRICARE, CHAMPVA, Group Health Plan, FECA Blk Lung or Other.
    let insuranceType: String
    let insuredID: String
    let patientName: String
    let patientBirthDate: String
    let patientSex: String
    let insuredName: String
    let patientAddress: Address?
    let patientPhone: String
    /// Box 6: Self, Spouse, Child or Other.
    let relationship: String
    let insuredAddress: Address?
    /// Boxes 9, 9a and 9d: the client's other policy in force, when there is one.
    let otherInsuredName: String?
    let otherGroup: String?
    let otherPlan: String?
    let insuredGroup: String
    let insuredBirthDate: String
    let insuredSex: String
    let planName: String
    let hasOtherPlan: Bool
    /// Box 21 A–L, without their dots.
    let diagnoses: [String]
    /// Box 22: 7 (replacement) or 8 (void), with the payer's claim number.
    let resubmissionCode: String?
    let originalReference: String?
    let priorAuthorization: String?
    let lines: [Line]
    let taxID: String
    /// Box 25: SSN or EIN.
    let taxIDKind: String
    let accountNumber: String
    let total: Money
    let paid: Money
    let signingClinician: String
    let signedDate: String
    let facility: [String]
    let facilityNPI: String
    let billingProvider: [String]
    let billingNPI: String
}
