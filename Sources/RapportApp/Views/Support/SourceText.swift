import RapportCore

/// Where a price comes from and what happened, in staff words.
enum SourceText {
    static func fee(_ source: FeeSource) -> String {
        switch source {
        case .override: "Typed for the session"
        case .clientFee: "Client's fee"
        case .serviceRate: "Service rate"
        }
    }

    /// Who a session bills under the client's current policies: "Bills Aetna · client's share
    /// $20.00", "Self-pay: no policy covers it"; nil once it is on an invoice, or when it is not held.
    static func route(_ session: SessionDetails) -> String? {
        guard !session.billed, session.billing.reason != .notHeld else { return nil }
        return billing(session.billing)
    }

    /// A route in words: "Bills Aetna · client's share $20.00", "Self-pay: no policy covers it".
    static func billing(_ billing: SessionBilling) -> String {
        if billing.to == "insurance" {
            let share = billing.clientShare.map { $0.isZero ? "nothing for the client" : "client's share \($0.shown)" }
            return "Bills \(billing.payerName ?? "insurance")" + (share.map { " · \($0)" } ?? "")
        }
        switch billing.reason {
        case .noPolicy?: return "Self-pay: no policy covers it"
        case .clientChoice?: return "Self-pay: the client pays for their sessions"
        case .sessionChoice?: return "Self-pay: chosen for this session"
        case .notHeld?, nil: return "Bills the client: not held"
        }
    }

    /// How an invoiced session differs from what `subject` now give: "was billed 90834 $150.00; the
    /// client's rules now give 90834 $130.00", or that it now bills an insurer.
    static func difference(_ row: BilledDifference, subject: String) -> String {
        let billed = "was billed \(row.billed.serviceCode) \(row.billed.amount.shown)"
        if let insurer = row.nowBillsInsurer {
            return "\(billed) to the client; the client's policies now send it to \(insurer): re-issue the invoice to take it off"
        }
        return "\(billed); \(subject) now give \(row.rules.serviceCode) \(row.rules.amount.shown)"
    }

    /// How a claimed session differs from what the rules now give, and what mends it.
    static func difference(_ row: ClaimDifference) -> String {
        let claimed = "was claimed \(row.claimed.serviceCode) \(row.claimed.amount.shown)"
        let now: String =
            switch row.nowBills {
            case "client"?: "the client's rules now make it self-pay"
            case let payer?: "the client's policies now send it to \(payer)"
            case nil: "the rules now give \(row.rules.serviceCode) \(row.rules.amount.shown)"
            }
        let mend = row.sent ? "send a corrected claim, or void it" : "remove the claim and make it again"
        return "\(claimed); \(now): \(mend)"
    }

    /// Where what a session bills comes from: its fee's source, or — when attendance changes it, or
    /// an invoice froze it — that, with the fee it was made from.
    static func bills(_ session: SessionDetails) -> String {
        guard let bills = session.bills else {
            return session.attendance == .cancelled
                ? "Cancelled: not billed" : "\(attendance(session.attendance)): not billed"
        }
        if session.claimId != nil { return "On a claim to the insurer" }
        if session.billed {
            return bills == session.fee
                ? "Billed" : "Billed (\(attendance(session.attendance)) of \(session.fee.shown))"
        }
        if bills != session.fee { return "\(attendance(session.attendance)) of \(session.fee.shown)" }
        return fee(session.feeSource)
    }

    static func attendance(_ value: Attendance) -> String {
        switch value {
        case .show: "Show"
        case .cancelled: "Cancelled"
        case .lateCancelled: "Late cancel"
        case .noShow: "No show"
        case .scheduled: "Scheduled"
        }
    }
}
