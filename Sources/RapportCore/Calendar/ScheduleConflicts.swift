import Foundation

/// A stretch of a clinician's and a client's time: a session booked, or one about to be.
public struct BookedTime: Sendable, Hashable {
    public let sessionID: UUID
    public let start: Date
    public let end: Date
    public let clinicianID: UUID
    public let clientID: UUID

    public init(sessionID: UUID, start: Date, end: Date, clinicianID: UUID, clientID: UUID) {
        self.sessionID = sessionID
        self.start = start
        self.end = end
        self.clinicianID = clinicianID
        self.clientID = clientID
    }

    /// Two sessions overlap when each starts before the other ends: back to back (10:00–10:50,
    /// then 10:50) is not a conflict.
    public func overlaps(_ other: BookedTime) -> Bool { start < other.end && other.start < end }
}

/// A session being booked that overlaps one already on the calendar, and whose time it takes.
public struct ScheduleConflict: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// The clinician already sees someone then.
        case clinician
        /// The client already has a session then (with this clinician or another).
        case client
    }

    public let booking: BookedTime
    public let existing: BookedTime
    /// Both when the same clinician already sees the same client then.
    public let kinds: [Kind]
}

/// Which of the sessions being booked overlap sessions already booked for the same clinician or
/// the same client. Cancelled sessions free their time, so callers pass only sessions that still
/// take it (see ``Attendance/takesTime``).
public enum ScheduleConflicts {
    /// Every conflict, ordered by the booking's start and then the existing session's. A booking
    /// never conflicts with itself (an edited session is passed in both lists) nor with another
    /// session of the same booking (a series' own occurrences).
    public static func find(booking: [BookedTime], existing: [BookedTime]) -> [ScheduleConflict] {
        let bookingIDs = Set(booking.map(\.sessionID))
        let others = existing.filter { !bookingIDs.contains($0.sessionID) }.sorted { $0.start < $1.start }
        // The longest existing session bounds how far back an overlapping one can start.
        let longest = others.map { $0.end.timeIntervalSince($0.start) }.max() ?? 0
        var conflicts: [ScheduleConflict] = []
        for proposed in booking.sorted(by: { $0.start < $1.start }) {
            var index = firstIndex(in: others, startingAtOrAfter: proposed.start.addingTimeInterval(-longest))
            while index < others.count, others[index].start < proposed.end {
                let other = others[index]
                index += 1
                guard proposed.overlaps(other) else { continue }
                var kinds: [ScheduleConflict.Kind] = []
                if other.clinicianID == proposed.clinicianID { kinds.append(.clinician) }
                if other.clientID == proposed.clientID { kinds.append(.client) }
                if !kinds.isEmpty { conflicts.append(ScheduleConflict(booking: proposed, existing: other, kinds: kinds)) }
            }
        }
        return conflicts
    }

    /// Binary search: the first session starting at or after `instant`.
    private static func firstIndex(in sorted: [BookedTime], startingAtOrAfter instant: Date) -> Int {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle].start < instant { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

extension Attendance {
    /// Whether a session in this state still takes the clinician's and the client's time: a
    /// cancellation (late or not) frees it; a no-show kept the clinician waiting.
    public var takesTime: Bool {
        switch self {
        case .scheduled, .show, .noShow: true
        case .cancelled, .lateCancelled: false
        }
    }
}
