import Foundation

/// How a series' stored sessions differ from what its rule gives, for a calendar feed: the
/// occurrences to leave out (`EXDATE`: deleted, or moved to another clinician's calendar) and the
/// sessions to write as changed occurrences (`RECURRENCE-ID`: moved, lengthened, relocated,
/// cancelled). A calendar app that expands the rule, drops the left-out occurrences and puts the
/// changed ones in their place then shows exactly the stored sessions.
public struct SeriesFeedPlan<Session: Sendable>: Sendable {
    /// A stored session of the series.
    public struct Stored: Sendable {
        public let session: Session
        /// The occurrence it is (its original start in the series' zone).
        public let originalStart: LocalDateTime
        public let start: Date
        public let durationMinutes: Int
        /// Whether it is on this feed's calendar (the same clinician).
        public let inFeed: Bool
        /// Whether it looks as the series says apart from its time: same place, not cancelled.
        public let asSeries: Bool

        public init(
            session: Session, originalStart: LocalDateTime, start: Date, durationMinutes: Int, inFeed: Bool,
            asSeries: Bool
        ) {
            self.session = session
            self.originalStart = originalStart
            self.start = start
            self.durationMinutes = durationMinutes
            self.inFeed = inFeed
            self.asSeries = asSeries
        }
    }

    /// Occurrences the rule gives that are not on this calendar, by original start.
    public private(set) var excluded: [LocalDateTime] = []
    /// Sessions on this calendar that differ from their occurrence.
    public private(set) var changed: [Stored] = []
    /// Sessions on this calendar whose original start the rule does not give (written on their own).
    public private(set) var strays: [Stored] = []

    /// Walks the occurrences starting before `through` (those the series has stored) against
    /// `stored`.
    public init(recurrence: Recurrence, through: Date, durationMinutes: Int, stored: [Stored]) {
        var byOriginal = Dictionary(stored.map { ($0.originalStart, $0) }, uniquingKeysWith: { first, _ in first })
        for occurrence in recurrence.occurrences {
            guard occurrence.start < through else { break }
            guard let session = byOriginal.removeValue(forKey: occurrence.originalStart) else {
                excluded.append(occurrence.originalStart)
                continue
            }
            if !session.inFeed {
                excluded.append(occurrence.originalStart)
            } else if session.start != occurrence.start || session.durationMinutes != durationMinutes
                || !session.asSeries
            {
                changed.append(session)
            }
        }
        strays = byOriginal.values.filter(\.inFeed).sorted { $0.start < $1.start }
    }
}
