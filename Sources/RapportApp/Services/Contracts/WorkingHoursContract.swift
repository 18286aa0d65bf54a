import Foundation
import RapportCore

/// One span of a clinician's working week as the API writes it: `{"weekday": "TU", "start": "09:00",
/// "end": "12:00"}`. A day may have two (around a break); a day with none is a day off.
struct WorkingHoursEntry: Codable, Sendable, Hashable {
    /// `MO` … `SU`.
    let weekday: String
    /// `HH:mm`, 24-hour.
    let start: String
    let end: String

    enum CodingKeys: String, CodingKey, CaseIterable { case weekday, start, end }

    static let maxSpans = 28

    init(weekday: String, start: String, end: String) {
        self.weekday = weekday
        self.start = start
        self.end = end
    }

    init(_ span: WorkingHours.Span) {
        self.init(weekday: span.weekday.rawValue, start: span.start.hoursAndMinutes, end: span.end.hoursAndMinutes)
    }

    /// `HH:mm` as a time of day, or nil.
    static func time(_ text: String) -> LocalTime? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) }),
            let hour = Int(parts[0]), let minute = Int(parts[1])
        else { return nil }
        return LocalTime(hour: hour, minute: minute)
    }

    /// The entries as working hours, or nil with each problem named at `field[i].start` and so on.
    static func hours(_ entries: [WorkingHoursEntry], field: FieldPath, errors: inout FieldErrors) -> WorkingHours? {
        guard entries.count <= maxSpans else {
            errors.add(field, "has at most \(maxSpans) spans (four a day)")
            return nil
        }
        var spans: [WorkingHours.Span] = []
        var clean = true
        for (index, entry) in entries.enumerated() {
            let at = FieldPath(field.components + [.index(index)])
            let weekday = Weekday(rawValue: entry.weekday)
            if weekday == nil { errors.add(at.appending("weekday"), "must be MO, TU, WE, TH, FR, SA or SU") }
            let start = time(entry.start)
            if start == nil { errors.add(at.appending("start"), "must be a time such as 09:00") }
            let end = time(entry.end)
            if end == nil { errors.add(at.appending("end"), "must be a time such as 17:00") }
            guard let weekday, let start, let end else {
                clean = false
                continue
            }
            spans.append(WorkingHours.Span(weekday: weekday, start: start, end: end))
        }
        guard clean else { return nil }
        switch WorkingHours.make(spans) {
        case .success(let hours): return hours
        case .failure(let problems):
            for (index, problem) in problems.byIndex {
                errors.add(FieldPath(field.components + [.index(index)]).appending("end"), problem)
            }
            return nil
        }
    }
}

extension WorkingHours {
    /// As stored in `clinicians.working_hours` (JSON entries); none when the column is empty. Text
    /// that does not read as hours — not JSON, a span that ends before it starts — is an
    /// ``UnreadableStoredValue``, never read as "no hours", which would quietly stop every
    /// out-of-hours warning for the clinician.
    init(stored: String?) throws {
        guard let stored else {
            self = .none
            return
        }
        var problems = FieldErrors()
        guard let entries = try? JSONDecoder().decode([WorkingHoursEntry].self, from: Data(stored.utf8)),
            let hours = WorkingHoursEntry.hours(entries, field: "workingHours", errors: &problems)
        else { throw UnreadableStoredValue(column: "clinicians.working_hours", value: stored) }
        self = hours
    }

    var entries: [WorkingHoursEntry] { spans.map(WorkingHoursEntry.init) }

    /// The JSON kept in `clinicians.working_hours`; nil when no hours are set.
    var stored: String? {
        guard isSet, let data = try? JSONEncoder().encode(entries) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
