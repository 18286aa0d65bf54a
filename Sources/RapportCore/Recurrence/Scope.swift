/// Which sessions of a series an edit or delete applies to — the question the calendar asks.
public enum Scope: String, Sendable, CaseIterable, Codable {
    /// "This session only": the occurrence keeps its own values from then on.
    case thisOnly = "this"
    /// "This and all future sessions": the series is split here.
    case thisAndFollowing = "following"
    /// "All sessions in the series".
    case all
}
