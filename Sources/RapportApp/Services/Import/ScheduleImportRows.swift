import Fluent
import Foundation
import RapportCore
import SQLKit

/// What a schedule list refers to beyond what a client list does: the practice's series already
/// imported or already running.
struct ScheduleReferences: Sendable {
    var people = References()
    /// Series by external id.
    var seriesByExternalID: [String: UUID] = [:]
    /// Series not ended, by client, clinician and the local time of their first session.
    var runningSeries: Set<String> = []

    static func key(client: UUID, clinician: UUID, weekday: Weekday, time: LocalTime) -> String {
        "\(client)|\(clinician)|\(weekday.rawValue)|\(time.hour):\(time.minute)"
    }

    static func load(practiceID: UUID, on database: any Database) async throws -> ScheduleReferences {
        var references = ScheduleReferences(people: try await References.load(practiceID: practiceID, on: database))
        for series in try await Series.query(on: database).filter(\.$practiceID == practiceID)
            .filter(\.$endedAt == nil).all()
        {
            guard let id = series.id else { continue }
            if let external = series.externalID { references.seriesByExternalID[external] = id }
            references.runningSeries.insert(
                key(
                    client: series.clientID, clinician: series.clinicianID, weekday: series.startLocal.date.weekday,
                    time: series.startLocal.time))
        }
        return references
    }
}

/// The rows of a schedule list read into series to create, with every problem a row has by itself.
struct ScheduleImportRows {
    struct Schedule: Sendable {
        let row: Int
        let externalID: String?
        let input: SeriesInput
        /// Already in Rapport (by external id, or the same client, clinician, weekday and time).
        let alreadyScheduled: Bool

        func problems(from error: UseCaseError, columns: ImportColumns<ScheduleImportField>) -> [ImportReport.Problem] {
            guard !error.fields.isEmpty else { return [.init(row: row, column: "", message: error.message)] }
            return error.fields.sorted { $0.key.description < $1.key.description }.map { field, message in
                let column: ScheduleImportField? =
                    switch field.description {
                    case "clientId": .client
                    case "clinicianId": .clinician
                    case "start": .start
                    case "durationMinutes": .duration
                    case "serviceId": .service
                    case "until": .end
                    case "rule", "frequency", "interval", "byDay": .frequency
                    default: nil
                    }
                return .init(
                    row: row, column: column.map { columns.title(of: $0) } ?? field.description,
                    message: message)
            }
        }
    }

    private(set) var schedules: [Schedule] = []
    private(set) var problems: [ImportReport.Problem] = []
    private(set) var notes: [String] = []

    init(file: CSVFile, columns: ImportColumns<ScheduleImportField>, today: LocalDate, references: ScheduleReferences) {
        let starts = ImportDateColumn(file.rows.map { columns.value(.start, in: $0.cells) ?? "" })
        let ends = ImportDateColumn(file.rows.map { columns.value(.end, in: $0.cells) ?? "" })
        for (row, cells) in file.rows {
            func value(_ field: ScheduleImportField) -> String? { columns.value(field, in: cells) }
            func problem(_ field: ScheduleImportField?, _ message: String) {
                problems.append(
                    .init(row: row, column: field.map { columns.title(of: $0) } ?? "", message: message))
            }
            func required(_ field: ScheduleImportField) -> String? {
                if let text = value(field) { return text }
                problem(field, "is empty")
                return nil
            }
            var clientID: UUID?
            if let text = required(.client) {
                switch references.people.client(text) {
                case .success(let id): clientID = id
                case .failure(let refusal): problem(.client, refusal.message)
                }
            }
            var clinicianID: UUID?
            if let text = required(.clinician) {
                clinicianID = references.people.clinicians[text.lowercased()]
                if clinicianID == nil {
                    problem(
                        .clinician,
                        "no clinician is named '\(text)' (the practice has \(references.people.clinicianNames.sorted().joined(separator: ", ")))")
                }
            }
            var weekday: Weekday?
            if let text = required(.weekday) {
                weekday = ScheduleImportField.weekday(text)
                if weekday == nil { problem(.weekday, "'\(text)' is not a day of the week") }
            }
            var time: LocalTime?
            if let text = required(.time) {
                time = ScheduleImportField.time(text)
                if time == nil { problem(.time, "'\(text)' is not a time such as 14:30 or 2:30 PM") }
            }
            var frequency: (RecurrenceRule.Frequency, Int)?
            if let text = required(.frequency) {
                frequency = ScheduleImportField.frequency(text)
                if frequency == nil {
                    problem(.frequency, "'\(text)' is not weekly, every 2 weeks (or every n weeks) or monthly")
                }
            }
            var start = starts.date(required(.start)) { problem(.start, $0) }
            if let date = start, date < today {
                problem(.start, "\(date) is in the past: schedules are imported from today on")
                start = nil
            }
            let until = ends.date(value(.end)) { problem(.end, $0) }
            var duration: Int?
            if let text = value(.duration) {
                duration = ScheduleImportField.minutes(text)
                if duration == nil { problem(.duration, "'\(text)' is not a number of minutes such as 50") }
            }
            var serviceID: UUID?
            if let code = value(.service) {
                serviceID = references.people.services[code.uppercased()]
                if serviceID == nil { problem(.service, "no active service has the code '\(code)'") }
            }
            let external = value(.externalID)
            guard let clientID, let clinicianID, let weekday, let time, let frequency, let start else { continue }
            // The first session: the weekday on or after the start date (for monthly, that weekday's
            // place in its month, as the first of them is).
            let first = start.adding(days: start.weekday.days(until: weekday))
            let ordinal = (first.day - 1) / 7 + 1
            var input = SeriesInput(
                clientId: clientID, clinicianId: clinicianID, start: LocalDateTime(date: first, time: time))
            input.durationMinutes = duration
            input.serviceId = serviceID
            input.frequency = frequency.0 == .monthly ? "monthly" : "weekly"
            input.interval = frequency.1
            input.byDay = [frequency.0 == .monthly ? "\(ordinal > 4 ? -1 : ordinal)\(weekday.rawValue)" : weekday.rawValue]
            input.until = until
            let running = references.runningSeries.contains(
                ScheduleReferences.key(client: clientID, clinician: clinicianID, weekday: weekday, time: time))
            let imported = external.flatMap { references.seriesByExternalID[$0] } != nil
            if imported || running {
                notes.append(
                    "Row \(row): already scheduled\(imported ? " (external id \(external ?? ""))" : " (the same client, clinician, day and time)"), so left as it is; change a series on the calendar, where the change is previewed.")
            }
            schedules.append(Schedule(row: row, externalID: external, input: input, alreadyScheduled: imported || running))
        }
    }
}
