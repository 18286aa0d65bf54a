import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import RapportApp

/// A stored rule that does not read is reported, never quietly left out of a price.
struct UnreadableRuleTests {
    @Test func aFeeWhoseDateDoesNotParseStopsPricingInsteadOfChangingIt() async throws {
        try await withRapport { app in
            // setup: a client fee of 90.00 whose stored date was corrupted by hand
            let practice = try await PracticeFixture.make(app)
            let client = try await practice.makeClient()
            let clientID = try #require(UUID(uuidString: client))
            let serviceID = try #require(UUID(uuidString: practice.therapy45))
            let stored = try #require(try await Client.find(clientID, on: app.db))
            let fee = ClientFee(
                practiceID: stored.practiceID, clientID: clientID, serviceID: serviceID, amount: 9_000,
                effectiveFrom: .distantPast)
            try await fee.create(on: app.db)
            try await app.db.sql().raw(
                "UPDATE client_fees SET effective_from = '2026-13-45' WHERE id = \(bind: fee.id)"
            ).run()
            let context = try await PracticeContext.load(stored.practiceID, on: app.db)
            // act, check: the loader fails naming the column rather than pricing at the rate
            do {
                _ = try await PricingRulesLoader(database: app.db, practice: context).rules(forClient: clientID)
                Issue.record("a fee with an unreadable date was priced")
            } catch {
                #expect(String(describing: error).contains("effective_from"), "\(error)")
            }
            // The API answers with the error shape (logged on the server), not a price of 150.00.
            let booked = try await practice.api.post(
                "/api/v1/sessions", #"{"clientId": "\#(client)", "start": "\#(practice.instant(daysFromToday: 1))"}"#)
            #expect(booked.status == .internalServerError)
            #expect(booked.json["error"]["code"].string == "internal_error")
        }
    }

    @Test func aStoredAttendanceOrPriceSourceThatDoesNotParseIsReportedNotDefaulted() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let client = try await practice.makeClient()
            let session = try await practice.book(client, daysFromToday: -1, attendance: "show")
            let from = practice.instant(daysFromToday: -3)
            let to = practice.instant(daysFromToday: 3)
            for (column, value) in [("attendance", "attended"), ("fee_source", "guess")] {
                try await app.db.sql().raw(
                    "UPDATE sessions SET \(ident: column) = \(bind: value) WHERE id = \(bind: UUID(uuidString: session))"
                ).run()
                let list = try await practice.api.send(
                    .GET, "/api/v1/sessions?from=\(from)&to=\(to)", headers: ["Cache-Control": "no-cache"])
                #expect(list.status == .internalServerError, "\(column): \(list.text)")
                #expect(list.json["error"]["code"].string == "internal_error")
                let balance = try await practice.api.get("/api/v1/clients/\(client)/balance")
                if column == "attendance" { #expect(balance.status == .internalServerError, "not left out of the sum") }
                try await app.db.sql().raw(
                    "UPDATE sessions SET attendance = 'show', fee_source = 'serviceRate' WHERE id = \(bind: UUID(uuidString: session))"
                ).run()
            }
        }
    }

    @Test func aMissedChargeThatDoesNotReadIsReportedNotTakenAsNotBilled() async throws {
        // It breaks the data on purpose.
        try await withRapport(checkingIntegrity: false) { app in
            let practice = try await PracticeFixture.make(app)
            let client = try await practice.makeClient()
            let session = try await practice.book(client, daysFromToday: -1, attendance: "noShow")
            for (kind, value) in [("halfPrice", "50"), ("percent", "NULL"), ("fixed", "NULL"), ("percent", "250")] {
                try await app.db.sql().raw(
                    "UPDATE practices SET no_show_kind = \(bind: kind), no_show_value = \(unsafeRaw: value)"
                ).run()
                let read = try await practice.api.send(
                    .GET, "/api/v1/sessions/\(session)", headers: ["Cache-Control": "no-cache"])
                #expect(read.status == .internalServerError, "\(kind) \(value): \(read.text)")
                #expect(read.json["error"]["code"].string == "internal_error")
            }
        }
    }

    @Test func aRateWhoseDateDoesNotParseFailsTheServiceListInsteadOfShowingAnotherRate() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            try await app.db.sql().raw(
                "UPDATE service_rates SET effective_from = '2026-02-30' WHERE service_id = \(bind: UUID(uuidString: practice.therapy45))"
            ).run()
            let services = try await practice.api.get("/api/v1/services")
            #expect(services.status == .internalServerError)
            #expect(services.json["error"]["code"].string == "internal_error")
        }
    }

    /// The ledger, the aging report and payment application each read stored dates: an unreadable
    /// one is reported, never dated year 1 or today, and never skipped.
    @Test func anInvoiceDateThatDoesNotParseIsReportedByEveryReaderNotDefaulted() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let client = try await practice.makeClient()
            let session = try await practice.book(client, daysFromToday: -2, attendance: "show")
            let invoice = try await practice.invoice(client, [session])
            try await app.db.sql().raw(
                "UPDATE invoices SET issue_date = '2026-02-30' WHERE id = \(bind: UUID(uuidString: invoice["id"].string ?? ""))"
            ).run()
            for path in ["/api/v1/clients/\(client)/ledger", "/api/v1/reports/outstanding", "/api/v1/invoices"] {
                let read = try await practice.api.send(.GET, path, headers: ["Cache-Control": "no-cache"])
                #expect(read.status == .internalServerError, "\(path): \(read.text)")
            }
            let paid = try await practice.api.post(
                "/api/v1/payments",
                #"{"clientId": "\#(client)", "amount": {"amount": 1000, "currency": "USD"}, "method": "cash"}"#)
            #expect(paid.status == .internalServerError, "not recorded as credit past an invoice it could not read")
        }
    }

    /// The billing check reads each billed line's date, an import each client's birth date and the
    /// calendar each clinician's colour: a stored value that does not read is reported, not taken
    /// as no date or shown as blue.
    @Test func aBilledLineDateBirthDateOrClinicianColourThatDoesNotReadIsReportedNotDefaulted() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let client = try await practice.makeClient()
            let session = try await practice.book(client, daysFromToday: -2, attendance: "show")
            _ = try await practice.invoice(client, [session])
            let sessionID = try #require(UUID(uuidString: session))
            try await app.db.sql().raw(
                "UPDATE invoice_lines SET date_of_service = 'yesterday' WHERE session_id = \(bind: sessionID)"
            ).run()
            for path in ["/api/v1/billing-check", "/api/v1/clients/\(client)/overview"] {
                let read = try await practice.api.send(.GET, path, headers: ["Cache-Control": "no-cache"])
                #expect(read.status == .internalServerError, "\(path): \(read.text)")
            }
            let practiceID = try #require(try await Practice.query(on: app.db).first()).requireID()
            // An import matches rows to clients by name and birth date: one that does not read is
            // reported, not taken as no birth date.
            try await app.db.sql().raw(
                "UPDATE clients SET date_of_birth = '1990-02-30' WHERE id = \(bind: UUID(uuidString: client))"
            ).run()
            do {
                _ = try await References.load(practiceID: practiceID, on: app.db)
                Issue.record("a client whose birth date does not read was matched as having none")
            } catch {
                #expect(String(describing: error).contains("clients.date_of_birth"), "\(error)")
            }
            try await app.db.sql().raw(
                "UPDATE clinicians SET color = 'chartreuse' WHERE id = \(bind: UUID(uuidString: practice.clinicianID))"
            ).run()
            do {
                _ = try await Names.calendarClinicians(on: app.db, practiceID: practiceID)
                Issue.record("a clinician whose colour does not read was shown in blue")
            } catch {
                #expect(String(describing: error).contains("clinicians.color"), "\(error)")
            }
        }
    }

    /// A clinician's stored working hours that do not read are reported where they are used —
    /// the booking's out-of-hours check, the calendar, the clinician's record — never taken as no
    /// hours, which would quietly book anyone at any hour without the warning.
    @Test(arguments: [#"not json"#, #"[{"weekday":"MO","start":"17:00","end":"09:00"}]"#, #"[{"weekday":"XX","start":"09:00","end":"17:00"}]"#])
    func aClinicianWorkingHoursThatDoNotReadAreReportedNotTakenAsNone(stored: String) async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let client = try await practice.makeClient()
            let clinician = try #require(UUID(uuidString: practice.clinicianID))
            try await app.db.sql().raw(
                "UPDATE clinicians SET working_hours = \(bind: stored) WHERE id = \(bind: clinician)"
            ).run()
            let practiceID = try #require(try await Practice.query(on: app.db).first()).requireID()
            do {
                _ = try await Names.calendarClinicians(on: app.db, practiceID: practiceID)
                Issue.record("a clinician whose hours do not read was shown as having none")
            } catch {
                #expect(String(describing: error).contains("clinicians.working_hours"), "\(error)")
            }
            let booked = try await practice.api.post(
                "/api/v1/sessions",
                #"{"clientId": "\#(client)", "clinicianId": "\#(practice.clinicianID)", "start": "\#(practice.instant(daysFromToday: 3, at: "23:00"))", "durationMinutes": 50}"#
            )
            #expect(booked.status == .internalServerError, "\(booked.text)")
            #expect(try await Session.query(on: app.db).count() == 0, "nothing booked past a check that could not run")
            let record = try await practice.api.get("/api/v1/clinicians/\(practice.clinicianID)")
            #expect(record.status == .internalServerError, "\(record.text)")
        }
    }
}
