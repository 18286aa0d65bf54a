import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import RapportApp

/// A client's kept screen is retired by a change to what it shows — the client's own rows, or rows
/// every client's screen may show — and by nothing else (``AddClientVersions``).
struct ClientVersionTests {
    /// The practice's data version, its shared version, and each client's screen version.
    private func versions(
        _ app: Application, _ practiceID: UUID, _ clients: [String]
    ) async throws -> VersionMarksChecks.Numbers {
        try await VersionMarksChecks.numbers(
            app, practiceID, shared: "shared_version", owners: clients.map { try #require(UUID(uuidString: $0)) }
        ) { try await DataVersion.clientScreen(practiceID: practiceID, clientID: $0, on: $1)?.number }
    }

    @Test func everyTableIsNamedOnceAndEachThatAScreenShowsHasItsTriggers() async throws {
        try await withRapport { app in
            try await VersionMarksChecks.everyTableIsNamedAndTheMarkingOnesHaveTriggers(app, AddClientVersions.marks)
            for table in AddClientVersions.tables {
                if case .markedBy(let sources) = table.kind {
                    for source in sources {
                        #expect(
                            AddClientVersions.tables.contains {
                                if case .owned = $0.kind { $0.name == source } else { false }
                            },
                            "\(table.name) is marked by \(source), which marks its client")
                    }
                }
            }
        }
    }

    @Test func aChangeToEachTableMovesItsClientsNumberOrTheSharedOne() async throws {
        try await withRapport { app in
            let sent = try await RemittanceTests.Sent.make(app)
            #expect(
                try await sent.api.post("/api/v1/remittances", RemittanceTests.Sent.input(sent.remittance())).status
                    == .created)
            let practice = sent.setup.practice
            let client = sent.setup.client
            // Rows of the client's in the other tables: an invoiced session paid in part, their own
            // fee, a series with one occurrence removed.
            let billed = try await practice.book(
                client, daysFromToday: -1, attendance: "show", extra: #", "selfPay": true"#)
            _ = try await practice.invoice(client, [billed])
            let paid = try await sent.api.post(
                "/api/v1/payments", #"{"clientId": "\#(client)", "amount": \#(practice.money(500)), "method": "cash"}"#)
            #expect(paid.status == .created, "\(paid.text)")
            let fee = #"{"serviceId": "\#(practice.therapy60)", "amount": \#(practice.money(13000))}"#
            _ = try await sent.api.patch(
                "/api/v1/clients/\(client)/billing",
                #"{"defaultServiceId": "\#(practice.therapy60)", "fees": [\#(fee)]}"#)
            let series = try await practice.bookWeekly(client, startingDaysFromToday: 7, count: 3)
            let occurrence = try #require(series["occurrences"][1]["id"].string)
            #expect(try await sent.api.delete("/api/v1/sessions/\(occurrence)").status == .ok)
            // Another client, with no rows but their own.
            let other = try await practice.makeClient("Jordan", "Lee")
            let clients = [client, other]
            let clientID = try #require(UUID(uuidString: client))
            let practiceID = try await onlyPractice(app)
            var changed: [String] = []
            for table in AddClientVersions.tables where table.kind.marks {
                let before = try await versions(app, practiceID, clients)
                // Of the clients, only the one whose rows the others are.
                let onlyTheirs: SQLQueryString = table.name == "clients" ? "AND id = \(bind: clientID)" : ""
                let rows = try await app.db.writeTransaction(practice: practiceID) { db in
                    try await db.sql().raw(
                        """
                        UPDATE \(unsafeRaw: table.name) SET \(unsafeRaw: table.practice) = \(unsafeRaw: table.practice)
                        WHERE \(unsafeRaw: table.practice) = \(bind: practiceID) \(onlyTheirs)
                        RETURNING \(unsafeRaw: table.practice)
                        """
                    ).all().count
                }
                let after = try await versions(app, practiceID, clients)
                guard rows > 0 else {
                    #expect(
                        after.shared == before.shared && after.owners == before.owners,
                        "\(table.name): no row, no mark")
                    continue
                }
                changed.append(table.name)
                switch table.kind {
                case .shared:
                    #expect(after.shared == after.data && after.owners == [after.data, after.data], "\(table.name)")
                case .owned:
                    #expect(after.shared == before.shared, "\(table.name) is the client's own")
                    #expect(after.owners[0] == after.data, "a change to \(table.name) moves its client's number")
                    #expect(after.owners[1] == before.owners[1], "\(table.name): the other client's number stands")
                case .markedBy, .notShown:
                    break
                }
            }
            // Each way a row names its client, and the shared kind, were tried.
            for table in [
                "clients", "sessions", "invoice_lines", "payment_applications", "claim_adjustments", "series",
                "series_exclusions", "client_fees", "services", "remittances",
            ] {
                #expect(changed.contains(table), "the test had a row of \(table) to change")
            }
            #expect(changed.count >= 20, "\(changed)")
        }
    }

    @Test func aBookingAMarkAPaymentOrARemovalRetiresOnlyTheirClientsKeptScreen() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let avery = try await practice.makeClient("Avery", "Nguyen")
            let jordan = try await practice.makeClient("Jordan", "Lee")
            let practiceID = try await onlyPractice(app)
            let session = try await practice.book(avery, daysFromToday: -2)
            _ = try await practice.book(jordan, daysFromToday: -2)

            /// Both screens as kept (looked at twice) and as worked out afresh: they must agree.
            func look() async throws -> [String] {
                var screens: [String] = []
                for client in [avery, jordan] {
                    let path = "/api/v1/clients/\(client)/overview"
                    _ = try await practice.api.get(path)
                    let kept = try await practice.api.get(path).text
                    let fresh = try await practice.api.send(.GET, path, headers: ["Cache-Control": "no-cache"]).text
                    #expect(kept == fresh, "the kept screen of \(client) shows every change")
                    screens.append(kept)
                }
                return screens
            }
            func keptJordan(at version: Int64?) -> Bool {
                let key = ClientOverviewKey(
                    practiceID: practiceID, calendars: .practice, clientID: UUID(uuidString: jordan)!, variant: "")
                return app.readCaches.clientOverviewJSON.value(for: key, at: version) != nil
            }

            _ = try await look()
            let start = try await versions(app, practiceID, [avery, jordan])
            #expect(keptJordan(at: start.owners[1]))
            let changes: [(String, () async throws -> Void)] = [
                ("a booking", { _ = try await practice.book(avery, daysFromToday: 3) }),
                (
                    "an attendance mark",
                    {
                        let marked = try await practice.api.patch(
                            "/api/v1/sessions/\(session)", #"{"attendance": "show"}"#)
                        #expect(marked.status == .ok, "\(marked.text)")
                    }
                ),
                ("an invoice", { _ = try await practice.invoice(avery, [session]) }),
                (
                    "a payment",
                    {
                        let paid = try await practice.api.post(
                            "/api/v1/payments",
                            #"{"clientId": "\#(avery)", "amount": \#(practice.money(500)), "method": "cash"}"#)
                        #expect(paid.status == .created, "\(paid.text)")
                    }
                ),
                (
                    "a removal",
                    {
                        let later = try await practice.book(avery, daysFromToday: 5)
                        #expect(try await practice.api.delete("/api/v1/sessions/\(later)").status == .ok)
                    }
                ),
            ]
            for (name, change) in changes {
                let before = try await versions(app, practiceID, [avery, jordan])
                try await change()
                let after = try await versions(app, practiceID, [avery, jordan])
                #expect(after.owners[0] == after.data, "\(name) moves Avery's number")
                #expect(
                    after.owners[1] == before.owners[1] && after.shared == before.shared, "\(name) leaves Jordan's")
                #expect(keptJordan(at: after.owners[1]), "Jordan's kept screen is still given after \(name)")
                _ = try await look()
            }

            // A change every screen may show retires both.
            let rate = try await practice.api.patch(
                "/api/v1/services/\(practice.therapy60)",
                #"{"rate": \#(practice.money(19000)), "rateEffectiveFrom": "\#(practice.date(daysFromToday: -30))"}"#)
            #expect(rate.status == .ok, "\(rate.text)")
            let shared = try await versions(app, practiceID, [avery, jordan])
            #expect(shared.shared == shared.data && shared.owners == [shared.data, shared.data])
            #expect(!keptJordan(at: shared.owners[1]))
            _ = try await look()
        }
    }

    @Test func aStatementThatChangesManyRowsOfOneClientMarksThemOnce() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let avery = try await practice.makeClient("Avery", "Nguyen")
            let practiceID = try await onlyPractice(app)
            // Made, changed and removed four at a time.
            let series = try await practice.bookWeekly(avery, startingDaysFromToday: 7, count: 4)
            let booked = try await versions(app, practiceID, [avery])
            #expect(booked.owners[0] == booked.data)
            try await app.db.writeTransaction(practice: practiceID) { db in
                try await db.sql().raw(
                    "UPDATE sessions SET location = 'Room 2' WHERE client_id = \(bind: UUID(uuidString: avery)!)"
                ).run()
            }
            let moved = try await versions(app, practiceID, [avery])
            #expect(moved.owners[0] == moved.data && moved.data > booked.data)
            let first = try #require(series["occurrences"][0]["id"].string)
            let ended = try await practice.api.delete("/api/v1/sessions/\(first)?scope=all")
            #expect(ended.status == .ok, "\(ended.text)")
            let removed = try await versions(app, practiceID, [avery])
            #expect(removed.owners[0] == removed.data && removed.data > moved.data)
        }
    }

    @Test func aRowMovedToAnotherClientMovesBothNumbers() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let avery = try await practice.makeClient("Avery", "Nguyen")
            let jordan = try await practice.makeClient("Jordan", "Lee")
            let session = try await practice.book(avery, daysFromToday: 1)
            let practiceID = try await onlyPractice(app)
            struct RolledBack: Error {}
            await #expect(throws: RolledBack.self) {
                try await app.db.writeTransaction(practice: practiceID) { db in
                    let sql = try db.sql()
                    try await sql.raw(
                        """
                        UPDATE sessions SET client_id = \(bind: UUID(uuidString: jordan)!)
                        WHERE id = \(bind: UUID(uuidString: session)!)
                        """
                    ).run()
                    let data = try await DataVersion.current(practiceID: practiceID, on: sql)
                    for client in [avery, jordan] {
                        let screen = try await DataVersion.clientScreen(
                            practiceID: practiceID, clientID: UUID(uuidString: client)!, on: sql)?.number
                        #expect(screen == data, "the row's old client and its new one")
                    }
                    throw RolledBack()
                }
            }
        }
    }
}
