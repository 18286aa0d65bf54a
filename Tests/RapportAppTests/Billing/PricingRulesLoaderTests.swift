import Fluent
import Foundation
import Testing

@testable import RapportApp
@testable import RapportCore

/// The pricing rules of many clients are read in one statement for each chunk of clients, with
/// the practice's service rates in the first: a client in any chunk is priced by its own rules
/// and by the rates.
struct PricingRulesLoaderTests {
    @Test func clientsPastOneStatementAreEachPricedByTheirOwnRulesAndTheRates() async throws {
        try await withRapport { app in
            // setup: one client through the API, with no rules of its own, and more clients than one
            // statement takes: each with a fee of its own for 90834, every other one with 90837 as its default
            let practice = try await PracticeFixture.make(app)
            let plain = try #require(UUID(uuidString: try await practice.makeClient()))
            let therapy45 = try #require(UUID(uuidString: practice.therapy45))
            let therapy60 = try #require(UUID(uuidString: practice.therapy60))
            let practiceID = try #require(try await Client.find(plain, on: app.db)).practiceID
            var clients = BulkRows(
                Client.schema,
                columns: ["id", "practice_id", "first_name", "last_name", "search_name", "status", "self_pay"])
            var fees = BulkRows(
                ClientFee.schema, columns: ["id", "practice_id", "client_id", "service_id", "amount", "effective_from"])
            var defaults = BulkRows(
                ClientDefaultService.schema,
                columns: ["id", "practice_id", "client_id", "service_id", "effective_from"])
            let many = (0...IDsPerStatement.limit / 2).map { _ in UUID() }
            for (index, id) in many.enumerated() {
                clients.add([id, practiceID, "Client", "\(index)", "client \(index)", "active", false])
                fees.add([UUID(), practiceID, id, therapy45, Int64(10_000 + index), "2020-01-01"])
                if index.isMultiple(of: 2) { defaults.add([UUID(), practiceID, id, therapy60, "2020-01-01"]) }
            }
            try await clients.flush(on: app.db)
            try await fees.flush(on: app.db)
            try await defaults.flush(on: app.db)

            // act
            let context = try await PracticeContext.load(practiceID, on: app.db)
            let rules = try await PricingRulesLoader(database: app.db, practice: context)
                .rules(forClients: many + [plain])

            // check: each client's own fee or default, the rates for the rest, the plain client at the practice's
            let day = try #require(LocalDate("2026-06-01"))
            #expect(rules.count == many.count + 1)
            for (index, id) in many.enumerated() {
                let price = try Pricing.price(PricingRequest(date: day), rules: try #require(rules[id]))
                if index.isMultiple(of: 2) {
                    #expect(price.serviceID == therapy60 && price.fee.amount == 18_000, "client \(index)")
                    #expect(price.feeSource == .serviceRate, "client \(index)")
                } else {
                    #expect(price.serviceID == therapy45 && price.fee.amount == Int64(10_000 + index), "client \(index)")
                    #expect(price.feeSource == .clientFee, "client \(index)")
                }
            }
            let plainPrice = try Pricing.price(PricingRequest(date: day), rules: try #require(rules[plain]))
            #expect(plainPrice.serviceID == therapy45 && plainPrice.fee.amount == 15_000)
            #expect(plainPrice.feeSource == .serviceRate)
            let one = try await PricingRulesLoader(database: app.db, practice: context).rules(forClient: many[1])
            #expect(try Pricing.price(PricingRequest(date: day), rules: one).fee.amount == 10_001)
        }
    }
}
