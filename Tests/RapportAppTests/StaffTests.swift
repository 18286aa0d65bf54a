import Fluent
import Foundation
import Testing
import Vapor

@testable import RapportApp

struct StaffTests {
    func addStaff(
        _ fixture: PracticeFixture, _ role: String, email: String
    ) async throws -> (id: String, api: APIClient, browser: Browser) {
        let created = try await fixture.api.post(
            "/api/v1/users",
            """
            {"name": "Jordan Alvarez", "email": "\(email)", "role": "\(role)", "password": "a long enough passphrase"}
            """)
        #expect(created.status == .created, "\(created.text)")
        let browser = try await Browser.signIn(fixture.api.app, email: email, password: "a long enough passphrase")
        let (token, hash) = TokenHasher.newToken()
        let user = try await User.find(UUID(uuidString: created.json["id"].string ?? ""), on: fixture.api.app.db)
        try await APIToken(
            practiceID: user?.practiceID ?? UUID(), userID: user?.id ?? UUID(), name: "t", tokenHash: hash
        ).create(on: fixture.api.app.db)
        return (created.json["id"].string ?? "", APIClient(app: fixture.api.app, token: token), browser)
    }

    @Test func aNewClinicianGetsACalendarOfTheirOwn() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            _ = try await addStaff(fixture, "clinician", email: "jordan@example.com")
            let clinicians = try await fixture.api.get("/api/v1/clinicians")
            #expect(clinicians.json.array.compactMap { $0["name"].string }.contains("Jordan Alvarez"))
        }
    }

    @Test func deactivatingSomeoneEndsTheirSessionsAndTokensAtOnce() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let staff = try await addStaff(fixture, "biller", email: "sam@example.com")
            #expect(try await staff.api.get("/api/v1/invoices").status == .ok)
            #expect(try await staff.browser.get("/invoices").status == .ok)
            let off = try await fixture.api.patch("/api/v1/users/\(staff.id)", #"{"active": false}"#)
            #expect(off.json["active"].bool == false)
            #expect(try await staff.api.get("/api/v1/invoices").status == .unauthorized)
            #expect(try await staff.browser.get("/invoices").status == .seeOther)
            let again = try await Browser(app: app).post(
                "/login", form: ["email": "sam@example.com", "password": "a long enough passphrase"])
            #expect(again.headers.first(name: .setCookie) == nil, "a deactivated account cannot sign in")
        }
    }

    @Test func aBillerRecordsAttendanceButCannotMoveSessions() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let client = try await fixture.makeClient()
            let session = try await fixture.book(client, daysFromToday: 1)
            let biller = try await addStaff(fixture, "biller", email: "sam@example.com")
            #expect(try await biller.api.patch("/api/v1/sessions/\(session)", #"{"attendance": "show"}"#).status == .ok)
            let moved = try await biller.api.patch("/api/v1/sessions/\(session)", #"{"durationMinutes": 60}"#)
            #expect(moved.status == .forbidden)
            #expect(
                try await biller.api.post(
                    "/api/v1/sessions", #"{"clientId": "\#(client)", "start": "\#(fixture.instant(daysFromToday: 2))"}"#
                ).status == .forbidden)
        }
    }

    @Test func theOwnerCannotBeDemotedAndNobodyIsMadeOwner() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let owner = try await fixture.api.get("/api/v1/users").json[0]["id"].string ?? ""
            #expect(
                try await fixture.api.patch("/api/v1/users/\(owner)", #"{"role": "biller"}"#).json["error"]["fields"][
                    "role"
                ].string != nil)
            #expect(
                try await fixture.api.patch("/api/v1/users/\(owner)", #"{"active": false}"#).status
                    == .unprocessableEntity)
            let promote = try await fixture.api.post(
                "/api/v1/users",
                #"{"name": "X", "email": "x@example.com", "role": "owner", "password": "a long enough passphrase"}"#)
            #expect(promote.json["error"]["fields"]["role"].string == "must be admin, clinician or biller")
            let duplicate = try await fixture.api.post(
                "/api/v1/users",
                #"{"name": "X", "email": "owner@example.com", "role": "admin", "password": "a long enough passphrase"}"#
            )
            #expect(duplicate.json["error"]["fields"]["email"].string == "already has an account in this practice")
        }
    }
}

/// A clinician keeps their own calendar: other clinicians' sessions and clients do not exist for them.
struct ClinicianScopeTests {
    @Test func aClinicianSeesAndBooksOnlyTheirOwnCalendarAndClients() async throws {
        try await withRapport { app in
            // setup: the owner's client with a session and an invoice; a clinician with a client of their own
            let fixture = try await PracticeFixture.make(app)
            let ownersClient = try await fixture.makeClient("Owner's", "Client")
            let ownersSession = try await fixture.book(ownersClient, daysFromToday: -2, attendance: "show")
            let ownersInvoice = try await fixture.invoice(ownersClient, [ownersSession])
            let staff = try await StaffTests().addStaff(fixture, "clinician", email: "jordan@example.com")
            let created = try await staff.api.post(
                "/api/v1/clients", #"{"firstName": "Jordan's", "lastName": "Client"}"#)
            let mine = created.json["id"].string ?? ""
            let booked = try await staff.api.post(
                "/api/v1/sessions", #"{"clientId": "\#(mine)", "start": "\#(fixture.instant(daysFromToday: 1))"}"#)
            // act + check
            #expect(booked.status == .created, "\(booked.text)")
            let range =
                "from=\(fixture.instant(daysFromToday: -7).urlEncoded)&to=\(fixture.instant(daysFromToday: 7).urlEncoded)"
            let sessions = try await staff.api.get("/api/v1/sessions?\(range)")
            #expect(sessions.json.array.compactMap { $0["clientId"].string } == [mine])
            #expect(try await staff.api.get("/api/v1/clients").json.array.compactMap { $0["id"].string } == [mine])
            #expect(try await staff.api.get("/api/v1/clients/\(ownersClient)").status == .notFound)
            #expect(try await staff.api.get("/api/v1/sessions/\(ownersSession)").status == .notFound)
            #expect(try await staff.api.get("/api/v1/invoices/\(ownersInvoice["id"].string ?? "")").status == .notFound)
            #expect(try await staff.api.get("/api/v1/invoices").json.array.isEmpty)
            let elsewhere = try await staff.api.post(
                "/api/v1/sessions",
                """
                {"clientId": "\(mine)", "clinicianId": "\(fixture.clinicianID)", "start": "\(fixture.instant(daysFromToday: 3))"}
                """)
            #expect(elsewhere.status == .forbidden)
            #expect(try await staff.browser.get("/clients/\(ownersClient)").status == .notFound)
            // Payments are listed for their own client only (the scope is a subquery of the list's statement).
            _ = try await fixture.pay(ownersClient, 5000)
            let paidForMine = try #require(try await fixture.pay(mine, 3000).json["id"].string)
            let payments = try await staff.api.get("/api/v1/payments")
            #expect(payments.status == .ok)
            #expect(payments.json.array.compactMap { $0["id"].string } == [paidForMine])
            // The owner still sees everything.
            #expect(try await fixture.api.get("/api/v1/clients").json.array.count == 2)
            #expect(try await fixture.api.get("/api/v1/payments").json.array.count == 2)
        }
    }
}
