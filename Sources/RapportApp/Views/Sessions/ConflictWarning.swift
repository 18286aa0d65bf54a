import Foundation
import RapportCore

/// What a booking or a move would overlap, said before anything is saved, with the choice to go
/// ahead anyway (a group session, or two clinicians seeing a client together, overlaps on purpose).
/// Placed inside the form that was sent, so "anyway" sends the same values again.
enum ConflictWarning {
    static func render(_ form: FormState, timeZone: TimeZone, formatter: DisplayFormat, anyway: String) -> Component {
        let occurrences = Set(form.conflicts.map(\.start)).count
        let outside = form.outsideHours
        return Markup.element("div", class: "conflict-warning", [("role", "alert")]) {
            if !form.conflicts.isEmpty {
                Markup.element("p", class: "conflict-title") {
                    Markup.text(
                        occurrences == 1
                            ? "This overlaps another session:"
                            : "\(occurrences) of these sessions overlap others:")
                }
                Markup.element("ul") {
                    for conflict in form.conflicts {
                        Markup.element("li") { Markup.text(line(conflict, timeZone: timeZone, formatter: formatter)) }
                    }
                }
            }
            if !outside.isEmpty {
                Markup.element("p", class: "conflict-title") {
                    Markup.text(
                        outside.count == 1
                            ? "This is outside the clinician's working hours:"
                            : "\(outside.count) of these sessions are outside the clinician's working hours:")
                }
                Markup.element("ul") {
                    for session in outside {
                        Markup.element("li") { Markup.text(line(session, timeZone: timeZone, formatter: formatter)) }
                    }
                }
            }
            Markup.element("p") {
                Markup.text("Change the date, time or clinician, or save it as it is if this is intended.")
            }
            FormField.submit(anyway, class: "button", name: "allowConflicts", value: "true")
        }
    }

    /// `Sat, Dec 12, 2026, 10:00 AM – 10:45 AM: Maya Chen works 9:00 AM – 5:00 PM on Saturdays.`
    static func line(_ session: OutsideHoursDetail, timeZone: TimeZone, formatter: DisplayFormat) -> String {
        let start = timeZone.local(session.start)
        let end = timeZone.local(session.end)
        let when = "\(formatter.longDate(start.date)), \(formatter.time(start.time)) – \(formatter.time(end.time))"
        let day = RuleText.weekdayNames[start.date.weekday.mondayIndex] + "s"
        let spans = session.hours.compactMap { entry -> String? in
            guard let from = WorkingHoursEntry.time(entry.start), let to = WorkingHoursEntry.time(entry.end) else {
                return nil
            }
            return "\(formatter.time(from)) – \(formatter.time(to))"
        }
        let hours =
            spans.isEmpty ? "does not work on \(day)" : "works \(spans.joined(separator: " and ")) on \(day)"
        return "\(when): \(session.clinicianName) \(hours)."
    }

    /// `Tue, Dec 8, 2026, 10:00 AM – 10:50 AM: Maya Chen already sees Avery Nguyen.`
    static func line(_ conflict: ScheduleConflictDetail, timeZone: TimeZone, formatter: DisplayFormat) -> String {
        let start = timeZone.local(conflict.sessionStart)
        let end = timeZone.local(conflict.sessionEnd)
        let when =
            "\(formatter.longDate(start.date)), \(formatter.time(start.time)) – \(formatter.time(end.time))"
        let who =
            conflict.kinds.contains(ScheduleConflict.Kind.clinician.rawValue)
            ? "\(conflict.clinicianName) already sees \(conflict.clientName)"
            : "\(conflict.clientName) already has a session with \(conflict.clinicianName)"
        return "\(when): \(who)."
    }
}
