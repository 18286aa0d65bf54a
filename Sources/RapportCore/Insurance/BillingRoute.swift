/// Who pays for a session: the client, or an insurer under one of the client's policies — and
/// then what the insurer allows and what the client is expected to pay of it.

/// One of a client's policies as routing reads it.
public struct CoveragePlan<ID: Hashable & Sendable>: Sendable {
    public let id: ID
    public let payerID: ID
    public let rank: PayerRank
    public let period: CoveragePeriod
    public let costShare: CostShare

    public init(id: ID, payerID: ID, rank: PayerRank, period: CoveragePeriod, costShare: CostShare) {
        self.id = id
        self.payerID = payerID
        self.rank = rank
        self.period = period
        self.costShare = costShare
    }
}

/// Why a session bills the client rather than an insurer.
public enum SelfPayReason: String, Sendable, Codable, CaseIterable {
    /// No policy covers the session's date.
    case noPolicy
    /// The client pays for their sessions themselves, insured or not.
    case clientChoice
    /// This session is paid by the client, whatever their policies.
    case sessionChoice
    /// Cancelled, late-cancelled or missed: insurers pay for sessions held, so what the practice
    /// charges for it is the client's.
    case notHeld
}

/// Where a session's bill goes.
public enum BillingRoute<ID: Hashable & Sendable>: Sendable, Hashable {
    /// To the payer of policy `plan`. `allowed` is what the payer is expected to allow (its
    /// contracted rate for the service, or the charge where it has none or where the charge is
    /// less); `clientShare` is what the policy leaves the client to pay of it.
    case insurance(plan: ID, payer: ID, allowed: Money, contracted: Bool, clientShare: Money)
    case client(SelfPayReason)

    /// Routes a session held (or to be held) on `date` with `charge` as its fee.
    /// - Parameters:
    ///   - selfPay: the client's or the session's choice to pay themselves, when made.
    ///   - plans: the client's policies; the one in force on the date with the first rank is billed.
    ///   - contractedRate: what a payer allows for the session's service on the date, if it has a rate.
    @inlinable
    public static func of(
        date: LocalDate, attendance: Attendance, charge: Money, selfPay: SelfPayReason?, plans: [CoveragePlan<ID>],
        contractedRate: (ID) -> Money?
    ) -> BillingRoute {
        switch attendance {
        case .cancelled, .lateCancelled, .noShow: return .client(.notHeld)
        case .scheduled, .show: break
        }
        if let selfPay { return .client(selfPay) }
        let ranks = PayerRank.allCases
        guard
            let plan =
                plans
                .filter({ $0.period.contains(date) })
                .min(by: { (ranks.firstIndex(of: $0.rank) ?? 0) < (ranks.firstIndex(of: $1.rank) ?? 0) })
        else { return .client(.noPolicy) }
        let rate = contractedRate(plan.payerID)
        let allowed = rate.map { $0.currency == charge.currency && $0 < charge ? $0 : charge } ?? charge
        return .insurance(
            plan: plan.id, payer: plan.payerID, allowed: allowed, contracted: rate != nil && allowed == rate,
            clientShare: plan.costShare.clientShare(ofAllowed: allowed))
    }

    /// The policy billed, when an insurer is.
    public var plan: ID? {
        if case .insurance(let plan, _, _, _, _) = self { return plan }
        return nil
    }
}
