/// A client's coverage: when a policy is in force, the numbers the insurer issued, what the client
/// is expected to pay of an allowed amount, and how many visits a prior authorization has left.

/// The dates something is in force: from a day to a day, both included, or with no end.
public struct CoveragePeriod: Hashable, Sendable {
    public let from: LocalDate
    public let to: LocalDate?

    /// Nil when `to` is before `from`.
    public init?(from: LocalDate, to: LocalDate?) {
        if let to, to < from { return nil }
        self.from = from
        self.to = to
    }

    @inlinable
    public func contains(_ date: LocalDate) -> Bool { from <= date && to.map { date <= $0 } ?? true }

    /// Whether some day is in both periods.
    public func overlaps(_ other: CoveragePeriod) -> Bool {
        (other.to.map { from <= $0 } ?? true) && (to.map { other.from <= $0 } ?? true)
    }
}

/// A number an insurer issues and a claim carries: a member ID (NM109), a group number (SBR03) or a
/// prior authorization number (REF*G1). Letters, digits and hyphens, at most 50, kept upper-case.
public struct PolicyReference: Hashable, Sendable, Codable, CustomStringConvertible {
    public static let maxLength = 50
    public let description: String

    public init?(_ text: String) {
        guard Self.problem(text) == nil else { return nil }
        description = text.uppercased()
    }

    public static func problem(_ text: String) -> String? {
        guard !text.isEmpty else { return "is required" }
        guard text.count <= maxLength else { return "must be at most \(maxLength) characters" }
        guard text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
            return "must be letters, digits and hyphens as the insurance card prints it, such as W123456789"
        }
        return nil
    }

    public init(from decoder: any Decoder) throws { self = try decodeChecked(decoder, Self.init, Self.problem) }
    public func encode(to encoder: any Encoder) throws { try encodeText(description, to: encoder) }
}

/// What a policy leaves the client to pay: the deductible still to meet, a fixed copay per visit and
/// a coinsurance percentage of the allowed amount. Any of them may be absent.
public struct CostShare: Hashable, Sendable {
    public var copay: Money?
    /// 0–100.
    public var coinsurancePercent: Int?
    /// What the client still has to pay this plan year before the insurer pays.
    public var deductibleRemaining: Money?

    public init(copay: Money? = nil, coinsurancePercent: Int? = nil, deductibleRemaining: Money? = nil) {
        self.copay = copay
        self.coinsurancePercent = coinsurancePercent
        self.deductibleRemaining = deductibleRemaining
    }

    /// The client's expected part of `allowed`: the deductible left is met first (up to the allowed
    /// amount); of what remains the client pays the copay, then the coinsurance percentage of the
    /// rest. Never more than the allowed amount, never negative.
    public func clientShare(ofAllowed allowed: Money) -> Money {
        var rest = max(allowed.amount, 0)
        var owed: Int64 = 0
        func take(_ amount: Int64) {
            let part = min(max(amount, 0), rest)
            owed += part
            rest -= part
        }
        take(deductibleRemaining?.amount ?? 0)
        take(copay?.amount ?? 0)
        if let percent = coinsurancePercent {
            take(Money(amount: rest, currency: allowed.currency).percentage(min(max(percent, 0), 100)).amount)
        }
        return Money(amount: owed, currency: allowed.currency)
    }
}

/// How far a prior authorization's visits have gone: visits held (or past and not recorded, as
/// invoicing takes them), visits still on the calendar, and what is left of those authorised.
public struct AuthorizationUse: Hashable, Sendable {
    public let authorized: Int
    public private(set) var used = 0
    public private(set) var scheduled = 0

    public init(authorized: Int) { self.authorized = authorized }

    /// Counts a session of the client on `date` whose attendance is `attendance`; `isPast` says
    /// whether it has begun. Cancellations and no-shows are not visits.
    public mutating func count(attendance: Attendance, isPast: Bool) {
        switch attendance {
        case .show: used += 1
        case .scheduled: if isPast { used += 1 } else { scheduled += 1 }
        case .cancelled, .lateCancelled, .noShow: break
        }
    }

    /// Visits not yet held or booked; negative when more are booked than authorised.
    public var remaining: Int { authorized - used - scheduled }
}

/// A code the API and the pages write as a plain word (`primary`, `self`) rather than its X12 value.
public protocol SpelledOut: CaseIterable {
    var word: String { get }
}

extension SpelledOut {
    public init?(word: String) {
        guard let value = Self.allCases.first(where: { $0.word == word }) else { return nil }
        self = value
    }
}

extension PayerRank: SpelledOut {
    /// primary, secondary, tertiary.
    public var word: String {
        switch self {
        case .primary: "primary"
        case .secondary: "secondary"
        case .tertiary: "tertiary"
        }
    }
}

extension SubscriberRelationship: SpelledOut {
    /// The patient's relation to the subscriber: self, spouse, child, other.
    public var word: String {
        switch self {
        case .subscriber: "self"
        case .spouse: "spouse"
        case .child: "child"
        case .other: "other"
        }
    }
}
