import Fluent
import Foundation
import Testing
import Vapor

@testable import RapportApp
@testable import RapportCore

/// A practice set up through the API, with the services the help article talks about.
struct PracticeFixture {
    let api: APIClient
    let clinicianID: String
    let therapy45: String  // 90834, 150.00, the practice default
    let therapy60: String  // 90837, 180.00
    let zone = TimeZone(identifier: "America/New_York") ?? .current

    static func make(_ app: Application, email: String = "owner@example.com") async throws -> PracticeFixture {
        var api = APIClient(app: app)
        let setup = try await api.post(
            "/api/v1/setup",
            """
            {"practiceName": "Riverside Counseling", "timeZone": "America/New_York", "currency": "USD",
             "ownerName": "Maya Chen", "email": "\(email)", "password": "correct horse battery"}
            """)
        #expect(setup.status == .created, "\(setup.text)")
        api.token = setup.json["token"].string
        let intake45 = try await api.post(
            "/api/v1/services",
            """
            {"code": "90834", "description": "Psychotherapy, 45 minutes", "durationMinutes": 45, "rate": {"amount": 15000, "currency": "USD"}}
            """)
        let intake60 = try await api.post(
            "/api/v1/services",
            """
            {"code": "90837", "description": "Psychotherapy, 60 minutes", "durationMinutes": 60, "rate": {"amount": 18000, "currency": "USD"}}
            """)
        return PracticeFixture(
            api: api, clinicianID: setup.json["clinicianId"].string ?? "",
            therapy45: intake45.json["id"].string ?? "", therapy60: intake60.json["id"].string ?? "")
    }

    func makeClient(_ first: String = "Avery", _ last: String = "Nguyen", extra: String = "") async throws -> String {
        let reply = try await api.post(
            "/api/v1/clients",
            """
            {"firstName": "\(first)", "lastName": "\(last)", "primaryClinicianId": "\(clinicianID)"\(extra)}
            """)
        #expect(reply.status == .created, "\(reply.text)")
        return reply.json["id"].string ?? ""
    }

    /// The local date `days` from today in the practice's zone, at `time` — as an RFC 3339 instant.
    func instant(daysFromToday days: Int, at time: String = "09:00") -> String {
        let date = zone.localDate(Date()).adding(days: days)
        let local = LocalDateTime("\(date)T\(time)") ?? LocalDateTime(secondsSinceEpochAsUTC: 0)
        return RFC3339.format(zone.instant(of: local))
    }

    func localStart(daysFromToday days: Int, at time: String = "09:00") -> String {
        "\(zone.localDate(Date()).adding(days: days))T\(time)"
    }

    func money(_ amount: Int) -> String { #"{"amount": \#(amount), "currency": "USD"}"# }

    /// A clinician of the practice (who sees only their own clients), added by `owner`, and an API
    /// client signed in as them.
    static func clinician(_ app: Application, addedBy owner: APIClient, email: String = "sam@example.com")
        async throws -> APIClient
    {
        try await staff(app, addedBy: owner, role: "clinician", email: email)
    }

    /// A staff member with `role`, added by `owner`, and an API client signed in as them.
    static func staff(_ app: Application, addedBy owner: APIClient, role: String, email: String) async throws
        -> APIClient
    {
        let made = try await owner.post(
            "/api/v1/users",
            #"{"name": "Sam", "email": "\#(email)", "role": "\#(role)", "password": "a long enough passphrase"}"#)
        #expect(made.status == .created, "\(made.text)")
        let user = try #require(try await User.query(on: app.db).filter(\.$email == email).first())
        let (token, hash) = TokenHasher.newToken()
        try await APIToken(practiceID: user.practiceID, userID: try user.requireID(), name: "t", tokenHash: hash)
            .create(on: app.db)
        return APIClient(app: app, token: token)
    }
}
