import Foundation
import RapportCore

/// A change to a pricing rule from a date: a client's default service and/or custom fees
/// (`clientId`), or a service's rate (`serviceId`).
struct BillingChangeInput: UseCaseInput {
    var clientId: UUID?
    /// With `clientId`: the new default service; `null` removes the client default.
    var defaultServiceId: Patch<UUID>?
    /// With `clientId`: custom fees per service; an `amount` of `null` ends the custom fee.
    var fees: [ClientBillingPatch.FeeChange]?
    var serviceId: UUID?
    /// With `serviceId`: the service's new rate.
    var rate: Money?
    /// The first date the change applies to; absent means every unbilled session, past and future.
    var effectiveFrom: LocalDate?
    /// Invoices to re-issue at the new rules in the same transaction: `"all"` (every one whose billed
    /// sessions now differ and that has no payments), or a list of their ids.
    var reissue: ReissueChoice?
    /// True: every client whose Good Faith Estimate the change makes out of date gets a new one,
    /// in the same transaction.
    var reestimate: Bool?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case clientId, defaultServiceId, fees, serviceId, rate, effectiveFrom, reissue, reestimate
    }
}

/// Which invoices a rule change re-issues: `"all"` that now differ, or these.
enum ReissueChoice: Codable, Sendable, Equatable {
    case all
    case invoices([UUID])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let word = try? container.decode(String.self) {
            guard word == "all" else {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: decoder.codingPath, debugDescription: "must be \"all\" or a list of invoice ids"))
            }
            self = .all
        } else {
            self = .invoices(try container.decode([UUID].self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .all: try container.encode("all")
        case .invoices(let ids): try container.encode(ids)
        }
    }
}

struct PriceDetails: Codable, Sendable, Equatable {
    let serviceCode: String
    let amount: Money
}

/// What a rule change does (preview) or did (apply, undo).
struct BillingChangeReport: Codable, Sendable {
    struct Repriced: Codable, Sendable {
        let sessionId: UUID
        let clientId: UUID
        let start: Date
        let before: PriceDetails?
        let after: PriceDetails
    }

    struct Kept: Codable, Sendable {
        let sessionId: UUID
        let clientId: UUID
        let start: Date
        let fee: Money
        /// `override` (a fee typed for the session) — kept as typed.
        let reason: String
    }

    /// The id to undo an applied change with; nil for a preview.
    let changeId: UUID?
    let applied: Bool
    let effectiveFrom: LocalDate?
    /// Unbilled sessions whose code or fee changes.
    let sessionsRepriced: Int
    /// After − before over those sessions.
    let difference: Money
    let repriced: [Repriced]
    let overridesKept: [Kept]
    /// Billed sessions whose invoice now differs from the rules, with whether each can be re-issued.
    let billedDiffering: [BilledDifference]
    /// Good Faith Estimates the change makes out of date, with what changed; with `reestimate`,
    /// the new estimate given in the same transaction.
    var estimatesChanged: [EstimateChanged] = []

    struct EstimateChanged: Codable, Sendable {
        let clientId: UUID
        let clientName: String
        let estimateId: UUID
        let changes: [String]
        let newEstimateId: UUID?
    }

    /// With `reissue`: the invoices re-issued in the same transaction, old and new.
    var reissued: [Reissued] = []
    /// Undoing a coverage change (a client's policy): the unbilled sessions that bill someone else
    /// again, or another share.
    var sessionsRerouted: Int?

    struct Reissued: Codable, Sendable {
        let invoiceId: UUID
        let newInvoiceId: UUID
        let newNumber: Int
    }
}

/// A billed session whose invoice line no longer matches what the client's rules give.
struct BilledDifference: Codable, Sendable {
    let sessionId: UUID
    let clientId: UUID
    let dateOfService: LocalDate?
    let invoiceId: UUID
    let invoiceNumber: Int
    let billed: PriceDetails
    let rules: PriceDetails
    /// The insurer the client's policies now send the session to: it should come off the invoice
    /// (a re-issue leaves it off) and go on a claim.
    let nowBillsInsurer: String?
    /// True while the invoice has no payments applied: one re-issue call fixes it.
    let canReissue: Bool

    /// The same difference, with whether its invoice can be re-issued now.
    func reissuable(_ can: Bool) -> BilledDifference {
        BilledDifference(
            sessionId: sessionId, clientId: clientId, dateOfService: dateOfService, invoiceId: invoiceId,
            invoiceNumber: invoiceNumber, billed: billed, rules: rules, nowBillsInsurer: nowBillsInsurer,
            canReissue: can)
    }
}

/// Sessions whose code or fee differ from the client's current rules.
struct BillingCheckReport: Codable, Sendable {
    struct Override: Codable, Sendable {
        let sessionId: UUID
        let clientId: UUID
        let start: Date
        let billsAt: PriceDetails
        let rulesGive: PriceDetails
    }

    /// Unbilled sessions with a typed fee or chosen service that differ from the rules.
    let unbilledWithOverride: [Override]
    /// Billed sessions whose invoice differs from the rules, by invoice.
    let billedDifferently: [BilledDifference]
    /// Live claim lines the rules now price or route differently, by claim.
    let claimedDifferently: [ClaimDifference]
}
