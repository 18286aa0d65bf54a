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

    /// Listed, so FluentKit need not reflect over the model for each row (ModelPropertyTests).
    var properties: [any AnyProperty] {
        [
            $id, $practiceID, $payerID, $payerName, $payerKey, $traceNumber, $payment, $paymentMethod, $paidOn, $file,
            $claimsPosted, $exceptions, $postedByName, $postedAt
        ]
    }

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

    /// Listed, so FluentKit need not reflect over the model for each row (ModelPropertyTests).
    var properties: [any AnyProperty] {
        [
            $id, $practiceID, $remittanceID, $claimID, $statusCode, $charge, $paid, $writtenOff,
            $patientResponsibility, $otherAdjustments, $payerClaimNumber, $standing, $linesMatchedByDate, $postedAt
        ]
    }

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

    /// Listed, so FluentKit need not reflect over the model for each row (ModelPropertyTests).
    var properties: [any AnyProperty] {
        [
            $id, $practiceID, $claimPaymentID, $claimLineID, $position, $groupCode, $reason, $amount, $quantity
        ]
    }

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

    /// Listed, so FluentKit need not reflect over the model for each row (ModelPropertyTests).
    var properties: [any AnyProperty] {
        [
            $id, $practiceID, $remittanceID, $reason, $reference, $amount, $fiscalPeriodEnd
        ]
    }

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
    /// The decision: `matchClaim`, `unappliedPayment`, `refund` or `writeOff`.
    @OptionalField(key: "action") var action: String?
    @OptionalField(key: "resolution") var resolution: String?
    @OptionalField(key: "resolved_by_name") var resolvedByName: String?

    /// Listed, so FluentKit need not reflect over the model for each row (ModelPropertyTests).
    var properties: [any AnyProperty] {
        [
            $id, $practiceID, $remittanceID, $kind, $patientControlNumber, $claimID, $amount, $segment, $description,
            $resolvedAt, $action, $resolution, $resolvedByName
        ]
    }

    init() {}
}

/// What one claim payment left to the client (group PR), until and after it goes on an invoice.
/// The claim's number, payer and dates are copied so the invoice line reads the same forever; a
/// reversal's row is negative and nets against the rest on the client's next invoice.
final class PatientResponsibilityRow: Model, @unchecked Sendable {
    static let schema = "patient_responsibilities"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "client_id") var clientID: UUID
    @Field(key: "claim_id") var claimID: UUID
    /// The claim payment that moved it; nil when it was sent on to a secondary claim (`claimID`).
    @OptionalField(key: "claim_payment_id") var claimPaymentID: UUID?
    @Field(key: "claim_number") var claimNumber: Int
    @Field(key: "payer_name") var payerName: String
    /// The practice's day the payment was posted.
    @Field(key: "posted_on") var postedOn: LocalDate
    @Field(key: "date_from") var dateFrom: LocalDate
    @Field(key: "date_to") var dateTo: LocalDate
    @Field(key: "amount") var amount: Int64
    /// How an invoice, the ledger and the statement name it.
    @Field(key: "description") var description: String
    /// The invoice that bills it; nil while it waits for the client's next invoice.
    @OptionalField(key: "invoice_id") var invoiceID: UUID?

    /// Listed, so FluentKit need not reflect over the model for each row (ModelPropertyTests).
    var properties: [any AnyProperty] {
        [
            $id, $practiceID, $clientID, $claimID, $claimPaymentID, $claimNumber, $payerName, $postedOn, $dateFrom,
            $dateTo, $amount, $description, $invoiceID
        ]
    }

    init() {}

    /// What one claim payment of `payerName` on `claim` left the client (negative: took back).
    static func posted(
        _ amount: Int64, claim: ClaimRow, payment: UUID, payerName: String, on day: LocalDate
    ) throws -> PatientResponsibilityRow {
        let row = PatientResponsibilityRow()
        (row.practiceID, row.clientID, row.claimID, row.claimPaymentID) = (
            claim.practiceID, claim.clientID, try claim.requireID(), payment
        )
        (row.claimNumber, row.payerName, row.postedOn, row.amount) = (claim.number, payerName, day, amount)
        (row.dateFrom, row.dateTo) = (claim.dateFrom, claim.dateTo)
        row.description = amount < 0
            ? "\(payerName) took back patient responsibility on claim #\(claim.number) (\(row.dates))"
            : "Patient responsibility after \(payerName) paid: claim #\(claim.number) (\(row.dates))"
        return row
    }

    var dates: String { dateFrom == dateTo ? "\(dateFrom)" : "\(dateFrom) to \(dateTo)" }

    /// What each secondary claim carries: the balance its primary left the client, moved to it
    /// (the rows no claim payment made), by claim.
    static func carried(_ rows: [PatientResponsibilityRow]) -> [UUID: Int64] {
        var carried: [UUID: Int64] = [:]
        for row in rows where row.claimPaymentID == nil { carried[row.claimID, default: 0] -= row.amount }
        return carried
    }

    static let columns = [
        "id", "practice_id", "client_id", "claim_id", "claim_payment_id", "claim_number", "payer_name", "posted_on",
        "date_from", "date_to", "amount", "description", "invoice_id",
    ]

    /// The row as ``BulkRows`` writes it, in ``columns`` order.
    var values: [any Encodable & Sendable] {
        [
            id ?? UUID(), practiceID, clientID, claimID, claimPaymentID, claimNumber, payerName, postedOn.description,
            dateFrom.description, dateTo.description, amount, description, invoiceID,
        ]
    }

    /// Patient responsibility moved between the client and a secondary claim (negative: to the
    /// payer, until it answers; positive: back to the client).
    static func moved(
        _ amount: Int64, client: UUID, claim: UUID, number: Int, dates: ClosedRange<LocalDate>, practiceID: UUID,
        on day: LocalDate, _ description: String
    ) -> PatientResponsibilityRow {
        let row = PatientResponsibilityRow()
        (row.id, row.practiceID, row.clientID, row.claimID, row.claimPaymentID) = (UUID(), practiceID, client, claim, nil)
        (row.claimNumber, row.payerName, row.postedOn, row.amount) = (number, "", day, amount)
        (row.dateFrom, row.dateTo, row.description) = (dates.lowerBound, dates.upperBound, description)
        return row
    }
}
