import Fluent
import Foundation
import RapportCore

/// Money received from a client. What is not applied to invoices is the client's credit.
final class Payment: Model, @unchecked Sendable {
    static let schema = "payments"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "client_id") var clientID: UUID
    @Field(key: "received_on") var receivedOn: LocalDate
    @Field(key: "amount") var amount: Int64
    /// `card`, `cash`, `check` or `other`.
    @Field(key: "method") var method: String
    @OptionalField(key: "reference") var reference: String?
    /// The part applied to invoices, kept by guarded atomic updates so it can never pass `amount`.
    @Field(key: "applied") var applied: Int64
    /// A credit the client had in the practice's previous product, brought in as an opening balance.
    @Field(key: "brought_forward") var broughtForward: Bool
    @Field(key: "created_by_name") var createdByName: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    /// Listed, so FluentKit need not reflect over the model for each row (ModelPropertyTests).
    var properties: [any AnyProperty] {
        [
            $id, $practiceID, $clientID, $receivedOn, $amount, $method, $reference, $applied, $broughtForward,
            $createdByName, $createdAt
        ]
    }

    init() {}
}

/// Part of a payment put against one invoice.
final class PaymentApplication: Model, @unchecked Sendable {
    static let schema = "payment_applications"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "payment_id") var paymentID: UUID
    @Field(key: "invoice_id") var invoiceID: UUID
    @Field(key: "amount") var amount: Int64
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    /// Listed, so FluentKit need not reflect over the model for each row (ModelPropertyTests).
    var properties: [any AnyProperty] { [$id, $practiceID, $paymentID, $invoiceID, $amount, $createdAt] }

    init() {}
}

/// An applied change to a pricing rule, kept so it can be undone: the rule rows it removed and added.
final class BillingChange: Model, @unchecked Sendable {
    static let schema = "billing_changes"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    /// `clientBilling` or `serviceRate`.
    @Field(key: "kind") var kind: String
    @Field(key: "subject_id") var subjectID: UUID
    @Field(key: "removed") var removed: String
    @Field(key: "added") var added: String
    @Field(key: "applied_by_name") var appliedByName: String
    @Timestamp(key: "applied_at", on: .create) var appliedAt: Date?
    @OptionalField(key: "undone_at") var undoneAt: Date?

    /// Listed, so FluentKit need not reflect over the model for each row (ModelPropertyTests).
    var properties: [any AnyProperty] {
        [
            $id, $practiceID, $kind, $subjectID, $removed, $added, $appliedByName, $appliedAt, $undoneAt
        ]
    }

    init() {}
}
