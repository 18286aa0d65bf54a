/// What happened to a session.
public enum Attendance: String, Sendable, Codable, CaseIterable {
    case scheduled, show, cancelled, lateCancelled, noShow
}

/// What a practice charges for a late cancellation or a no-show.
public enum MissedSessionCharge: Sendable, Hashable {
    /// A percentage (0–100) of the session's fee, rounded to the minor unit.
    case percent(Int)
    /// A fixed amount whatever the fee.
    case fixed(Money)
    case notBilled
}

/// The practice's rule for sessions that did not happen as planned.
public struct AttendancePolicy: Sendable, Hashable {
    public var lateCancel: MissedSessionCharge
    public var noShow: MissedSessionCharge

    public init(lateCancel: MissedSessionCharge, noShow: MissedSessionCharge) {
        self.lateCancel = lateCancel
        self.noShow = noShow
    }

    /// What a session with `attendance` and `fee` bills; `nil` when it is not billable.
    /// A scheduled session bills its full fee once it is invoiced (the expected charge).
    public func charge(for attendance: Attendance, fee: Money) -> Money? {
        switch attendance {
        case .scheduled, .show: fee
        case .cancelled: nil
        case .lateCancelled: Self.apply(lateCancel, to: fee)
        case .noShow: Self.apply(noShow, to: fee)
        }
    }

    private static func apply(_ rule: MissedSessionCharge, to fee: Money) -> Money? {
        switch rule {
        case .percent(let percent): percent == 0 ? nil : fee.percentage(percent)
        case .fixed(let amount): amount
        case .notBilled: nil
        }
    }
}
