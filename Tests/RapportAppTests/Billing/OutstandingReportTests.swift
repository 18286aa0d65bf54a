import Fluent
import Foundation
import Testing
import Vapor

@testable import RapportApp

/// The outstanding report is read from sums the database keeps as invoices, payments and patient
/// responsibility change: the next look after any change shows it, and a clinician's report —
/// its totals too — covers only the clients they see.
struct OutstandingReportTests {
    private struct Owing: Equatable, CustomStringConvertible {
        let open: Int?, credit: Int?, balance: Int?
        var description: String { "open \(open ?? -1), credit \(credit ?? -1), balance \(balance ?? -1)" }
    }

    private func owing(_ report: JSON) -> [String: Owing] {
        Dictionary(
            uniqueKeysWithValues: report["clients"].array.map {
                (
                    $0["clientName"].string ?? "",
                    Owing(open: $0["openBalance"]["amount"].int, credit: $0["credit"]["amount"].int, balance: $0["balance"]["amount"].int)
                )
            })
    }

    @Test func eachInvoicePaymentAndDeletionShowsOnTheNextLook() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let avery = try await fixture.makeClient("Avery", "Nguyen")
            let blake = try await fixture.makeClient("Blake", "Okafor")
            let casey = try await fixture.makeClient("Casey", "Park")
            func report() async throws -> JSON { try await fixture.api.get("/api/v1/reports/outstanding").json }
            // Two sessions invoiced 40 days ago: 300.00 in 31-60.
            _ = try await fixture.invoice(
                avery,
                [
                    try await fixture.book(avery, daysFromToday: -45, attendance: "show"),
                    try await fixture.book(avery, daysFromToday: -44, attendance: "show"),
                ],
                issueDate: fixture.date(daysFromToday: -40))
            var seen = try await report()
            #expect(owing(seen) == ["Nguyen, Avery": Owing(open: 30000, credit: 0, balance: 30000)])
            #expect(seen["totalOpen"]["amount"].int == 30000 && seen["aging"]["31-60"]["amount"].int == 30000)

            #expect(try await fixture.pay(avery, 10000).status == .created)
            #expect(try await fixture.pay(blake, 5000).status == .created)
            let casual = try await fixture.invoice(casey, [try await fixture.book(casey, daysFromToday: -1, attendance: "show")])
            seen = try await report()
            #expect(
                owing(seen) == [
                    "Nguyen, Avery": Owing(open: 20000, credit: 0, balance: 20000),
                    "Okafor, Blake": Owing(open: 0, credit: 5000, balance: -5000),
                    "Park, Casey": Owing(open: 15000, credit: 0, balance: 15000),
                ])
            #expect(seen["clients"].array.map { $0["clientName"].string } == ["Nguyen, Avery", "Park, Casey", "Okafor, Blake"])
            #expect(seen["totalOpen"]["amount"].int == 35000, "credit is not open money")
            #expect(seen["aging"]["31-60"]["amount"].int == 20000 && seen["aging"]["0-30"]["amount"].int == 15000)

            let deleted = try await fixture.api.delete("/api/v1/invoices/\(casual["id"].string ?? "")?reason=twice")
            #expect(deleted.status == .ok, "\(deleted.text)")
            seen = try await report()
            #expect(owing(seen)["Park, Casey"] == nil, "a deleted invoice is owed by no one")
            #expect(seen["clientCount"].int == 2 && seen["totalOpen"]["amount"].int == 20000)
            #expect(seen["aging"]["0-30"]["amount"].int == 0)
        }
    }

    /// Equal balances are in name order, and a client renamed is shown and sorted by the new name.
    @Test func aRenamedClientIsShownAndSortedByTheNewName() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            var clients: [String] = []
            for first in ["Avery", "Blake"] {
                let client = try await fixture.makeClient(first, "Nguyen")
                _ = try await fixture.invoice(client, [try await fixture.book(client, daysFromToday: -2, attendance: "show")])
                clients.append(client)
            }
            func names() async throws -> [String?] {
                try await fixture.api.get("/api/v1/reports/outstanding").json["clients"].array.map { $0["clientName"].string }
            }
            #expect(try await names() == ["Nguyen, Avery", "Nguyen, Blake"])
            #expect(try await fixture.api.patch("/api/v1/clients/\(clients[0])", #"{"lastName": "Okafor"}"#).status == .ok)
            #expect(try await names() == ["Nguyen, Blake", "Okafor, Avery"])
        }
    }

    @Test func aClinicianSeesTheirOwnClientsAndTotalsOverThemOnly() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let clinician = try await PracticeFixture.clinician(app, addedBy: fixture.api)
            let sam = try #require(
                try await User.query(on: app.db).filter(\.$email == "sam@example.com").first()?.clinicianID)
            let theirs = try await fixture.makeClient("Blake", "Okafor", extra: #", "primaryClinicianId": "\#(sam)""#)
            let another = try await fixture.makeClient("Drew", "Silva", extra: #", "primaryClinicianId": "\#(sam)""#)
            let others = try await fixture.makeClient("Avery", "Nguyen")
            _ = try await fixture.invoice(others, [try await fixture.book(others, daysFromToday: -2, attendance: "show")])
            for (client, days) in [(theirs, -70), (another, -3)] {
                let session = try await fixture.book(
                    client, daysFromToday: days, attendance: "show", extra: #", "clinicianId": "\#(sam)""#)
                _ = try await fixture.invoice(client, [session], issueDate: fixture.date(daysFromToday: days))
            }

            let page = try await clinician.get("/api/v1/reports/outstanding?limit=1").json
            #expect(page["clients"].array.map { $0["clientName"].string } == ["Okafor, Blake"])
            #expect(page["clientCount"].int == 2)
            #expect(page["totalOpen"]["amount"].int == 30000, "both of their clients, not the page, not the practice")
            #expect(page["aging"]["61-90"]["amount"].int == 15000 && page["aging"]["0-30"]["amount"].int == 15000)
            let all = try await fixture.api.get("/api/v1/reports/outstanding").json
            #expect(all["clientCount"].int == 3 && all["totalOpen"]["amount"].int == 45000)
        }
    }
}
