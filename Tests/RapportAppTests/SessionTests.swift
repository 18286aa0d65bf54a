import Fluent
import Testing
import Vapor

@testable import RapportApp

struct SessionTests {
    @Test func aSessionShowsWhatItBillsAndWhy() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let plain = try await fixture.makeClient("Avery", "Nguyen")
            let custom = try await fixture.makeClient(
                "Blake", "Garcia", extra: #", "defaultServiceId": "\#(fixture.therapy60)""#)
            _ = try await fixture.api.patch(
                "/api/v1/clients/\(custom)/billing",
                #"{"fees": [{"serviceId": "\#(fixture.therapy60)", "amount": \#(fixture.money(13000))}]}"#)

            let practiceDefault = try await fixture.api.post(
                "/api/v1/sessions", #"{"clientId": "\#(plain)", "start": "\#(fixture.instant(daysFromToday: 1))"}"#)
            #expect(practiceDefault.status == .created, "\(practiceDefault.text)")
            #expect(practiceDefault.json["service"]["code"].string == "90834")
            #expect(practiceDefault.json["service"]["source"].string == "practiceDefault")
            #expect(practiceDefault.json["fee"]["amount"].int == 15000)
            #expect(practiceDefault.json["feeSource"].string == "serviceRate")
            #expect(practiceDefault.json["durationMinutes"].int == 45, "the service's duration is the default length")

            let clientRules = try await fixture.api.post(
                "/api/v1/sessions", #"{"clientId": "\#(custom)", "start": "\#(fixture.instant(daysFromToday: 3))"}"#)
            #expect(clientRules.json["service"]["code"].string == "90837")
            #expect(clientRules.json["service"]["source"].string == "clientDefault")
            #expect(clientRules.json["fee"]["amount"].int == 13000)
            #expect(clientRules.json["feeSource"].string == "clientFee")

            let typed = try await fixture.api.post(
                "/api/v1/sessions",
                """
                {"clientId": "\(custom)", "start": "\(fixture.instant(daysFromToday: 2))", "serviceId": "\(fixture.therapy45)", "fee": \(fixture.money(9900))}
                """)
            #expect(typed.json["service"]["source"].string == "chosen")
            #expect(typed.json["fee"]["amount"].int == 9900)
            #expect(typed.json["feeSource"].string == "override")
        }
    }

    @Test func refusesBadSessionsAndWritesNothing() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let client = try await fixture.makeClient()
            let start = fixture.instant(daysFromToday: 1)
            let cases: [(String, String, HTTPStatus)] = [
                (
                    #"{"clientId": "\#(client)", "start": "\#(start)", "durationMinutes": 0}"#, "durationMinutes",
                    .unprocessableEntity
                ),
                (
                    #"{"clientId": "\#(client)", "start": "\#(start)", "durationMinutes": 1441}"#, "durationMinutes",
                    .unprocessableEntity
                ),
                (
                    #"{"clientId": "\#(client)", "start": "\#(start)", "fee": {"amount": -100, "currency": "USD"}}"#,
                    "fee.amount", .unprocessableEntity
                ),
                (
                    #"{"clientId": "\#(client)", "start": "\#(start)", "fee": {"amount": 100, "currency": "EUR"}}"#,
                    "fee.currency", .unprocessableEntity
                ),
                (
                    #"{"clientId": "\#(client)", "start": "\#(start)", "fee": {"amount": 100, "currency": "EURO"}}"#,
                    "fee.currency", .badRequest
                ),
                (#"{"clientId": "\#(client)", "start": "next tuesday"}"#, "start", .badRequest),
                (#"{"clientId": "\#(client)", "start": "2026-12-01T09:00:00"}"#, "start", .badRequest),
                (#"{"clientId": "\#(client)"}"#, "start", .unprocessableEntity),
                (
                    #"{"clientId": "\#(client)", "start": "\#(start)", "attendance": "maybe"}"#, "attendance",
                    .unprocessableEntity
                ),
                (
                    #"{"clientId": "\#(client)", "start": "\#(start)", "serviceId": "\#(UUID())"}"#, "serviceId",
                    .unprocessableEntity
                ),
                (
                    #"{"clientId": "\#(client)", "start": "\#(start)", "clinicianId": "\#(UUID())"}"#, "clinicianId",
                    .unprocessableEntity
                ),
                (#"{"clientId": "\#(UUID())", "start": "\#(start)"}"#, "clientId", .unprocessableEntity),
            ]
            for (body, field, status) in cases {
                let reply = try await fixture.api.post("/api/v1/sessions", body)
                #expect(reply.status == status, "\(body) → \(reply.text)")
                #expect(reply.json["error"]["fields"][field].string != nil, "\(body) → \(reply.text)")
            }
            #expect(try await Session.query(on: app.db).count() == 0)
        }
    }

    @Test func listsTheCalendarRangeForAClinician() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let client = try await fixture.makeClient()
            for day in [0, 2, 9] {
                _ = try await fixture.api.post(
                    "/api/v1/sessions",
                    #"{"clientId": "\#(client)", "start": "\#(fixture.instant(daysFromToday: day))"}"#)
            }
            let from = fixture.instant(daysFromToday: 0, at: "00:00"),
                to = fixture.instant(daysFromToday: 7, at: "00:00")
            let week = try await fixture.api.get(
                "/api/v1/sessions?from=\(from.urlEncoded)&to=\(to.urlEncoded)&clinicianId=\(fixture.clinicianID)")
            #expect(week.json.array.count == 2, "\(week.text)")
            let backwards = try await fixture.api.get("/api/v1/sessions?from=\(to.urlEncoded)&to=\(from.urlEncoded)")
            #expect(backwards.json["error"]["fields"]["to"].string == "must be after from")
            #expect(try await fixture.api.get("/api/v1/sessions").status == .unprocessableEntity)
        }
    }

    @Test func attendanceAndEditsOnASingleSession() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let client = try await fixture.makeClient()
            let session = try await fixture.api.post(
                "/api/v1/sessions", #"{"clientId": "\#(client)", "start": "\#(fixture.instant(daysFromToday: -1))"}"#)
            let id = session.json["id"].string ?? ""
            let edited = try await fixture.api.patch(
                "/api/v1/sessions/\(id)",
                #"{"attendance": "show", "serviceId": "\#(fixture.therapy60)", "fee": \#(fixture.money(12500))}"#)
            #expect(edited.json["changed"][0]["attendance"].string == "show")
            #expect(edited.json["changed"][0]["service"]["code"].string == "90837")
            #expect(edited.json["changed"][0]["fee"]["amount"].int == 12500)
            let reset = try await fixture.api.patch("/api/v1/sessions/\(id)", #"{"fee": null}"#)
            #expect(reset.json["changed"][0]["fee"]["amount"].int == 18000, "back to following the rules: 90837's rate")
            #expect(reset.json["changed"][0]["feeSource"].string == "serviceRate")
            let gone = try await fixture.api.delete("/api/v1/sessions/\(id)")
            #expect(gone.json["deleted"].array.count == 1)
            #expect(try await fixture.api.get("/api/v1/sessions/\(id)").status == .notFound)
            #expect(try await fixture.api.get("/api/v1/sessions/not-a-uuid").status == .notFound)
        }
    }
}

extension String {
    var urlEncoded: String { addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? self }
}
