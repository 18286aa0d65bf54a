import Foundation

/// Where a session's service code comes from.
public enum ServiceSource: String, Sendable, Codable, CaseIterable {
    /// Picked for this session (or its series) by hand.
    case chosen
    /// The client's default service on the session's date.
    case clientDefault
    /// The practice's default service.
    case practiceDefault
}

/// Where a session's fee comes from.
public enum FeeSource: String, Sendable, Codable, CaseIterable {
    /// Typed for this session and kept as typed.
    case override
    /// The client's custom fee for the service on the session's date.
    case clientFee
    /// The service's rate on the session's date.
    case serviceRate
}

/// Everything the pricing rules read for one client: the inputs behind "why does this session
/// bill what it bills".
public struct PricingRules: Sendable {
    public var practiceDefaultServiceID: UUID?
    /// The client's default service over time; a `nil` value means "no client default from then on".
    public var clientDefaultService: EffectiveHistory<UUID?>
    /// The client's custom fee per service over time; a `nil` value ends a custom fee.
    public var clientFees: [UUID: EffectiveHistory<Money?>]
    /// Each service's rate over time.
    public var serviceRates: [UUID: EffectiveHistory<Money>]

    public init(
        practiceDefaultServiceID: UUID?, clientDefaultService: EffectiveHistory<UUID?> = .empty,
        clientFees: [UUID: EffectiveHistory<Money?>] = [:], serviceRates: [UUID: EffectiveHistory<Money>]
    ) {
        self.practiceDefaultServiceID = practiceDefaultServiceID
        self.clientDefaultService = clientDefaultService
        self.clientFees = clientFees
        self.serviceRates = serviceRates
    }
}

/// What a session asks of the rules: a chosen service and a typed fee, either of which may be absent.
public struct PricingRequest: Sendable, Hashable {
    public var date: LocalDate
    public var chosenServiceID: UUID?
    public var feeOverride: Money?

    public init(date: LocalDate, chosenServiceID: UUID? = nil, feeOverride: Money? = nil) {
        self.date = date
        self.chosenServiceID = chosenServiceID
        self.feeOverride = feeOverride
    }
}

/// A session's code and fee with where each came from.
public struct Price: Sendable, Hashable {
    public let serviceID: UUID
    public let serviceSource: ServiceSource
    public let fee: Money
    public let feeSource: FeeSource

    public init(serviceID: UUID, serviceSource: ServiceSource, fee: Money, feeSource: FeeSource) {
        self.serviceID = serviceID
        self.serviceSource = serviceSource
        self.fee = fee
        self.feeSource = feeSource
    }
}

/// Why the rules could not price a session.
public enum PricingError: Error, Equatable, Sendable, CustomStringConvertible {
    case noService
    case noRate(serviceID: UUID, date: LocalDate)

    public var description: String {
        switch self {
        case .noService: "no service: choose one, or set a default service for the client or the practice"
        case .noRate(_, let date): "the service has no rate on \(date)"
        }
    }
}

public enum Pricing {
    /// Which service a session uses: the chosen one, else the client's default on the session's
    /// date, else the practice default.
    public static func service(for request: PricingRequest, rules: PricingRules) -> (UUID, ServiceSource)? {
        if let chosen = request.chosenServiceID { return (chosen, .chosen) }
        if let clientDefault = rules.clientDefaultService.value(on: request.date) ?? nil {
            return (clientDefault, .clientDefault)
        }
        return rules.practiceDefaultServiceID.map { ($0, .practiceDefault) }
    }

    /// The fee for `serviceID` on `date`: the override, else the client's custom fee effective
    /// that day, else the service's rate effective that day.
    public static func fee(
        for serviceID: UUID, on date: LocalDate, override: Money?, rules: PricingRules
    ) -> (Money, FeeSource)? {
        if let override { return (override, .override) }
        if let custom = rules.clientFees[serviceID]?.value(on: date) ?? nil { return (custom, .clientFee) }
        return rules.serviceRates[serviceID]?.value(on: date).map { ($0, .serviceRate) }
    }

    /// The session's service and fee under `rules`.
    public static func price(_ request: PricingRequest, rules: PricingRules) throws(PricingError) -> Price {
        guard let (serviceID, serviceSource) = service(for: request, rules: rules) else { throw .noService }
        guard let (fee, feeSource) = fee(for: serviceID, on: request.date, override: request.feeOverride, rules: rules)
        else { throw .noRate(serviceID: serviceID, date: request.date) }
        return Price(serviceID: serviceID, serviceSource: serviceSource, fee: fee, feeSource: feeSource)
    }
}
