import Fluent
import Foundation
import RapportCore
import SQLKit

/// Repeating appointments from a CSV file, one series per row — client (external id or name),
/// clinician, weekday, time, frequency, start and end dates — checked row by row, then created all
/// or none (``ImportRun``). A row already scheduled (by external id, or the same client, clinician,
/// day and time) is left as it is: a series is changed on the calendar, where the change is
/// previewed, not by a file.
struct ScheduleImport {
    let database: any Database
    let actor: Actor
    let settings: Settings

    func run(_ data: Data, commit: Bool, progress: (@Sendable (Int, Int) -> Void)? = nil) async throws
        -> ImportReport
    {
        let file = try ImportRun.file(data)
        let columns = ImportColumns<ScheduleImportField>(header: file.header)
        let found = ImportRun.fileProblems(file, columns, externalID: .externalID)
        let missing = [ScheduleImportField.client, .clinician, .weekday, .time, .frequency, .start].filter {
            columns.positions[$0] == nil
        }
        let headerProblems = ImportRun.missingColumns(missing.map(\.title), header: file.header) + found.header
        guard headerProblems.isEmpty else {
            return ImportRun.report(
                file, columns: columns.used, ignored: columns.ignored, outcome: .init(problems: headerProblems), notes: [])
        }
        let practice = try await PracticeContext.of(actor, on: database)
        let references = try await ScheduleReferences.load(practiceID: actor.practiceID, on: database)
        let rows = ScheduleImportRows(
            file: file, columns: columns, today: practice.timeZone.localDate(Date()), references: references)
        let (actor, settings) = (actor, settings)
        let outcome = try await ImportRun.write(
            rows.schedules, known: found.rows + rows.problems, commit: commit, audit: "schedules", actor: actor, on: database,
            progress: progress, row: \.row, refusal: { $0.problems(from: $1, columns: columns) }
        ) { schedule, clean, db in
            guard !schedule.alreadyScheduled else { return .unchanged }
            let made = try await SeriesScheduling(database: db, actor: actor, settings: settings).create(schedule.input)
            if let external = schedule.externalID, clean {
                try await db.sql().raw("UPDATE series SET external_id = \(bind: external) WHERE id = \(bind: made.id)")
                    .run()
            }
            return .added
        }
        return ImportRun.report(file, columns: columns.used, ignored: columns.ignored, outcome: outcome, notes: rows.notes)
    }
}
