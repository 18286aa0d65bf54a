import Foundation
import RapportCore

/// What the calendar shows: a day, week or month of sessions for some clinicians.
struct CalendarModel {
    enum View: String { case day, week, month }

    struct Block {
        let session: SessionContent
        let clientName: String
        let localStart: LocalDateTime
        let localEnd: LocalDateTime
    }

    let view: View
    let anchor: LocalDate
    let days: [LocalDate]
    let today: LocalDate
    let clinicians: [(id: UUID, name: String)]
    let selectedClinicians: Set<UUID>
    let blocks: [Block]
    let formatter: DisplayFormat
    /// The session whose flyout opens on load (after a change made in it).
    let openSessionID: UUID?

    /// The first and last hour of the time grid: 7:00–21:00, widened to fit every session.
    var hours: ClosedRange<Int> {
        let first = blocks.map(\.localStart.time.hour).min() ?? 7
        let last = blocks.map { $0.localEnd.time.hour + ($0.localEnd.time.minute > 0 ? 1 : 0) }.max() ?? 21
        return min(7, first)...max(21, min(24, last))
    }

    /// Side-by-side places for sessions that overlap in time on `day`: each block's lane and how
    /// many lanes its group of overlapping sessions needs (at most six; more share the last).
    func lanes(on day: LocalDate) -> [UUID: (lane: Int, of: Int)] {
        let dayBlocks = blocks.filter { $0.localStart.date == day }.sorted {
            ($0.session.start, $0.session.end) < ($1.session.start, $1.session.end)
        }
        var result: [UUID: (lane: Int, of: Int)] = [:]
        var group: [(id: UUID, lane: Int)] = []
        var laneEnds: [Date] = []
        var groupEnd = Date.distantPast
        func closeGroup() {
            let width = min(6, max(1, laneEnds.count))
            for member in group { result[member.id] = (min(member.lane, width - 1), width) }
            group = []
            laneEnds = []
        }
        for block in dayBlocks {
            if block.session.start >= groupEnd { closeGroup() }
            let lane = laneEnds.firstIndex { $0 <= block.session.start } ?? laneEnds.count
            if lane == laneEnds.count { laneEnds.append(block.session.end) } else { laneEnds[lane] = block.session.end }
            group.append((block.session.id, lane))
            groupEnd = max(groupEnd, block.session.end)
        }
        closeGroup()
        return result
    }

    var query: String { "view=\(view.rawValue)&date=\(anchor)" + clinicianQuery }
    var clinicianQuery: String {
        selectedClinicians.isEmpty
            ? "" : "&clinician=" + selectedClinicians.map(\.uuidString).sorted().joined(separator: ",")
    }

    func link(date: LocalDate, view: View? = nil) -> String {
        "/calendar?view=\((view ?? self.view).rawValue)&date=\(date)" + clinicianQuery
    }

    /// The date range a view shows around `anchor`: the day, its Monday-first week, or its month
    /// padded to whole weeks.
    static func days(for view: View, around anchor: LocalDate) -> [LocalDate] {
        switch view {
        case .day: return [anchor]
        case .week:
            let monday = anchor.adding(days: -anchor.weekday.mondayIndex)
            return (0..<7).map { monday.adding(days: $0) }
        case .month:
            let first = anchor.adding(days: 1 - anchor.day)
            let start = first.adding(days: -first.weekday.mondayIndex)
            let last = first.adding(days: first.daysInMonth - 1)
            let end = last.adding(days: 6 - last.weekday.mondayIndex)
            return (0...start.days(until: end)).map { start.adding(days: $0) }
        }
    }

    var previous: LocalDate {
        switch view {
        case .day: anchor.adding(days: -1)
        case .week: anchor.adding(days: -7)
        case .month: anchor.adding(days: -anchor.day)
        }
    }

    var next: LocalDate {
        switch view {
        case .day: anchor.adding(days: 1)
        case .week: anchor.adding(days: 7)
        case .month: anchor.adding(days: anchor.daysInMonth - anchor.day + 1)
        }
    }

    var title: String {
        switch view {
        case .day: formatter.longDate(anchor)
        case .week: formatter.range(days.first ?? anchor, days.last ?? anchor)
        case .month: formatter.monthYear(anchor)
        }
    }
}

/// Dates, times and money as a practice's staff read them.
struct DisplayFormat: Sendable {
    let currency: Currency

    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
    ]
    static let weekdayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    func shortMonth(_ date: LocalDate) -> String { String(Self.monthNames[date.month - 1].prefix(3)) }
    func weekday(_ date: LocalDate) -> String { Self.weekdayNames[date.weekday.mondayIndex] }
    /// `Oct 31, 2026`.
    func date(_ date: LocalDate?) -> String { date.map { "\(shortMonth($0)) \($0.day), \($0.year)" } ?? "" }
    func longDate(_ date: LocalDate) -> String { "\(weekday(date)), \(shortMonth(date)) \(date.day), \(date.year)" }
    func monthYear(_ date: LocalDate) -> String { "\(Self.monthNames[date.month - 1]) \(date.year)" }
    func range(_ first: LocalDate, _ last: LocalDate) -> String {
        first.month == last.month
            ? "\(shortMonth(first)) \(first.day) – \(last.day), \(last.year)"
            : "\(shortMonth(first)) \(first.day) – \(shortMonth(last)) \(last.day), \(last.year)"
    }

    /// `9:00 AM`.
    func time(_ time: LocalTime) -> String {
        let hour = time.hour % 12 == 0 ? 12 : time.hour % 12
        return "\(hour):\(time.minute < 10 ? "0" : "")\(time.minute) \(time.hour < 12 ? "AM" : "PM")"
    }

    /// `9 AM`, `12 PM`.
    func hourLabel(_ hour: Int) -> String {
        "\(hour % 12 == 0 ? 12 : hour % 12) \(hour < 12 || hour == 24 ? "AM" : "PM")"
    }

    func money(_ money: Money) -> String { money.formatted }
}
