import Foundation
import RapportCore

/// An 835 remittance to preview or post: the X12 text as the payer or clearinghouse sent it.
struct RemittanceInput: UseCaseInput {
    var x12: String

    enum CodingKeys: String, CodingKey, CaseIterable { case x12 }
}

/// A posted remittance in the list.
struct RemittanceSummary: Codable, Sendable {
    let id: UUID
    let payerName: String
    let traceNumber: String
    let payment: Money
    let paymentMethod: String
    let paidOn: LocalDate?
    let claimsPosted: Int
    /// Exceptions of it no one has resolved yet.
    let openExceptions: Int
    let postedAt: Date?
    /// The practice's day it was posted.
    let postedOn: LocalDate?
    let postedBy: String
}

/// An exception on the practice's list (Needs attention), with the payment it came in.
struct RemittanceExceptionEntry: Codable, Sendable {
    let id: UUID
    let remittanceId: UUID
    let payerName: String
    let traceNumber: String
    let kind: String
    let patientControlNumber: String?
    let claimId: UUID?
    let claimNumber: Int?
    let amount: Money
    let segment: Int
    let description: String
    let postedAt: Date?
    /// A person's decision, once made: what was done and why, by whom and when.
    let resolution: String?
    let resolvedBy: String?
    let resolvedAt: Date?
}

/// A person's decision on an exception: `matchClaim` (with `claimId`: post the payment to that
/// claim), or `unappliedPayment`, `refund` or `writeOff` (with `reason`).
struct RemittanceExceptionResolution: UseCaseInput {
    var action: String
    var claimId: UUID?
    var reason: String?

    enum CodingKeys: String, CodingKey, CaseIterable { case action, claimId, reason }
}

/// What posting a remittance does (a preview), or did.
struct RemittanceDetails: Codable, Sendable {
    struct ClaimPosted: Codable, Sendable {
        let claimId: UUID
        let claimNumber: Int
        let clientId: UUID
        let clientName: String
        /// CLP02 in words: processed as primary, denied, reversal of an earlier payment…
        let payerStatus: String
        let charge: Money
        let paid: Money
        let writtenOff: Money
        /// What the client now owes: deductible, coinsurance, copay.
        let patientResponsibility: Money
        let otherAdjustments: Money
        /// Where the claim stands once posted: paid, partiallyPaid, denied or submitted (after a reversal).
        let status: String
        /// Each adjustment in words: "CO-45: Charge exceeds the fee schedule…".
        let adjustments: [String]
        /// Lines the remittance did not name, matched by date, code and charge.
        let linesMatchedByDateCodeAndCharge: Int
    }

    struct ProviderAdjustmentPosted: Codable, Sendable {
        let reason: String
        let reference: String?
        let amount: Money
    }

    struct ExceptionDetails: Codable, Sendable {
        let id: UUID?
        /// payeeNotThisPractice, unmatchedClaim, unmatchedLine, unbalanced, claimNotAwaitingPayment, overpayment.
        let kind: String
        let patientControlNumber: String?
        let claimId: UUID?
        let amount: Money
        let segment: Int
        let description: String
        let resolved: Bool
    }

    /// Null on a preview.
    let id: UUID?
    let posted: Bool
    let payerName: String
    let traceNumber: String
    let payment: Money
    let paymentMethod: String
    let paidOn: LocalDate?
    let claims: [ClaimPosted]
    let providerAdjustments: [ProviderAdjustmentPosted]
    let exceptions: [ExceptionDetails]
    let postedAt: Date?
    let postedBy: String?
}
