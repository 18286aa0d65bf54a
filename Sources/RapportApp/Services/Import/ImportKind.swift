/// What a CSV file can bring into Rapport.
enum ImportKind: String, CaseIterable, Sendable {
    /// A client list: names, dates of birth, contact, address, clinician, default service, fee.
    case clients
    /// Repeating appointments: client, clinician, weekday, time, frequency, start and end dates.
    case schedules
}
