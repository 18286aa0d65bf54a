import Fluent
import Foundation
import SQLKit
import Testing
import Vapor

@testable import RapportApp

struct AuditTests {
    @Test func everyChangeIsChainedAndTheChainChecksOut() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            _ = try await fixture.makeClient()
            let events = try await AuditEvent.query(on: app.db).sort(\.$sequence).all()
            #expect(events.map(\.sequence) == Array(1...events.count))
            #expect(zip(events.dropFirst(), events).allSatisfy { $0.previousHash == $1.hash })
            let reports = try await AuditChain.verify(on: app.db)
            #expect(reports.count == 1)
            #expect(reports.first?.problems == [])
        }
    }

    @Test func aChangedEventIsFound() async throws {
        // It breaks the data on purpose.
        try await withRapport(checkingIntegrity: false) { app in
            let fixture = try await PracticeFixture.make(app)
            _ = try await fixture.makeClient()
            try await app.db.sql().raw(
                "UPDATE audit_events SET after = '{\"name\":\"someone else\"}' WHERE sequence = 2"
            ).run()
            let problems = try await AuditChain.verify(on: app.db).flatMap(\.problems)
            #expect(problems == ["event 2 was changed after it was recorded"])
        }
    }

    @Test func aRemovedEventIsFoundWhereverItWas() async throws {
        // It breaks the data on purpose.
        try await withRapport(checkingIntegrity: false) { app in
            let fixture = try await PracticeFixture.make(app)
            _ = try await fixture.makeClient()
            let newest = try await AuditEvent.query(on: app.db).count()
            try await app.db.sql().raw("DELETE FROM audit_events WHERE sequence = 2").run()
            #expect(try await AuditChain.verify(on: app.db).flatMap(\.problems).contains("events 2…2 are missing"))
            try await app.db.sql().raw("DELETE FROM audit_events WHERE sequence = \(bind: newest)").run()
            #expect(
                try await AuditChain.verify(on: app.db).flatMap(\.problems).contains {
                    $0.hasPrefix("the newest events")
                })
        }
    }

    @Test func concurrentChangesStillMakeOneUnbrokenChain() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        _ = try await fixture.api.post(
                            "/api/v1/clients", #"{"firstName": "Client", "lastName": "\#(index)"}"#)
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await Client.query(on: app.db).count() == 8)
            #expect(try await AuditChain.verify(on: app.db).flatMap(\.problems) == [])
        }
    }

    @Test func readingAClientsRecordIsAuditedAndOwnersCanSeeIt() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let client = try await fixture.makeClient()
            _ = try await fixture.api.get("/api/v1/clients/\(client)")
            _ = try await fixture.api.get("/api/v1/clients/\(client)/billing")
            let trail = try await fixture.api.get("/api/v1/audit-events?entityId=\(client)")
            #expect(trail.json.array.map { $0["action"].string } == ["read", "read", "create"])
            #expect(trail.json[0]["actorName"].string == "Maya Chen")
            #expect(try await fixture.api.get("/api/v1/audit-events?from=yesterday").status == .unprocessableEntity)
        }
    }
    /// Looks at client screens arriving together are written together (``ReadAudits``): each is
    /// still recorded once, under the name of whoever looked, answered only once it is written,
    /// and the chain stays unbroken.
    @Test func looksArrivingTogetherAreEachRecordedOnceUnderTheirOwnName() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            let clinician = try await PracticeFixture.clinician(app, addedBy: fixture.api)
            let sam = try #require(
                try await User.query(on: app.db).filter(\.$email == "sam@example.com").first()?.clinicianID)
            var clients: [String] = []
            for index in 0..<12 {
                let client = try await fixture.makeClient("Client", "\(index)")
                let moved = try await fixture.api.patch("/api/v1/clients/\(client)", #"{"primaryClinicianId": "\#(sam)"}"#)
                #expect(moved.status == .ok, "\(moved.text)")
                clients.append(client)
            }
            // Each client looked at once by each of two people, all at once.
            let looks = clients.flatMap { [($0, fixture.api, "Maya Chen"), ($0, clinician, "Sam")] }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (client, api, name) in looks {
                    group.addTask {
                        let reply = try await api.get("/api/v1/clients/\(client)/overview")
                        #expect(reply.status == .ok, "\(reply.text)")
                        // Answered only once its look is written: the trail already holds this one.
                        let mine = try await AuditEvent.query(on: app.db).filter(\.$action == "read")
                            .filter(\.$entityID == UUID(uuidString: client) ?? UUID()).filter(\.$actorName == name).count()
                        #expect(mine == 1, "\(name)'s look at \(client) was answered before it was recorded")
                    }
                }
                try await group.waitForAll()
            }
            let reads = try await AuditEvent.query(on: app.db).filter(\.$action == "read").all()
            #expect(reads.count == 24 && Set(reads.map(\.entityID)) == Set(clients.compactMap { UUID(uuidString: $0) }))
            #expect(Dictionary(grouping: reads, by: \.actorName).mapValues(\.count) == ["Maya Chen": 12, "Sam": 12])
            #expect(Set(reads.map(\.sequence)).count == 24, "each look its own place in the chain")
            #expect(try await AuditChain.verify(on: app.db).flatMap(\.problems) == [])
        }
    }

    /// When the write of looks together fails, every look it carried is refused — nothing is shown
    /// that was not recorded — and the practice's turn passes on, so the looks after it are written.
    /// (A turn not passed on leaves the looks waiting for ever: the limit makes that a failure. It is
    /// wall-clock time from the test's start, which a whole suite run on two cores stretches.)
    @Test(.timeLimit(.minutes(10))) func aFailedWriteOfLooksFailsEachOfThemAndTheNextLooksAreWritten() async throws {
        try await withRapport { app in
            let fixture = try await PracticeFixture.make(app)
            var clients: [String] = []
            for index in 0..<6 { clients.append(try await fixture.makeClient("Client", "\(index)")) }
            // An event already in the chain's next place makes every write of the chain fail.
            let newest = try #require(try await AuditEvent.query(on: app.db).sort(\.$sequence, .descending).first())
            let blocker = AuditEvent()
            blocker.practiceID = newest.practiceID
            blocker.actorName = "blocker"
            blocker.at = Date()
            blocker.entityType = "client"
            blocker.entityID = UUID()
            blocker.action = "blocker"
            blocker.sequence = newest.sequence + 1
            blocker.previousHash = newest.hash
            blocker.hash = ""
            try await blocker.save(on: app.db)

            func lookAtEach() async throws -> [HTTPStatus] {
                try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                    for client in clients + clients {
                        group.addTask { try await fixture.api.get("/api/v1/clients/\(client)/overview").status }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
            }
            let refused = try await lookAtEach()
            #expect(refused.count == 12 && refused.allSatisfy { $0 == .internalServerError }, "\(refused)")
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "read").count() == 0)

            try await blocker.delete(on: app.db)
            let answered = try await lookAtEach()
            #expect(answered.count == 12 && answered.allSatisfy { $0 == .ok }, "\(answered)")
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "read").count() == 12)
            #expect(try await AuditChain.verify(on: app.db).flatMap(\.problems) == [])
        }
    }
}
