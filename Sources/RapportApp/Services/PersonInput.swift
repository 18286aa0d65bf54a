import Foundation
import RapportCore

/// Checks of a person's details that clients and policy subscribers share, so both say the same.
enum PersonInput {
    /// A date of birth: from 1900 to today (UTC, so no one's today is refused).
    static func birthDate(_ date: LocalDate, field: FieldPath, errors: inout FieldErrors) -> LocalDate? {
        guard date.year >= 1900, date <= (TimeZone(identifier: "UTC") ?? .current).localDate(Date()) else {
            errors.add(field, "must be a date between 1900 and today")
            return nil
        }
        return date
    }

    /// Sex as claims need it: female, male or unknown.
    static func sex(_ text: String, field: FieldPath, errors: inout FieldErrors) -> Sex? {
        guard let sex = Sex(rawValue: text) else {
            errors.add(field, "must be female, male or unknown")
            return nil
        }
        return sex
    }
}
