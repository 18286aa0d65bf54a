import Foundation
import RapportCore

/// `{"kind": "percent", "percent": 50}`, `{"kind": "fixed", "amount": {…}}` or `{"kind": "notBilled"}`.
struct MissedCharge: Codable, Sendable, Equatable {
    var kind: String
    var percent: Int?
    var amount: Money?

    init(_ charge: MissedSessionCharge) {
        switch charge {
        case .percent(let value): kind = MissedChargeKind.percent.rawValue; percent = value
        case .fixed(let money): kind = MissedChargeKind.fixed.rawValue; amount = money
        case .notBilled: kind = MissedChargeKind.notBilled.rawValue
        }
    }

    func charge(field: FieldPath, practice: PracticeContext, errors: inout FieldErrors) -> MissedSessionCharge? {
        switch MissedChargeKind(rawValue: kind) {
        case .percent:
            guard let percent, (0...100).contains(percent) else {
                errors.add(field.appending("percent"), "must be a whole number from 0 to 100")
                return nil
            }
            return .percent(percent)
        case .fixed:
            guard let amount else {
                errors.add(field.appending("amount"), "is required for a fixed charge")
                return nil
            }
            return practice.validated(amount, field: field.appending("amount"), errors: &errors).map {
                .fixed(practice.money($0))
            }
        case .notBilled: return .notBilled
        case nil:
            errors.add(field.appending("kind"), "must be percent, fixed or notBilled")
            return nil
        }
    }
}

struct PracticeDetails: Codable, Sendable {
    let id: UUID
    let name: String
    let timeZone: String
    let currency: String
    /// How money, dates and times are written, e.g. `en_US` or `de_DE` (the currency's usual one unless chosen).
    let locale: String
    let defaultServiceId: UUID?
    let lateCancel: MissedCharge
    let noShow: MissedCharge
    /// `manual`, `daily` or `monthly`.
    let invoiceMode: InvoiceMode
    /// Automatic invoicing bills sessions from this date on.
    let invoiceModeSince: LocalDate?
    /// Which sessions share a claim: `dateOfService` or `month`.
    let claimGrouping: ClaimGrouping
    /// Claims made by hand (`manual`), or automatically each `daily` or `monthly`.
    let claimMode: InvoiceMode
    let claimModeSince: LocalDate?
    /// Days a sent claim waits for its remittance before it is on the follow-up list.
    let claimFollowUpDays: Int
    /// Days a client has to pay what a statement shows (0: due on receipt).
    let paymentDueDays: Int
    /// How calendar feeds name clients: `initials`, `fullName` or `hidden`.
    let feedClientNames: FeedClientNames

    init(_ practice: Practice, context: PracticeContext) {
        id = context.id
        name = practice.name
        timeZone = practice.timeZone
        currency = practice.currency
        locale = context.format.identifier
        defaultServiceId = practice.defaultServiceID
        lateCancel = MissedCharge(context.attendancePolicy.lateCancel)
        noShow = MissedCharge(context.attendancePolicy.noShow)
        invoiceMode = practice.invoiceMode
        invoiceModeSince = practice.invoiceModeSince
        claimGrouping = practice.claimGrouping
        claimMode = practice.claimMode
        claimModeSince = practice.claimModeSince
        claimFollowUpDays = practice.claimFollowUpDays
        paymentDueDays = practice.paymentDueDays
        feedClientNames = practice.feedClientNames
    }
}

struct PracticePatch: UseCaseInput {
    var name: String?
    var timeZone: String?
    var currency: String?
    /// A locale such as `de_DE`; empty for the one the currency suggests.
    var locale: String?
    var defaultServiceId: UUID?
    var lateCancel: MissedCharge?
    var noShow: MissedCharge?
    var invoiceMode: String?
    /// The first date automatic invoicing bills (default: the day the mode is switched on).
    var invoiceModeSince: LocalDate?
    /// `dateOfService`: one claim per date of service; `month`: one per month.
    var claimGrouping: String?
    /// `manual`, `daily` or `monthly`; switching on claims sessions from today.
    var claimMode: String?
    /// The first date automatic claims take sessions from (default: the day the mode is switched on).
    var claimModeSince: LocalDate?
    /// 1–365: days a sent claim waits for its remittance before it is on the follow-up list.
    var claimFollowUpDays: Int?
    /// 0–365: days a client has to pay what a statement shows (0: due on receipt).
    var paymentDueDays: Int?
    /// `initials` (the default), `fullName` or `hidden`: how calendar feeds, read outside the
    /// practice, name clients.
    var feedClientNames: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, timeZone, currency, locale, defaultServiceId, lateCancel, noShow, invoiceMode, invoiceModeSince
        case claimGrouping, claimMode, claimModeSince, claimFollowUpDays, feedClientNames, paymentDueDays
    }
}
