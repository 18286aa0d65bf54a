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
                    #expect(
                        price.serviceID == therapy45 && price.fee.amount == Int64(10_000 + index), "client \(index)")
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

    @Test func rulesReadWithTheServicesAreTheRulesAndTheServicesReadApart() async throws {
        try await withRapport { app in
            // setup: a client with a fee of its own and 90837 as its default; 90837 deactivated, and a
            // group service of 90 minutes added
            let practice = try await PracticeFixture.make(app)
            let client = try #require(UUID(uuidString: try await practice.makeClient()))
            let therapy60 = try #require(UUID(uuidString: practice.therapy60))
            let setRules = try await practice.api.patch(
                "/api/v1/clients/\(client)/billing",
                """
                {"defaultServiceId": "\(practice.therapy60)",
                 "fees": [{"serviceId": "\(practice.therapy45)", "amount": \(practice.money(12000))}]}
                """)
            #expect(setRules.status == .ok, "\(setRules.text)")
            let group = try await practice.api.post(
                "/api/v1/services",
                #"{"code": "90853", "description": "Group", "durationMinutes": 90, "rate": {"amount": 6000, "currency": "USD"}}"#
            )
            #expect(group.status == .created, "\(group.text)")
            let deactivated = try await practice.api.patch(
                "/api/v1/services/\(practice.therapy60)", #"{"active": false}"#)
            #expect(deactivated.status == .ok, "\(deactivated.text)")

            // act
            let practiceID = try #require(try await Client.find(client, on: app.db)).practiceID
            let context = try await PracticeContext.load(practiceID, on: app.db)
            let loader = PricingRulesLoader(database: app.db, practice: context)
            let (rules, services) = try await loader.rulesAndServices(forClient: client)
            let apart = try await Lookup(database: app.db, practiceID: practiceID).servicesByID()

            // check: the same prices as the rules read alone, and every service as the catalogue reads it
            let alone = try await loader.rules(forClient: client)
            let day = try #require(LocalDate("2026-06-01"))
            for chosen in [nil, therapy60] + Array(apart.keys) {
                let request = PricingRequest(date: day, chosenServiceID: chosen)
                let together = try? Pricing.price(request, rules: rules)
                let separate = try? Pricing.price(request, rules: alone)
                #expect(together?.serviceID == separate?.serviceID && together?.fee == separate?.fee)
                #expect(together?.feeSource == separate?.feeSource)
            }
            #expect(try Pricing.price(PricingRequest(date: day), rules: rules).serviceID == therapy60)
            #expect(services.count == 3)
            #expect(Set(services.keys) == Set(apart.keys))
            for (id, service) in apart {
                let read = try #require(services[id])
                #expect(read.code == service.code && read.description == service.description)
                #expect(read.durationMinutes == service.durationMinutes && read.active == service.active)
            }
            #expect(services[therapy60]?.active == false)
            #expect(services.values.contains { $0.code == "90853" && $0.durationMinutes == 90 && $0.active })
        }
    }
}
