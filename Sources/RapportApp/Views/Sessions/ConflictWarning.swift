import Foundation
import RapportCore

/// What a booking or a move would overlap, said before anything is saved, with the choice to go
/// ahead anyway (a group session, or two clinicians seeing a client together, overlaps on purpose).
/// Placed inside the form that was sent, so "anyway" sends the same values again.
enum ConflictWarning {
    static func render(
        _ conflicts: [ScheduleConflictDetail], timeZone: TimeZone, formatter: DisplayFormat, anyway: String
    ) -> Component {
        let occurrences = Set(conflicts.map(\.start)).count
        return Markup.element("div", class: "conflict-warning", [("role", "alert")]) {
            Markup.element("p", class: "conflict-title") {
                Markup.text(
                    occurrences == 1
                        ? "This overlaps another session:"
                        : "\(occurrences) of these sessions overlap others:")
            }
            Markup.element("ul") {
                for conflict in conflicts {
                    Markup.element("li") { Markup.text(line(conflict, timeZone: timeZone, formatter: formatter)) }
                }
            }
            Markup.element("p") {
                Markup.text("Change the date, time or clinician, or save it as it is if the overlap is intended.")
            }
            FormField.submit(anyway, class: "button", name: "allowConflicts", value: "true")
        }
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
