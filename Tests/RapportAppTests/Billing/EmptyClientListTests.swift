import Fluent
import Foundation
import SQLKit
import Testing

@testable import RapportApp

/// The billing check's line queries asked for no clients match no line, on either database:
/// PostgreSQL refuses the empty `IN ()` that SQLite takes (`SQLQueryString.column(_:in:)`).
struct EmptyClientListTests {
    @Test func theBillingChecksLineQueriesForNoClientsMatchNoLine() async throws {
        try await withRapport { app in
            let practice = try await PracticeFixture.make(app)
            let client = try #require(UUID(uuidString: try await practice.makeClient()))
            let session = try await practice.book(client.uuidString, daysFromToday: -2, attendance: "show")
            _ = try await practice.invoice(client.uuidString, [session])
            let practiceID = try #require(try await Practice.query(on: app.db).first()).requireID()
            let sql = try app.db.sql()
            let billed = { (clients: [UUID]) in
                try await sql.raw(BillingComparison.billedLines(practiceID: practiceID, clientIDs: clients, from: nil))
                    .all()
            }
            #expect(try await billed([client]).count == 1, "the client's invoiced session is a billed line")
            #expect(try await billed([]).isEmpty)
            let claimed = try await sql.raw(BillingComparison.claimedLines(practiceID: practiceID, clientIDs: []))
                .all()
            #expect(claimed.isEmpty)
        }
    }
}
