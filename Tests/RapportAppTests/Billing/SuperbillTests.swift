import Fluent
import Foundation
import Testing
import Vapor

@testable import RapportApp

/// A superbill carries what an insurer needs to reimburse out of network, and is refused — each
/// missing piece named with where to add it — until it does.
struct SuperbillTests {
    @Test func anIncompleteSuperbillIsRefusedNamingWhatIsMissingThenPrintsOnceFixed() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let client = try await practice.clientPartlyPaid()
            let path = "/api/v1/clients/\(client)/superbill?from=\(practice.date(daysFromToday: -30))&to=\(practice.today)"
            let refused = try await practice.api.get(path)
            #expect(refused.status == .unprocessableEntity, "\(refused.text)")
            let fields = refused.json["error"]["fields"]
            #expect(fields["practice.billingProvider"].string?.contains("Settings → Billing provider") == true)
            #expect(fields["clinicians[0].npi"].string?.hasPrefix("Maya Chen: NPI is missing") == true, "\(fields)")
            #expect(fields["clinicians[0].licenseNumber"].string != nil && fields["clinicians[0].credentials"].string != nil)
            #expect(fields["clinicians[0].licenseState"].string?.hasPrefix("Maya Chen: licence state is missing") == true)
            #expect(fields["client.dateOfBirth"].string?.contains("edit the client") == true)
            #expect(fields["diagnoses"].string != nil)

            try await practice.completeForSuperbills(client)
            let superbill = try await practice.api.get(path)
            #expect(superbill.status == .ok, "\(superbill.text)")
            let json = superbill.json
            #expect(json["practice"]["name"].string == "Riverside Counseling" && json["practice"]["groupNpi"].string == "1245319599")
            #expect(json["practice"]["phone"].string == "(217) 555-0100" && json["practice"]["taxId"].string == "123456789")
            let clinician = json["clinicians"][0]
            #expect(clinician["credentials"].string == "LCSW" && clinician["npi"].string == "1234567893")
            #expect(clinician["licenseNumber"].string == "149.012345" && clinician["licenseState"].string == "IL")
            #expect(json["client"]["dateOfBirth"].string == "1990-05-17" && json["client"]["address"]["zip"].string == "62704")
            #expect(json["diagnoses"].array.map { $0["code"].string ?? "" } == ["F41.1", "F33.0"])
            let lines = json["lines"].array
            #expect(lines.map { $0["serviceCode"].string } == ["90834", "90834"])
            #expect(lines.allSatisfy { $0["placeOfService"].string == "11" && $0["units"].int == 1 })
            #expect(lines.allSatisfy { $0["diagnoses"].array.map(\.string) == ["A", "B"] })
            #expect(lines.map { $0["paid"]["amount"].int } == [15000, 5000])
            #expect(lines.map { $0["paidInFull"].bool } == [true, false])
            #expect(json["totalPaid"]["amount"].int == 20000 && json["signature"].string == "Signature on file")
        }
    }

    /// Two sessions on one day: the invoice lists them, and the superbill spreads what was paid over
    /// them, by their start — not in whatever order the database keeps the lines in (a restore or a
    /// moved row leaves them in another).
    @Test func linesOfOneDayAreShownAndPaidByTheirStartWhateverTheRowsOrder() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let client = try await practice.makeClient()
            var sessions: [String] = []
            for (time, service) in [("09:00", practice.therapy45), ("14:00", practice.therapy60)] {
                let booked = try await practice.api.post(
                    "/api/v1/sessions",
                    """
                    {"clientId": "\(client)", "start": "\(practice.instant(daysFromToday: -3, at: time))",
                     "serviceId": "\(service)", "attendance": "show"}
                    """)
                #expect(booked.status == .created, "\(booked.text)")
                sessions.append(booked.json["id"].string ?? "")
            }
            let invoice = try #require(try await practice.invoice(client, Array(sessions.reversed()))["id"].string)
            #expect(try await practice.pay(client, 16000).status == .created)
            try await practice.completeForSuperbills(client)
            let superbill =
                "/api/v1/clients/\(client)/superbill?from=\(practice.date(daysFromToday: -30))&to=\(practice.today)"
            /// The invoice's lines and the superbill's, each as code and (for the superbill) what was paid.
            func shown() async throws -> (invoice: [String?], superbill: [String]) {
                let lines = try await practice.api.get("/api/v1/invoices/\(invoice)").json["lines"].array
                let billed = try await practice.api.get(superbill)
                #expect(billed.status == .ok, "\(billed.text)")
                return (
                    lines.map { $0["serviceCode"].string },
                    billed.json["lines"].array.map {
                        "\($0["serviceCode"].string ?? "") \($0["paid"]["amount"].int ?? -1)"
                    }
                )
            }
            var seen = try await shown()
            #expect(seen.invoice == ["90834", "90837"])
            #expect(seen.superbill == ["90834 15000", "90837 1000"], "paid in the order shown")

            // act: the lines written again, the later one first
            let stored = try await InvoiceLine.query(on: app.db).sort(\.$startsAt, .descending).all()
            try await app.db.sql().raw("DELETE FROM invoice_lines").run()
            for line in stored {
                line.$id.exists = false
                try await line.create(on: app.db)
            }

            // check
            seen = try await shown()
            #expect(seen.invoice == ["90834", "90837"])
            #expect(seen.superbill == ["90834 15000", "90837 1000"])
        }
    }
}
