import Foundation

extension TimeZone {
    /// A time zone from an IANA identifier such as `America/New_York`; `nil` for unknown names
    /// and for bare abbreviations or offsets, which do not carry daylight-saving rules.
    public init?(iana identifier: String) {
        // Foundation also accepts abbreviations such as "EST"; IANA names are Area/Location (or UTC).
        // (knownTimeZoneIdentifiers is incomplete on Linux — it lacks Asia/Kolkata — so it is not consulted.)
        guard identifier.contains("/") || identifier == "UTC", let zone = TimeZone(identifier: identifier),
            zone.identifier == identifier || identifier == "UTC"
        else { return nil }
        self = zone
    }

    /// The instant at which this zone's clocks show `local`.
    ///
    /// A wall-clock time that does not exist (the spring-forward gap) is read with the offset in
    /// force before the gap, so it lands that many minutes later (RFC 5545 §3.3.5); a time that
    /// occurs twice (fall-back) takes the first instant.
    public func instant(of local: LocalDateTime) -> Date {
        let asUTC = local.secondsSinceEpochAsUTC
        // Offsets in force a little before and after cover both sides of any transition near `local`.
        let before = offset(atUTCSeconds: asUTC - 2 * 86_400)
        let after = offset(atUTCSeconds: asUTC + 2 * 86_400)
        let candidates = Set([before, after]).map { asUTC - $0 }.filter { offset(atUTCSeconds: $0) == asUTC - $0 }
        if let earliest = candidates.min() {
            return Date(timeIntervalSince1970: TimeInterval(earliest))
        }
        return Date(timeIntervalSince1970: TimeInterval(asUTC - before))
    }

    /// The wall-clock date-time this zone shows at `instant` (to the whole second).
    public func local(_ instant: Date) -> LocalDateTime {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down))
        return LocalDateTime(secondsSinceEpochAsUTC: seconds + offset(atUTCSeconds: seconds))
    }

    /// The calendar date this zone shows at `instant`.
    public func localDate(_ instant: Date) -> LocalDate { local(instant).date }

    /// The first instant of `date` in this zone (midnight, or the first moment after a gap at midnight).
    public func startOfDay(_ date: LocalDate) -> Date {
        instant(of: LocalDateTime(date: date, time: LocalTime(secondsIntoDay: 0)))
    }

    private func offset(atUTCSeconds seconds: Int) -> Int {
        secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}
