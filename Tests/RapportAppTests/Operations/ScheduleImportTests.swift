import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import RapportApp
@testable import RapportCore

/// Importing repeating appointments as series.
struct ScheduleImportTests {
    func importer(_ app: Application) async throws -> ScheduleImport {
        let practice = try #require(try await Practice.query(on: app.db).first())
        return ScheduleImport(
            database: app.db, actor: .rapport("Import test", practiceID: try practice.requireID()), settings: app.settings)
    }

    @Test func eachRowBecomesASeriesAndARerunSchedulesNothingTwice() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let clients = try await fixture.api.post(
                "/api/v1/imports/clients",
                #"{"csv": "id,first_name,last_name\nA-1,Avery,Nguyen\nA-2,Blake,Lee\n", "dryRun": false}"#)
            #expect(clients.json["added"].int == 2)
            let monday = fixture.zone.localDate(Date()).adding(days: 7)
            let file = """
                Schedule ID,Client,Clinician,Day,Time,Frequency,Start Date,End Date
                S-1,A-1,Maya Chen,Mon,10:00,weekly,\(monday),
                S-2,Blake Lee,Maya Chen,Thursday,2:30 PM,every other week,\(monday),\(monday.adding(days: 60))
                """
            let check = try await importer(app).run(Data(file.utf8), commit: false)
            #expect(check.problems == [], "\(check.problems)")
            #expect(check.added == 2 && !check.imported)
            #expect(try await Series.query(on: app.db).count() == 0, "a dry run writes nothing")
            let done = try await importer(app).run(Data(file.utf8), commit: true)
            #expect(done.imported && done.added == 2)
            let rules = try await Series.query(on: app.db).all().map(\.rule).sorted()
            #expect(rules.contains("FREQ=WEEKLY;BYDAY=MO"))
            #expect(rules.contains { $0.hasPrefix("FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;UNTIL=") })
            let thursdays = try await Series.query(on: app.db).filter(\.$externalID == "S-2").first()
            #expect(thursdays?.startLocal.time == LocalTime(hour: 14, minute: 30))
            #expect(thursdays?.startLocal.date.weekday == .thursday)

            let again = try await importer(app).run(Data(file.utf8), commit: true)
            #expect(again.imported && again.added == 0 && again.notes.count == 2, "\(again.notes)")
            #expect(try await Series.query(on: app.db).count() == 2)
        }
    }

    @Test func aRowThatCannotBeScheduledIsNamedAndNothingIsScheduled() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            _ = try await fixture.makeClient()
            let next = fixture.zone.localDate(Date()).adding(days: 3)
            let file = """
                client,clinician,weekday,time,frequency,start_date
                Avery Nguyen,Maya Chen,Mon,10:00,weekly,\(next)
                Nobody Here,Maya Chen,Mon,10:00,weekly,\(next)
                Avery Nguyen,Dr. Who,Mon,10:00,weekly,\(next)
                Avery Nguyen,Maya Chen,Moonday,25:00,sometimes,2020-01-01
                Avery Nguyen,Maya Chen,Tue,10:00,weekly,\(next),a stray value
                """
            let report = try await importer(app).run(Data(file.utf8), commit: true)
            #expect(!report.imported)
            let found = Set(report.problems.map { "\($0.row) \($0.column)" })
            for cell in ["3 client", "4 clinician", "5 weekday", "5 time", "5 frequency", "5 start_date", "6 "] {
                #expect(found.contains(cell), "expected a problem at \(cell): \(report.problems)")
            }
            #expect(report.problems.first { $0.row == 5 && $0.column == "start_date" }?.message.contains("past") == true)
            #expect(try await Series.query(on: app.db).count() == 0)
            let header = try await importer(app).run(Data("client,time\nA,10:00\n".utf8), commit: false)
            #expect(header.problems.first?.message.contains("the header lacks clinician, weekday, frequency, start_date") == true)
        }
    }
}

struct ScheduleImportFieldTests {
    @Test func daysTimesAndFrequenciesAsSpreadsheetsWriteThem() {
        #expect(ScheduleImportField.weekday("Mon") == .monday && ScheduleImportField.weekday("THURS") == .thursday)
        #expect(ScheduleImportField.weekday("TU") == .tuesday && ScheduleImportField.weekday("T") == nil)
        #expect(ScheduleImportField.weekday("Moonday") == nil)
        #expect(ScheduleImportField.time("2:30 PM") == LocalTime(hour: 14, minute: 30))
        #expect(ScheduleImportField.time("12am") == LocalTime(hour: 0, minute: 0))
        #expect(ScheduleImportField.time("09:05") == LocalTime(hour: 9, minute: 5))
        #expect(ScheduleImportField.time("25:00") == nil && ScheduleImportField.time("10") == nil)
        let other = ScheduleImportField.frequency("Every other week")
        #expect(other?.0 == .weekly && other?.1 == 2)
        let third = ScheduleImportField.frequency("every 3 weeks")
        #expect(third?.0 == .weekly && third?.1 == 3)
        #expect(ScheduleImportField.frequency("monthly")?.0 == .monthly)
        #expect(ScheduleImportField.frequency("sometimes") == nil)
        #expect(ScheduleImportField.minutes("50") == 50 && ScheduleImportField.minutes("50 minutes") == 50)
        #expect(ScheduleImportField.minutes("45min") == 45)
        #expect(ScheduleImportField.minutes("an hour") == nil && ScheduleImportField.minutes("0") == nil)
    }
}
