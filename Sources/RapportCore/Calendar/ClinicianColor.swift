/// The colour a clinician's sessions have on the calendar, from a palette chosen so neighbours
/// stay apart and dark text stays readable on each tint.
public enum ClinicianColor: String, Sendable, Codable, CaseIterable {
    case blue, teal, green, olive, amber, orange, red, pink, purple, indigo, brown, slate

    /// The colour's name as the Settings page offers it.
    public var name: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    /// The colour for a new clinician: the palette's first colour no clinician has yet, or the
    /// one fewest have once all are taken.
    public static func next(after used: [ClinicianColor]) -> ClinicianColor {
        var counts: [ClinicianColor: Int] = [:]
        for color in used { counts[color, default: 0] += 1 }
        return allCases.min { counts[$0, default: 0] < counts[$1, default: 0] } ?? .blue
    }
}
