import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import RapportApp
@testable import RapportCore

struct InvoiceRunTests {
    /// A daily practice with three clients, each with attended sessions on the last few days.
    func dailyPractice(_ app: Application) async throws -> (PracticeFixture, [String]) {
        let fixture = try await PracticeFixture.make(app)
        _ = try await fixture.api.patch(
            "/api/v1/practice", #"{"invoiceMode": "daily", "invoiceModeSince": "\#(fixture.date(daysFromToday: -10))"}"#
        )
        var clients: [String] = []
        for name in ["Avery", "Blake", "Casey"] {
            let client = try await fixture.makeClient(name, "Client")
            clients.append(client)
            for day in [-3, -2, -1] { _ = try await fixture.book(client, daysFromToday: day, attendance: "show") }
            _ = try await fixture.book(client, daysFromToday: -2, attendance: "cancelled")
            // Before automatic invoicing was switched on: never billed by a run.
            _ = try await fixture.book(client, daysFromToday: -20, attendance: "show")
        }
        return (fixture, clients)
    }

    @Test func dailyInvoicingMakesOneInvoicePerClientPerDayOnce() async throws {
        try await withRapport { app in
            let (fixture, clients) = try await dailyPractice(app)
            let first = try await fixture.api.post("/api/v1/invoices/run", "{}")
            #expect(first.json["invoicesCreated"].int == 9, "\(first.text)")
            #expect(first.json["through"].string == fixture.date(daysFromToday: -1))
            let second = try await fixture.api.post("/api/v1/invoices/run", "{}")
            #expect(second.json["invoicesCreated"].int == 0, "running again bills nothing twice")
            let invoices = try await fixture.api.get("/api/v1/invoices?clientId=\(clients[0])")
            #expect(
                invoices.json.array.map { $0["issueDate"].string }
                    == [-1, -2, -3].map { fixture.date(daysFromToday: $0) })
            #expect(
                invoices.json.array.allSatisfy { $0["total"]["amount"].int == 15000 && $0["origin"].string == "daily" })
        }
    }

    @Test func monthlyInvoicingWaitsForTheMonthToEnd() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let today = fixture.zone.localDate(Date())
            let lastMonth = InvoiceMode.monthly.period(containing: today.adding(days: -today.day))
            _ = try await fixture.api.patch(
                "/api/v1/practice", #"{"invoiceMode": "monthly", "invoiceModeSince": "\#(lastMonth.lowerBound)"}"#)
            let client = try await fixture.makeClient()
            for date in [lastMonth.lowerBound, lastMonth.upperBound] {
                _ = try await fixture.book(client, daysFromToday: today.days(until: date), attendance: "show")
            }
            let reply = try await fixture.api.post("/api/v1/invoices/run", #"{"through": "\#(today)"}"#)
            #expect(reply.json["invoicesCreated"].int == 1)
            let invoice = try await fixture.api.get("/api/v1/invoices?clientId=\(client)").json[0]
            #expect(invoice["periodStart"].string == lastMonth.lowerBound.description)
            #expect(invoice["periodEnd"].string == lastMonth.upperBound.description)
            #expect(invoice["total"]["amount"].int == 30000)
        }
    }

    @Test func eightConcurrentRunsBillEachSessionOnce() async throws {
        try await withRapport { app in
            // setup
            let (fixture, _) = try await dailyPractice(app)
            guard let practice = try await Practice.query(on: app.db).first() else { throw TestSetupError.badURL }
            let through = fixture.zone.localDate(Date()).adding(days: -1)
            // act
            let made = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try await InvoiceRun(database: app.db, logger: app.logger).run(practice, through: through)
                    }
                }
                return try await group.reduce(0, +)
            }
            // check
            #expect(made == 9, "between them the runs made each invoice once")
            let live = try await InvoiceLine.query(on: app.db).filter(\.$live == true).all()
            #expect(live.count == 9)
            #expect(Set(live.map(\.sessionID)).count == live.count, "no session is on two live invoices")
            #expect(try await Invoice.query(on: app.db).count() == 9)
        }
    }

    @Test func theDatabaseRefusesASecondLiveLineForASession() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let client = try await fixture.makeClient()
            let session = try await fixture.book(client, daysFromToday: -1, attendance: "show")
            let invoice = try await fixture.invoice(client, [session])
            guard let line = try await InvoiceLine.query(on: app.db).first() else { throw TestSetupError.badURL }
            let copy = InvoiceLine()
            copy.practiceID = line.practiceID
            copy.invoiceID = UUID(uuidString: invoice["id"].string ?? "") ?? UUID()
            copy.sessionID = line.sessionID
            copy.dateOfService = line.dateOfService
            copy.serviceID = line.serviceID
            copy.serviceCode = line.serviceCode
            copy.serviceDescription = line.serviceDescription
            copy.clinicianID = line.clinicianID
            copy.clinicianName = line.clinicianName
            copy.attendance = line.attendance
            copy.fee = line.fee
            copy.amount = line.amount
            copy.live = true
            await #expect(throws: (any Error).self) { try await copy.create(on: app.db) }
            copy.live = false
            copy.id = nil
            try await copy.create(on: app.db)  // a deleted invoice's line may repeat the session
        }
    }
}
