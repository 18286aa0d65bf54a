import Fluent
import Foundation
import RapportCore

/// A payer's remittance (one 835 payment) as posted: the file kept exactly as it came. A payer's
/// payment is posted once per practice: `payer_key` and `trace_number` are unique together.
final class RemittanceRow: Model, @unchecked Sendable {
    static let schema = "remittances"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    /// The practice's payer, when the remittance names one it knows (by payer ID or name).
    @OptionalField(key: "payer_id") var payerID: UUID?
    @Field(key: "payer_name") var payerName: String
    /// Who the trace number belongs to: the payer's company id (TRN03), or its name.
    @Field(key: "payer_key") var payerKey: String
    @Field(key: "trace_number") var traceNumber: String
    @Field(key: "payment") var payment: Int64
    @Field(key: "payment_method") var paymentMethod: String
    @OptionalField(key: "paid_on") var paidOn: LocalDate?
    @Field(key: "file") var file: String
    @Field(key: "claims_posted") var claimsPosted: Int
    @Field(key: "exceptions") var exceptions: Int
    @Field(key: "posted_by_name") var postedByName: String
    @Timestamp(key: "posted_at", on: .create) var postedAt: Date?

    init() {}
}

/// What one claim payment of a remittance posted to a claim.
final class ClaimPaymentRow: Model, @unchecked Sendable {
    static let schema = "claim_payments"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "remittance_id") var remittanceID: UUID
    @Field(key: "claim_id") var claimID: UUID
    /// CLP02, as the payer sent it.
    @Field(key: "status_code") var statusCode: String
    @Field(key: "charge") var charge: Int64
    @Field(key: "paid") var paid: Int64
    @Field(key: "written_off") var writtenOff: Int64
    @Field(key: "patient_responsibility") var patientResponsibility: Int64
    @Field(key: "other_adjustments") var otherAdjustments: Int64
    @Field(key: "payer_claim_number") var payerClaimNumber: String
    /// Where the claim stood once this was posted.
    @Field(key: "standing") var standing: String
    /// Lines the remittance did not name, matched by date, code and charge.
    @Field(key: "lines_matched_by_date") var linesMatchedByDate: Int
    @Timestamp(key: "posted_at", on: .create) var postedAt: Date?

    init() {}
}

/// One CAS adjustment of a claim payment, on the claim or one of its lines.
final class ClaimAdjustmentRow: Model, @unchecked Sendable {
    static let schema = "claim_adjustments"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "claim_payment_id") var claimPaymentID: UUID
    @OptionalField(key: "claim_line_id") var claimLineID: UUID?
    /// Its place among the claim payment's adjustments, as the remittance listed them.
    @Field(key: "position") var position: Int
    @Field(key: "group_code") var groupCode: String
    @Field(key: "reason") var reason: String
    @Field(key: "amount") var amount: Int64
    @OptionalField(key: "quantity") var quantity: Int?

    init() {}
}

/// A PLB adjustment: to the practice, not to a client.
final class ProviderAdjustmentRow: Model, @unchecked Sendable {
    static let schema = "provider_adjustments"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "remittance_id") var remittanceID: UUID
    @Field(key: "reason") var reason: String
    @OptionalField(key: "reference") var reference: String?
    @Field(key: "amount") var amount: Int64
    @OptionalField(key: "fiscal_period_end") var fiscalPeriodEnd: LocalDate?

    init() {}
}

/// Part of a remittance posting left for a person, with what Rapport saw; it stays on the list
/// until a person resolves it.
final class RemittanceExceptionRow: Model, @unchecked Sendable {
    static let schema = "remittance_exceptions"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "remittance_id") var remittanceID: UUID
    @Field(key: "kind") var kind: String
    @OptionalField(key: "patient_control_number") var patientControlNumber: String?
    @OptionalField(key: "claim_id") var claimID: UUID?
    @Field(key: "amount") var amount: Int64
    @Field(key: "segment") var segment: Int
    @Field(key: "description") var description: String
    @OptionalField(key: "resolved_at") var resolvedAt: Date?
    @OptionalField(key: "resolution") var resolution: String?
    @OptionalField(key: "resolved_by_name") var resolvedByName: String?

    init() {}
}
