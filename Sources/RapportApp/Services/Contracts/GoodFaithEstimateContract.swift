import Foundation
import RapportCore

/// Asks for a Good Faith Estimate: for `periodMonths` (1 to 12, default 12) from `start` (default
/// today); `requested` when the client asked for it.
struct GoodFaithEstimateInput: UseCaseInput {
    var periodMonths: Int?
    var start: LocalDate?
    var requested: Bool?

    enum CodingKeys: String, CodingKey, CaseIterable { case periodMonths, start, requested }
}

/// One version of a client's estimate, as given, with what no longer matches today's fees and
/// schedule (the current version only) and by when a changed estimate is due.
struct GoodFaithEstimateDetails: Codable, Sendable {
    let id: UUID
    let clientId: UUID
    let version: Int
    let current: Bool
    let issuedOn: LocalDate
    let requested: Bool
    let createdBy: String
    let estimate: GoodFaithEstimate
    /// Empty while the estimate holds.
    let changes: [String]
    /// The current version's providers with what the client has been charged so far for their
    /// services in the period.
    let charges: [ProviderCharges]
    /// The business day before the client's next session, when the estimate no longer matches.
    let revisionDue: LocalDate?
    let disclaimers: [String]

    struct ProviderCharges: Codable, Sendable {
        let provider: String
        let estimated: Money
        /// Invoiced, and held but not yet invoiced.
        let charged: Money
        /// Charged $400 or more above the estimate: the client may dispute the bill.
        let disputable: Bool
    }
}

/// A client whose estimate is due: why, their next session, the day it is due by (none when the
/// session is too close for the rule to require one) and whether that day has passed.
struct GoodFaithEstimateDue: Codable, Sendable {
    /// `missing`, `tooShort` (sessions after its period), `changed`, or `overEstimate` (charges
    /// passed a provider's estimate by $400 or more: nothing is due, the client may dispute).
    let kind: String
    let clientId: UUID
    let clientName: String
    let reason: String
    let nextSession: LocalDate
    let dueOn: LocalDate?
    let late: Bool
    let estimateId: UUID?
}
