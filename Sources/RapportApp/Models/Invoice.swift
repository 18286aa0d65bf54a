import Fluent
import Foundation
import RapportCore

/// An invoice: numbered per practice, its lines' prices frozen when it was made. Deleting it keeps
/// the row (who, when, why) and frees its sessions; its number is never used again.
final class Invoice: Model, @unchecked Sendable {
    static let schema = "invoices"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "client_id") var clientID: UUID
    @Field(key: "number") var number: Int
    @Field(key: "issue_date") var issueDate: LocalDate
    @OptionalField(key: "period_start") var periodStart: LocalDate?
    @OptionalField(key: "period_end") var periodEnd: LocalDate?
    @Field(key: "origin") var origin: InvoiceOrigin
    @Field(key: "total") var total: Int64
    /// The part of `total` that bills patient responsibility insurers left the client.
    @Field(key: "patient_responsibility") var patientResponsibility: Int64
    /// The part of `total` the client owed in the practice's previous product (an opening balance).
    @Field(key: "brought_forward") var broughtForward: Int64
    /// Payments applied, kept by guarded atomic updates so it can never pass `total`.
    @Field(key: "paid") var paid: Int64
    @Field(key: "created_by_name") var createdByName: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @OptionalField(key: "deleted_at") var deletedAt: Date?
    @OptionalField(key: "deleted_by_name") var deletedByName: String?
    @OptionalField(key: "deleted_reason") var deletedReason: String?
    @OptionalField(key: "replaced_by_invoice_id") var replacedByInvoiceID: UUID?

    /// Listed, so FluentKit need not reflect over the model for each row (ModelPropertyTests).
    var properties: [any AnyProperty] {
        [
            $id, $practiceID, $clientID, $number, $issueDate, $periodStart, $periodEnd, $origin, $total,
            $patientResponsibility, $broughtForward, $paid, $createdByName, $createdAt, $deletedAt, $deletedByName,
            $deletedReason, $replacedByInvoiceID
        ]
    }

    init() {}

    var isLive: Bool { deletedAt == nil }

    var status: InvoiceStatus { InvoiceStatus(isDeleted: deletedAt != nil, total: total, paid: paid) }
}

/// One session on an invoice, with what it was billed at: code, description, clinician and amount
/// are copied here so the invoice never changes when the rules do.
final class InvoiceLine: Model, @unchecked Sendable {
    static let schema = "invoice_lines"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "invoice_id") var invoiceID: UUID
    /// Nil once the session itself was deleted: a deleted invoice's history outlives its sessions.
    @OptionalField(key: "session_id") var sessionID: UUID?
    @Field(key: "date_of_service") var dateOfService: LocalDate
    @Field(key: "service_id") var serviceID: UUID
    @Field(key: "service_code") var serviceCode: String
    @Field(key: "service_description") var serviceDescription: String
    @Field(key: "clinician_id") var clinicianID: UUID
    @Field(key: "clinician_name") var clinicianName: String
    @Field(key: "attendance") var attendance: Attendance
    /// The session's fee when billed; `amount` is what attendance made of it.
    @Field(key: "fee") var fee: Int64
    @Field(key: "amount") var amount: Int64
    /// False once the invoice is deleted. At most one live line per session (a unique index).
    @Field(key: "live") var live: Bool
    /// What the line was priced from (see ``AddInvoiceLinePricingInputs``): nil only on lines of
    /// deleted invoices whose session was deleted before the columns existed.
    @OptionalField(key: "starts_at") var startsAt: Date?
    @OptionalField(key: "chosen_service_id") var chosenServiceID: UUID?
    @OptionalField(key: "fee_override") var feeOverride: Int64?
    @OptionalField(key: "self_pay") var selfPay: Bool?

    /// Listed, so FluentKit need not reflect over the model for each row (ModelPropertyTests).
    var properties: [any AnyProperty] {
        [
            $id, $practiceID, $invoiceID, $sessionID, $dateOfService, $serviceID, $serviceCode, $serviceDescription,
            $clinicianID, $clinicianName, $attendance, $fee, $amount, $live, $startsAt, $chosenServiceID, $feeOverride,
            $selfPay
        ]
    }

    init() {}
}

extension InvoiceLine {
    /// The order an invoice shows its lines in, and spreads what was paid on it over them: by date
    /// of service, then by the session's start (a line without one first), then by id — a total
    /// order, whatever order the database keeps the rows in (two sessions on one day were shown,
    /// and paid, in the rows' order).
    static func inShownOrder(_ lines: [InvoiceLine]) -> [InvoiceLine] {
        lines.sorted { a, b in
            if a.dateOfService != b.dateOfService { return a.dateOfService < b.dateOfService }
            if a.startsAt != b.startsAt { return (a.startsAt ?? .distantPast) < (b.startsAt ?? .distantPast) }
            return (a.id?.uuidString ?? "") < (b.id?.uuidString ?? "")
        }
    }
}

/// Hands out invoice numbers: one row per practice, incremented in the invoice's transaction.
enum InvoiceCounter {
    static let schema = "invoice_counters"
}
