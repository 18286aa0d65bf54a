/// How sessions become claims: which sessions share a claim, and how each line points into the
/// claim's list of diagnoses.

/// Which sessions share a claim, besides the client, policy and clinician they must share.
public enum ClaimGrouping: String, Sendable, Codable, CaseIterable {
    /// One claim per date of service.
    case dateOfService
    /// One claim per calendar month.
    case month

    /// The first day of the group `date` falls in.
    @inlinable
    public func period(of date: LocalDate) -> LocalDate {
        switch self {
        case .dateOfService: date
        case .month: LocalDate(year: date.year, month: date.month, day: 1) ?? date
        }
    }

    /// Groups `items` by `key` and the period of `date`, in date order, splitting any group at
    /// ``ClaimCheck/maxLines`` lines: each inner array is one claim's lines. Inlinable, so the app's
    /// run of thousands of sessions hashes its own key type rather than going through generics.
    @inlinable
    public func claims<Item, Key: Hashable>(
        _ items: [Item], key: (Item) -> Key, date: (Item) -> LocalDate
    ) -> [[Item]] {
        var groups: [ClaimGroupKey<Key>: [Item]] = [:]
        var order: [ClaimGroupKey<Key>] = []
        for item in items.sorted(by: { date($0) < date($1) }) {
            let group = ClaimGroupKey(key: key(item), period: period(of: date(item)))
            if groups[group] == nil { order.append(group) }
            groups[group, default: []].append(item)
        }
        return order.flatMap { group -> [[Item]] in
            let lines = groups[group] ?? []
            return stride(from: 0, to: lines.count, by: ClaimCheck.maxLines).map {
                Array(lines[$0..<min($0 + ClaimCheck.maxLines, lines.count)])
            }
        }
    }
}

@usableFromInline
struct ClaimGroupKey<Key: Hashable>: Hashable {
    @usableFromInline let key: Key
    @usableFromInline let period: LocalDate

    @usableFromInline
    init(key: Key, period: LocalDate) {
        self.key = key
        self.period = period
    }
}

/// A claim's diagnosis list (HI) made from each line's own list, and each line's pointers into it.
public struct ClaimDiagnoses: Sendable, Hashable {
    /// The codes in the order claims carry them: the first line's principal first, then each new
    /// code as lines bring it. May exceed ``ClaimCheck/maxDiagnoses``; ``ClaimCheck`` says so.
    public let codes: [DiagnosisCode]
    /// Per line, 1-based positions in `codes`, up to ``ClaimCheck/maxPointers``, its principal first.
    public let pointers: [[Int]]

    public init(lines: [[DiagnosisCode]]) {
        var codes: [DiagnosisCode] = []
        var pointers: [[Int]] = []
        for list in lines {
            var line: [Int] = []
            for code in list {
                if !codes.contains(code) { codes.append(code) }
                if let position = codes.firstIndex(of: code), line.count < ClaimCheck.maxPointers {
                    line.append(position + 1)
                }
            }
            pointers.append(line)
        }
        self.codes = codes
        self.pointers = pointers
    }
}
