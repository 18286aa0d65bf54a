import Fluent
import Foundation
import Testing

@testable import RapportApp
@testable import RapportCore

/// A client's coverage is read with its payers' names and dated rates in one statement: what each
/// session is allowed follows the rate in force on its day, and another practice's payers never
/// show.
struct CoverageBookTests {
    @Test func theCoverageReadsEveryPayersNameAndDatedRatesAndNoOtherPractices() async throws {
        try await withRapport { app in
            // setup: Aetna allows $98 for 90834 now and $104 from 30 days on, Cigna $80 for 90837;
            // the client has an Aetna policy; another practice has a payer and a rate of its own
            let insured = try await SessionBillingTests.Insured.make(app)
            let setup = insured.setup
            let later = try await insured.api.post(
                "/api/v1/payers/\(setup.aetna)/rates",
                """
                {"serviceId": "\(setup.practice.therapy45)", "amount": \(setup.practice.money(10400)),
                 "effectiveFrom": "\(setup.today.adding(days: 30))"}
                """)
            #expect(later.status == .ok, "\(later.text)")
            let cigna = try await insured.api.post(
                "/api/v1/payers/\(setup.cigna)/rates",
                #"{"serviceId": "\#(setup.practice.therapy60)", "amount": \#(setup.practice.money(8000))}"#)
            #expect(cigna.status == .ok, "\(cigna.text)")
            let other = try await SecondPractice.make(app)
            let theirs = try await other.api.post("/api/v1/payers", PayerTests.aetna)
            #expect(theirs.status == .created, "\(theirs.text)")
            let client = try #require(UUID(uuidString: insured.client))
            let practiceID = try #require(try await Client.find(client, on: app.db)).practiceID
            let practice = try await PracticeContext.load(practiceID, on: app.db)

            // act
            let book = try await CoverageBook.load(practiceID: practiceID, clientIDs: [client], on: app.db)

            // check: both of this practice's payers by name, none of the other's; each day's rate
            let aetna = try #require(UUID(uuidString: setup.aetna))
            let cignaID = try #require(UUID(uuidString: setup.cigna))
            #expect(book.payerNames == [aetna: "Aetna", cignaID: "Cigna"])
            #expect(book.hasPolicies(client) && book.selfPaying.isEmpty)
            let therapy45 = try #require(UUID(uuidString: setup.practice.therapy45))
            func allowed(daysFromToday days: Int) -> Money? {
                let start = Date().addingTimeInterval(Double(days) * 86_400)
                guard
                    case .insurance(_, let payer, let allowed, _, _) = book.route(
                        client: client, start: start, attendance: .show, serviceID: therapy45, fee: 15_000,
                        selfPay: nil, practice: practice)
                else { return nil }
                #expect(payer == aetna)
                return allowed
            }
            #expect(allowed(daysFromToday: 0) == Money(amount: 9800, currency: .usd))
            #expect(allowed(daysFromToday: 31) == Money(amount: 10400, currency: .usd))
            let uninsured = try #require(UUID(uuidString: try await setup.practice.makeClient("Blair", "Okafor")))
            let none = try await CoverageBook.load(practiceID: practiceID, clientIDs: [uninsured], on: app.db)
            #expect(!none.hasPolicies(uninsured) && none.payerNames.isEmpty)
            let everyone = try await CoverageBook.load(practiceID: practiceID, clientIDs: nil, on: app.db)
            #expect(everyone.hasPolicies(client) && !everyone.hasPolicies(uninsured))
            #expect(everyone.payerNames == [aetna: "Aetna", cignaID: "Cigna"])
        }
    }
}
