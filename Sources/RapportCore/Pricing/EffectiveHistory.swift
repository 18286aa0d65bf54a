/// A value that changes over time by effective date, with every earlier value kept:
/// a service's rate, a client's custom fee for one service, a client's default service.
public struct EffectiveHistory<Value: Sendable>: Sendable {
    public struct Entry: Sendable {
        public let effectiveFrom: LocalDate
        public let value: Value

        public init(effectiveFrom: LocalDate, value: Value) {
            self.effectiveFrom = effectiveFrom
            self.value = value
        }
    }

    /// Entries in effective-date order; a later entry for the same date wins.
    public let entries: [Entry]

    /// Inlinable, and free when the entries come in order (as stored rules are read): every
    /// client screen and booking builds a history for each of the client's rules and payer rates.
    @inlinable
    public init(_ entries: [Entry]) {
        if zip(entries, entries.dropFirst()).allSatisfy({ $0.effectiveFrom <= $1.effectiveFrom }) {
            self.entries = entries
            return
        }
        // Stable sort keeps insertion order among entries of the same date.
        self.entries = entries.enumerated()
            .sorted { ($0.element.effectiveFrom, $0.offset) < ($1.element.effectiveFrom, $1.offset) }
            .map(\.element)
    }

    public static var empty: EffectiveHistory { EffectiveHistory([]) }

    /// The value in force on `date`: the latest entry effective on or before it, or `nil` before the first.
    /// Inlinable: asked once a session on hot paths, so callers get it specialized for their value.
    @inlinable
    public func value(on date: LocalDate) -> Value? {
        entries.last { $0.effectiveFrom <= date }?.value
    }
}

extension LocalDate {
    /// "From the beginning": the effective date of a value that has always applied.
    public static let distantPast = LocalDate(daysSinceEpoch: LocalDate.firstDayOfYearOne)
    private static let firstDayOfYearOne = -719_162
}
