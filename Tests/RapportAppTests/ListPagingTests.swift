import Foundation
import Testing
import Vapor

@testable import RapportApp

/// Lists shown a page at a time: rows that tie on the list's order (payments of one day, clients
/// of one name) come in one order, so walking the pages shows each row once.
struct ListPagingTests {
    /// The ids of `list` read `limit` at a time from offset 0 until a short page.
    func paged(_ api: APIClient, _ list: String, limit: Int) async throws -> [String] {
        var ids: [String] = []
        while true {
            let separator = list.contains("?") ? "&" : "?"
            let page = try await api.get("\(list)\(separator)limit=\(limit)&offset=\(ids.count)")
            #expect(page.status == .ok, "\(page.text)")
            ids += page.json.array.compactMap { $0["id"].string }
            if page.json.array.count < limit { return ids }
        }
    }

    @Test func paymentsOfOneDayArePagedOnceEachNewestDayFirst() async throws {
        try await withRapport { app in
            // setup: seven payments received yesterday and three today, made in no order of id
            let fixture = try await PracticeFixture.make(app)
            let client = try await fixture.makeClient()
            var made: [(day: String, id: String)] = []
            for day in [fixture.date(daysFromToday: -1), fixture.date(daysFromToday: 0)] {
                for _ in 0..<(made.isEmpty ? 7 : 3) {
                    let payment = try await fixture.api.post(
                        "/api/v1/payments",
                        """
                        {"clientId": "\(client)", "amount": \(fixture.money(1000)), "method": "cash", "receivedOn": "\(day)"}
                        """)
                    #expect(payment.status == .created, "\(payment.text)")
                    made.append((day, payment.json["id"].string ?? ""))
                }
            }
            // act
            let whole = try await fixture.api.get("/api/v1/payments?limit=100").json.array.compactMap {
                $0["id"].string
            }
            let pages = try await paged(fixture.api, "/api/v1/payments", limit: 2)
            // check: newest day first, the id breaking ties, and every payment once across the pages
            let expected = made.sorted { $0.day != $1.day ? $0.day > $1.day : $0.id < $1.id }.map(\.id)
            #expect(whole == expected)
            #expect(pages == expected)
        }
    }

    @Test func clientsOfOneNameArePagedOnceEach() async throws {
        try await withRapport { app in
            // setup: five clients named Kim Lee among others
            let fixture = try await PracticeFixture.make(app)
            var lees: [String] = []
            for index in 0..<8 {
                let id =
                    try await index.isMultiple(of: 3)
                    ? fixture.makeClient("Ana", "Diaz") : fixture.makeClient("Kim", "Lee")
                if !index.isMultiple(of: 3) { lees.append(id) }
            }
            // act
            let pages = try await paged(fixture.api, "/api/v1/clients?search=lee", limit: 2)
            // check
            #expect(pages == lees.sorted())
            #expect(try await paged(fixture.api, "/api/v1/clients", limit: 3).count == 8)
        }
    }

    @Test func aSearchFindsWhatWasTypedWildcardsIncluded() async throws {
        try await withRapport { app in
            // setup
            let fixture = try await PracticeFixture.make(app)
            let underscored = try await fixture.makeClient("Ann", "O_Neil")
            _ = try await fixture.makeClient("Ann", "ONeil")
            let percent = try await fixture.makeClient("Bo", "100%")
            _ = try await fixture.makeClient("Bo", "1000")
            let backslash = try await fixture.makeClient("Cy", #"A\\B"#)
            // act
            func found(_ search: String) async throws -> [String] {
                let query = search.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                return try await fixture.api.get("/api/v1/clients?search=\(query)").json.array.compactMap {
                    $0["id"].string
                }
            }
            // check: `_` and `%` are the characters typed, not LIKE's any-one and any-many
            #expect(try await found("o_n") == [underscored])
            #expect(try await found("_") == [underscored])
            #expect(try await found("100%") == [percent])
            #expect(try await found("%") == [percent])
            #expect(try await found(#"a\b"#) == [backslash])
            #expect(try await found("ann").count == 2)
        }
    }
}
