import Foundation
import RapportCore

/// What the calendar shows: a day, week or month of sessions for some clinicians.
struct CalendarModel {
    enum View: String { case day, week, month }

    struct Block {
        let session: SessionDetails
        let clientName: String
        let localStart: LocalDateTime
        let localEnd: LocalDateTime
    }

    let view: View
    let anchor: LocalDate
    let days: [LocalDate]
    let today: LocalDate
    /// The clinicians whose calendars the viewer may see, active or not, by name.
    let clinicians: [CalendarClinician]
    let selectedClinicians: Set<UUID>
    let blocks: [Block]
    let formatter: DisplayFormat
    /// The session whose flyout opens on load (after a change made in it).
    let openSessionID: UUID?
    /// Clinicians with a session in view.
    let inView: Set<UUID>
    /// The first and last hour of the time grid: 7:00–21:00, widened to fit every session.
    let hours: ClosedRange<Int>
    /// `&clinician=…` for the clinicians chosen, or "" for all; carried by every link of the page.
    let clinicianQuery: String
    private let colors: [UUID: ClinicianColor]

    init(
        view: View, anchor: LocalDate, days: [LocalDate], today: LocalDate, clinicians: [CalendarClinician],
        selectedClinicians: Set<UUID>, blocks: [Block], formatter: DisplayFormat, openSessionID: UUID?
    ) {
        self.view = view
        self.anchor = anchor
        self.days = days
        self.today = today
        self.clinicians = clinicians
        self.selectedClinicians = selectedClinicians
        self.blocks = blocks
        self.formatter = formatter
        self.openSessionID = openSessionID
        inView = Set(blocks.map(\.session.clinicianId))
        let first = blocks.map(\.localStart.time.hour).min() ?? 7
        let last = blocks.map { $0.localEnd.time.hour + ($0.localEnd.time.minute > 0 ? 1 : 0) }.max() ?? 21
        hours = min(7, first)...max(21, min(24, last))
        clinicianQuery =
            selectedClinicians.isEmpty
            ? "" : "&clinician=" + selectedClinicians.map(\.uuidString).sorted().joined(separator: ",")
        colors = Dictionary(clinicians.map { ($0.id, $0.color) }, uniquingKeysWith: { first, _ in first })
    }

    /// A clinician's colour, by id (the palette's first for one not listed).
    func color(of clinicianID: UUID) -> ClinicianColor { colors[clinicianID] ?? .blue }

    /// The clinicians the filter offers: the active ones, and any other with a session in view.
    var filterChoices: [CalendarClinician] {
        clinicians.filter { $0.active || inView.contains($0.id) || selectedClinicians.contains($0.id) }
    }

    /// Clinicians with a session in view, for the legend.
    var cliniciansInView: [CalendarClinician] { clinicians.filter { inView.contains($0.id) } }

    /// Whose working hours a grid of one column a day shades: the one clinician shown (chosen in the
    /// filter, or the only one there is).
    var soleClinician: CalendarClinician? {
        if selectedClinicians.count == 1 { return clinicians.first { selectedClinicians.contains($0.id) } }
        let active = clinicians.filter(\.active)
        return selectedClinicians.isEmpty && active.count == 1 ? active.first : nil
    }

    /// Whether the grid shades anyone's time outside their working hours.
    var showsWorkingHours: Bool {
        guard view != .month else { return false }
        if let columns = clinicianColumns { return columns.contains { $0.workingHours.isSet } }
        return soleClinician?.workingHours.isSet ?? false
    }

    /// A practice with up to this many active clinicians sees all of them as columns of the day.
    static let allColumnsUpTo = 8

    /// The day view's columns, one per clinician, as group-practice calendars show a day: the
    /// clinicians chosen in the filter, else every active clinician of a small practice (so each
    /// has an empty column to book into), else those with sessions that day — and always any
    /// clinician with a session in view, so no session is hidden. Nil for one clinician (or a week
    /// or month), which shows the day as one column.
    var clinicianColumns: [CalendarClinician]? {
        guard view == .day else { return nil }
        let fewEnough = clinicians.filter(\.active).count <= Self.allColumnsUpTo
        let shown = clinicians.filter { clinician in
            if inView.contains(clinician.id) { return true }
            if !selectedClinicians.isEmpty { return selectedClinicians.contains(clinician.id) }
            return clinician.active && fewEnough
        }
        return shown.count > 1 ? shown : nil
    }

    /// Side-by-side places for sessions that overlap in time on `day` (in one clinician's column
    /// when given): each block's lane and how
    /// many lanes its group of overlapping sessions needs (at most six; more share the last).
    func lanes(on day: LocalDate, clinician: UUID? = nil) -> [UUID: (lane: Int, of: Int)] {
        let dayBlocks = blocks.filter {
            $0.localStart.date == day && (clinician == nil || $0.session.clinicianId == clinician)
        }.sorted {
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
    /// The practice's locale (bound for the request): dates and times as its people write them.
    let locale: Locale

    init(_ format: MoneyFormat = PracticeLocale.format) {
        self.locale = format.locale
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Self.utc
        let style = Date.FormatStyle(locale: locale, calendar: calendar, timeZone: Self.utc)
        shortDate = style.month(.abbreviated).day().year()
        weekdayDate = style.weekday(.abbreviated).month(.abbreviated).day().year()
        monthAndYear = style.month(.wide).year()
        monthOnly = style.month(.abbreviated)
        weekdayOnly = style.weekday(.abbreviated)
        twelveHour = format.usesTwelveHourClock
    }

    /// English weekday names for the words around them (repeat rules are described in English).
    static let weekdayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    private static let utc = TimeZone(identifier: "UTC") ?? .current
    private let shortDate: Date.FormatStyle
    private let weekdayDate: Date.FormatStyle
    private let monthAndYear: Date.FormatStyle
    private let monthOnly: Date.FormatStyle
    private let weekdayOnly: Date.FormatStyle
    private let twelveHour: Bool

    /// A calendar date as the midnight UTC instant the format styles read.
    private func instant(_ date: LocalDate) -> Date {
        Date(timeIntervalSince1970: TimeInterval(date.daysSinceEpoch * 86_400))
    }

    func shortMonth(_ date: LocalDate) -> String { instant(date).formatted(monthOnly) }
    func weekday(_ date: LocalDate) -> String { instant(date).formatted(weekdayOnly) }
    /// `Oct 31, 2026`, `31. Okt. 2026`.
    func date(_ date: LocalDate?) -> String { date.map { instant($0).formatted(shortDate) } ?? "" }
    func longDate(_ date: LocalDate) -> String { instant(date).formatted(weekdayDate) }
    func monthYear(_ date: LocalDate) -> String { instant(date).formatted(monthAndYear) }
    func range(_ first: LocalDate, _ last: LocalDate) -> String { "\(date(first)) – \(date(last))" }

    /// `9:00 AM` where the locale keeps a 12-hour clock, `09:00` where it keeps a 24-hour one.
    func time(_ time: LocalTime) -> String {
        guard twelveHour else { return "\(pad2(time.hour)):\(pad2(time.minute))" }
        let hour = time.hour % 12 == 0 ? 12 : time.hour % 12
        return "\(hour):\(pad2(time.minute)) \(time.hour < 12 ? "AM" : "PM")"
    }

    /// `9 AM`, `12 PM`; `09:00` on a 24-hour clock.
    func hourLabel(_ hour: Int) -> String {
        guard twelveHour else { return "\(pad2(hour % 24)):00" }
        return "\(hour % 12 == 0 ? 12 : hour % 12) \(hour < 12 || hour == 24 ? "AM" : "PM")"
    }

    func money(_ money: Money) -> String { money.shown }

    private func pad2(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
