import Fluent
import Foundation
import Testing
import Vapor

@testable import RapportApp

/// A row read by ``ModelRows`` is the model Fluent's own query reads, every column of it, and it
/// saves as an update; another practice's id finds nothing.
struct ModelRowsTests {
    /// The model as Fluent encodes it: every property, by key.
    private func encoded<M: Model>(_ model: M?) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(try #require(model)), as: UTF8.self)
    }

    private func same<M: Model>(_ model: M.Type, _ id: String, practiceID: UUID, on db: any Database) async throws
    where M.IDValue == UUID {
        let id = try #require(UUID(uuidString: id))
        let fluent = try await M.find(id, on: db)
        let read = try await ModelRows.find(model, id: id, practiceID: practiceID, on: db)
        #expect(try encoded(read) == encoded(fluent), "\(model)")
        #expect(read?._$id.exists == true, "\(model) read as stored")
        #expect(try await ModelRows.find(model, id: id, practiceID: UUID(), on: db) == nil, "another practice's")
    }

    @Test func eachLookedUpModelReadsAsFluentReadsItAndSavesAsAnUpdate() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let practiceID = try await onlyPractice(app)
            let client = try await fixture.makeClient(
                extra: #", "email": "avery@example.com", "dateOfBirth": "1990-04-02""#)
            let series = try await fixture.api.post(
                "/api/v1/series",
                """
                {"clientId": "\(client)", "clinicianId": "\(fixture.clinicianID)",
                 "start": "\(fixture.localStart(daysFromToday: 1))", "frequency": "weekly", "count": 3}
                """)
            #expect(series.status == .created, "\(series.text)")
            let session = try #require(series.json["occurrences"].array.first?["id"].string)
            let patched = try await fixture.api.patch(
                "/api/v1/sessions/\(session)",
                #"{"location": "Room 2", "fee": \#(fixture.money(12000)), "diagnoses": ["F41.1"]}"#)
            #expect(patched.status == .ok, "\(patched.text)")
            try await same(Client.self, client, practiceID: practiceID, on: app.db)
            try await same(Clinician.self, fixture.clinicianID, practiceID: practiceID, on: app.db)
            try await same(Service.self, fixture.therapy45, practiceID: practiceID, on: app.db)
            try await same(Session.self, session, practiceID: practiceID, on: app.db)
            let seriesID = try #require(series.json["id"].string)
            try await same(Series.self, seriesID, practiceID: practiceID, on: app.db)

            let clientID = try #require(UUID(uuidString: client))
            let read = try #require(
                try await ModelRows.find(Client.self, id: clientID, practiceID: practiceID, on: app.db))
            read.phone = "555-0100"
            try await app.db.writeTransaction(practice: practiceID) { db in try await read.save(on: db) }
            #expect(try await Client.query(on: app.db).count() == 1, "saved as an update, not a second client")
            #expect(try await Client.query(on: app.db).first()?.phone == "555-0100")
        }
    }
}
