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

    /// Where what a session bills comes from: its fee's source, or — when attendance changes it, or
    /// an invoice froze it — that, with the fee it was made from.
    static func bills(_ session: SessionDetails) -> String {
        guard let bills = session.bills else {
            return session.attendance == .cancelled
                ? "Cancelled: not billed" : "\(attendance(session.attendance)): not billed"
        }
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
