import Foundation
import Testing
import Vapor
import VaporTesting

@testable import RapportApp
@testable import RapportCore

/// CSV exports of clients, sessions, invoices and payments (API, web and the keyset pages behind them).
struct ExportTests {
    @Test func sessionsComeInStartOrderAcrossPagesWithTiesNeitherLostNorRepeated() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let avery = try await practice.makeClient()
            let blake = try await practice.makeClient("Blake", "O'Neil")
            for (client, day, time) in [
                (avery, 3, "09:00"), (blake, 3, "09:00"), (avery, 1, "10:00"), (blake, 2, "11:00"),
                (avery, 3, "08:00"), (blake, 40, "09:00"),
            ] {
                let booked = try await practice.api.post(
                    "/api/v1/sessions",
                    #"{"clientId": "\#(client)", "start": "\#(practice.instant(daysFromToday: day, at: time))", "allowConflicts": true}"#)
                #expect(booked.status == .created, "\(booked.text)")
            }
            let actor = try await Self.owner(app)
            var export = try await DataExport(database: app.db, actor: actor).prepare(
                .sessions, from: nil, to: practice.zone.localDate(Date()).adding(days: 10).description)
            export.pageSize = 2
            var chunks: [String] = []
            try await export.write { chunks.append($0) }
            let lines = chunks.joined().components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.first?.hasPrefix("session_id,date,start,duration_minutes,client_id,client,clinician") == true)
            let rows = lines.dropFirst().map { $0.components(separatedBy: ",") }
            #expect(rows.count == 5, "the session 40 days out is after `to`")
            #expect(Set(rows.map { $0[0] }).count == 5, "no session twice")
            let starts = rows.map { "\($0[1]) \($0[2])" }
            #expect(starts == starts.sorted())
            #expect(rows.map { $0[2] } == ["10:00", "11:00", "08:00", "09:00", "09:00"], "local times")
            #expect(rows.allSatisfy { $0[8] == "150.00" && $0[10] == "" }, "the fee; nothing billed yet")
            #expect(chunks.count == 4, "a header and three pages of rows, each written before the next is read")

            // Clients page by name and id: two of the same name on either side of a page's end.
            _ = try await practice.makeClient()
            var clients = try await DataExport(database: app.db, actor: actor).prepare(.clients, from: nil, to: nil)
            clients.pageSize = 1
            var text = ""
            try await clients.write { text += $0 }
            let names = text.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
                .map { $0.components(separatedBy: ",")[2...3].joined(separator: " ") }
            #expect(names == ["Nguyen Avery", "Nguyen Avery", "O'Neil Blake"])
            #expect(Set(text.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }).count == 3)
        }
    }

    @Test func theAPIStreamsCSVAndRefusesABadRangeNamingTheField() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            _ = try await practice.makeClient("Robin", "=1+2", extra: #", "email": "robin@example.com""#)
            _ = try await practice.makeClient("Lee", "Smith, Jr.")
            let reply = try await practice.api.get("/api/v1/exports/clients.csv")
            #expect(reply.status == .ok)
            #expect(reply.headers.first(name: .contentType) == "text/csv; charset=utf-8")
            #expect(reply.headers.first(name: .contentDisposition)?.contains("rapport-clients.csv") == true)
            #expect(reply.text.contains(",'=1+2,Robin,"), "a formula is defused: \(reply.text)")
            #expect(reply.text.contains(#","Smith, Jr.",Lee,"#), "a comma is quoted: \(reply.text)")

            let bad = try await practice.api.get("/api/v1/exports/sessions.csv?from=2026-02-30")
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.json["error"]["fields"]["from"].string?.contains("must be a date") == true, "\(bad.text)")
            let empty = try await practice.api.get("/api/v1/exports/invoices.csv?to=")
            #expect(empty.status == .unprocessableEntity, "an empty date is not a date")
            let backwards = try await practice.api.get("/api/v1/exports/payments.csv?from=2026-03-01&to=2026-02-01")
            #expect(backwards.status == .unprocessableEntity)
            #expect(backwards.json["error"]["fields"]["to"].string?.contains("on or after from") == true)

            let audit = try await practice.api.get("/api/v1/audit-events?limit=5")
            #expect(audit.text.contains(#"\"dataset\":\"clients\""#), "the export is in the audit log: \(audit.text)")
        }
    }

    @Test func invoicesAndPaymentsCarryTheirAmountsAndStatus() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let client = try await practice.clientPartlyPaid()
            _ = try await practice.pay(client, 5000, apply: #""none""#)
            let actor = try await Self.owner(app)
            let invoices = try await Self.csv(app, actor, .invoices)
            #expect(invoices.first == "invoice_number,issue_date,client_id,client,period_start,period_end,origin,total,paid,balance,status,deleted_reason")
            #expect(invoices.dropFirst().map { Array($0.components(separatedBy: ",").suffix(5)) } == [["300.00", "200.00", "100.00", "partly paid", ""]])
            let payments = try await Self.csv(app, actor, .payments)
            #expect(payments.first == "payment_id,received_on,client_id,client,amount,method,reference,applied,unapplied")
            let amounts = payments.dropFirst().map { $0.components(separatedBy: ",") }.map { [$0[4], $0[7], $0[8]] }
            #expect(amounts.sorted { $0[0] > $1[0] } == [["50.00", "0.00", "50.00"], ["200.00", "200.00", "0.00"]])
        }
    }

    @Test func theWebFormDownloadsOrShowsTheProblemBesideTheField() async throws {
        try await withRapport { app in
            _ = try await PracticeFixture.make(app)
            let owner = try await Browser.signIn(app, email: "owner@example.com", password: "correct horse battery")
            let page = try await owner.get("/export")
            #expect(page.status == .ok && page.body.string.contains("Export"))
            let bad = try await owner.get("/export?dataset=sessions&from=2026-01-10&to=2026-01-01")
            #expect(bad.body.string.contains("This must be on or after from (2026-01-10)"))
            #expect(!bad.body.string.contains("Ready:"))
            let chosen = try await owner.get("/export?dataset=sessions&from=2026-01-01&to=2026-01-31").body.string
            #expect(chosen.contains(#"download="rapport-sessions-from-2026-01-01-to-2026-01-31.csv""#))
            let badFile = try await owner.get("/export/file?dataset=sessions&from=2026-01-10&to=2026-01-01")
            #expect(badFile.body.string.contains("This must be on or after from (2026-01-10)"))
            let file = try await owner.get("/export/file?dataset=sessions&from=2026-01-01&to=2026-01-31")
            #expect(file.status == .ok)
            #expect(file.body.string.hasPrefix("session_id,"))
            #expect(file.headers.first(name: .contentDisposition)?.contains("rapport-sessions-from-2026-01-01-to-2026-01-31.csv") == true)
            let everything = try await owner.get("/export/file?dataset=clients&from=&to=")
            #expect(everything.status == .ok, "the form's empty dates mean no bound")
        }
    }

    static func owner(_ app: Application) async throws -> Actor {
        let practice = try #require(try await Practice.query(on: app.db).first())
        return .rapport("Export test", practiceID: try practice.requireID())
    }

    static func csv(_ app: Application, _ actor: Actor, _ dataset: ExportDataset) async throws -> [String] {
        let export = try await DataExport(database: app.db, actor: actor).prepare(dataset, from: nil, to: nil)
        var text = ""
        try await export.write { text += $0 }
        return text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
    }
}
