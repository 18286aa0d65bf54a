/// A day of the week, spelled as in RFC 5545 (`MO` … `SU`).
public enum Weekday: String, CaseIterable, Sendable, Codable, Comparable {
    case monday = "MO", tuesday = "TU", wednesday = "WE", thursday = "TH"
    case friday = "FR", saturday = "SA", sunday = "SU"

    static let mondayFirst: [Weekday] = [.monday, .tuesday, .wednesday, .thursday, .friday, .saturday, .sunday]

    /// 0 for Monday … 6 for Sunday.
    public var mondayIndex: Int { Weekday.mondayFirst.firstIndex(of: self) ?? 0 }

    /// Days to go forward from `self` to reach `other` (0 … 6).
    public func days(until other: Weekday) -> Int { (other.mondayIndex - mondayIndex + 7) % 7 }

    public static func < (lhs: Weekday, rhs: Weekday) -> Bool { lhs.mondayIndex < rhs.mondayIndex }
}
