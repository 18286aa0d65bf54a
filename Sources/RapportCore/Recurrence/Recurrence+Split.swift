extension Recurrence {
    /// Splits the series for a "this and all following" change at the occurrence starting at
    /// `original`: `head` keeps the occurrences before it (nil when there are none) and `tail`
    /// starts at it. Together they produce exactly the original occurrences.
    /// Returns `nil` when `original` is not an occurrence of this series.
    public func split(at original: LocalDateTime) -> (head: Recurrence?, tail: Recurrence)? {
        var previous: Occurrence?
        for occurrence in occurrences {
            if occurrence.originalStart > original { return nil }
            guard occurrence.originalStart == original else {
                previous = occurrence
                continue
            }
            let tailEnd: RecurrenceRule.End
            if case .count(let count) = rule.end {
                tailEnd = .count(count - occurrence.index)
            } else {
                tailEnd = rule.end
            }
            let tail = Recurrence(rule: rule.ending(tailEnd), start: original, timeZone: timeZone)
            guard let previous else { return (nil, tail) }
            let headEnd: RecurrenceRule.End
            if case .count = rule.end {
                headEnd = .count(occurrence.index)
            } else {
                let lastUTC = LocalDateTime(secondsSinceEpochAsUTC: Int(previous.start.timeIntervalSince1970))
                headEnd = .until(.utc(lastUTC))
            }
            return (Recurrence(rule: rule.ending(headEnd), start: start, timeZone: timeZone), tail)
        }
        return nil
    }
}
