import Fluent
import Testing
import Vapor

@testable import RapportApp

struct ClientTests {
    @Test func createsFindsAndChangesClients() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let avery = try await fixture.makeClient(
                "Avery", "Nguyen", extra: #", "email": "avery@mail.example", "dateOfBirth": "1990-04-02""#)
            _ = try await fixture.makeClient("Blake", "Garcia")
            let found = try await fixture.api.get("/api/v1/clients?search=NGU")
            #expect(found.json.array.map { $0["id"].string } == [avery])
            let changed = try await fixture.api.patch(
                "/api/v1/clients/\(avery)", #"{"phone": "555-0100", "email": null, "status": "inactive"}"#)
            #expect(changed.json["phone"].string == "555-0100")
            #expect(changed.json["email"].isNull)
            #expect(changed.json["dateOfBirth"].string == "1990-04-02", "fields not sent are left alone")
            let inactive = try await fixture.api.get("/api/v1/clients?status=inactive")
            #expect(inactive.json.array.count == 1)
        }
    }

    @Test func refusesBadClients() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let reply = try await fixture.api.post(
                "/api/v1/clients",
                """
                {"firstName": " ", "lastName": "Nguyen", "dateOfBirth": "2990-01-01", "email": "nope", "primaryClinicianId": "\(UUID())"}
                """)
            #expect(reply.status == .unprocessableEntity)
            let fields = reply.json["error"]["fields"]
            #expect(fields["firstName"].string == "is required")
            #expect(fields["primaryClinicianId"].string != nil, "\(reply.text)")
            let badDate = try await fixture.api.post(
                "/api/v1/clients", #"{"firstName": "A", "lastName": "B", "dateOfBirth": "1990-02-30"}"#)
            #expect(badDate.status == .badRequest)
            #expect(badDate.json["error"]["fields"]["dateOfBirth"].string != nil)
            #expect(try await fixture.api.get("/api/v1/clients?status=gone").status == .unprocessableEntity)
            #expect(try await fixture.api.get("/api/v1/clients?limit=100000").status == .unprocessableEntity)
            #expect(try await fixture.api.get("/api/v1/clients").json.array.isEmpty, "nothing was written")
        }
    }

    @Test func anotherPracticesClientDoesNotExist() async throws {
        try await withRapport { app in
            // setup: a second practice in the same database, with its own client
            let fixture = try await PracticeFixture.make(app)
            let other = try await SecondPractice.make(app)
            let theirs = try await other.api.post("/api/v1/clients", #"{"firstName": "Casey", "lastName": "Smith"}"#)
            let theirID = theirs.json["id"].string ?? ""
            // act
            let read = try await fixture.api.get("/api/v1/clients/\(theirID)")
            let write = try await fixture.api.patch("/api/v1/clients/\(theirID)", #"{"firstName": "Mine"}"#)
            let billing = try await fixture.api.get("/api/v1/clients/\(theirID)/billing")
            let booking = try await fixture.api.post(
                "/api/v1/sessions", #"{"clientId": "\#(theirID)", "start": "\#(fixture.instant(daysFromToday: 1))"}"#)
            let list = try await fixture.api.get("/api/v1/clients")
            // check
            #expect(read.status == .notFound)
            #expect(write.status == .notFound)
            #expect(billing.status == .notFound)
            #expect(booking.status == .unprocessableEntity)
            #expect(booking.json["error"]["fields"]["clientId"].string != nil)
            #expect(list.json.array.isEmpty)
            #expect(try await other.api.get("/api/v1/clients/\(theirID)").json["firstName"].string == "Casey")
        }
    }
}

/// A second practice written straight to the database (setup only creates the first one).
struct SecondPractice {
    let api: APIClient

    /// A practice made as a hosting operator makes one (`rapport practices create`).
    static func make(_ app: Application) async throws -> SecondPractice {
        let made = try await PracticeSetup(database: app.db, passwords: app.passwords).createAnother(
            .init(
                practiceName: "Elsewhere", timeZone: "Europe/London", currency: "USD", ownerName: "Other Owner",
                email: "other@example.com", password: "another long passphrase", ownerIsClinician: false),
            by: nil)
        let token = made.token
        let api = APIClient(app: app, token: token)
        _ = try await api.post(
            "/api/v1/services", #"{"code": "90834", "description": "x", "rate": {"amount": 100, "currency": "USD"}}"#)
        return SecondPractice(api: api)
    }
}
