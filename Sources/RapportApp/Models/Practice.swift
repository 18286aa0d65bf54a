import Fluent
import Foundation
import RapportCore

/// A therapy practice: the owner of every other row.
final class Practice: Model, @unchecked Sendable {
    static let schema = "practices"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    /// IANA time zone, e.g. `America/New_York`: the calendar's and the invoice dates' zone.
    @Field(key: "time_zone") var timeZone: String
    /// ISO 4217 code; every amount in the practice is in it.
    @Field(key: "currency") var currency: String
    /// How money, dates and times are written (`de_DE`); empty: the locale the currency suggests.
    @Field(key: "locale") var locale: String
    @OptionalField(key: "default_service_id") var defaultServiceID: UUID?
    /// Late-cancel charge: `percent` (value 0–100), `fixed` (value in minor units) or `notBilled`.
    @Field(key: "late_cancel_kind") var lateCancelKind: MissedChargeKind
    @OptionalField(key: "late_cancel_value") var lateCancelValue: Int64?
    @Field(key: "no_show_kind") var noShowKind: MissedChargeKind
    @OptionalField(key: "no_show_value") var noShowValue: Int64?
    /// `manual`, `daily` or `monthly` (``InvoiceMode``).
    @Field(key: "invoice_mode") var invoiceMode: InvoiceMode
    /// Automatic runs bill sessions from this date on, so switching modes never bills old history.
    @OptionalField(key: "invoice_mode_since") var invoiceModeSince: LocalDate?
    /// Which sessions share a claim: one claim per date of service, or per month.
    @Field(key: "claim_grouping") var claimGrouping: ClaimGrouping
    /// Claims made by hand, or automatically once each day (or month) of sessions has ended.
    @Field(key: "claim_mode") var claimMode: InvoiceMode
    /// Automatic claims start from sessions on this date.
    @OptionalField(key: "claim_mode_since") var claimModeSince: LocalDate?
    /// Days a sent claim waits for its remittance before it is on the follow-up list.
    @Field(key: "claim_follow_up_days") var claimFollowUpDays: Int
    /// Days a client has to pay what a statement shows; 0: on receipt.
    @Field(key: "payment_due_days") var paymentDueDays: Int
    /// How calendar feeds name clients (``FeedClientNames``): initials unless the practice chooses.
    @Field(key: "feed_client_names") var feedClientNames: FeedClientNames
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    /// Listed, so FluentKit need not reflect over the model for each row (ModelPropertyTests).
    var properties: [any AnyProperty] {
        [
            $id, $name, $timeZone, $currency, $locale, $defaultServiceID, $lateCancelKind, $lateCancelValue,
            $noShowKind, $noShowValue, $invoiceMode, $invoiceModeSince, $claimGrouping, $claimMode, $claimModeSince,
            $claimFollowUpDays, $paymentDueDays, $feedClientNames, $createdAt
        ]
    }

    init() {}

    init(name: String, timeZone: String, currency: String) {
        self.name = name
        self.timeZone = timeZone
        self.currency = currency
        self.locale = ""
        self.lateCancelKind = .notBilled
        self.noShowKind = .notBilled
        self.invoiceMode = .manual
        self.claimGrouping = .dateOfService
        self.claimMode = .manual
        self.claimFollowUpDays = 30
        self.paymentDueDays = 30
        self.feedClientNames = .initials
    }
}
