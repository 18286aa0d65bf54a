import Foundation
import RapportCore
import Testing

@testable import RapportApp

struct OutstandingPageTests {
    private func report(rows: Int, of count: Int) -> OutstandingReport {
        let money = Money(amount: 15000, currency: .usd)
        return OutstandingReport(
            asOf: LocalDate(year: 2026, month: 11, day: 29) ?? .distantPast,
            clients: (0..<rows).map { index in
                .init(
                    clientId: UUID(), clientName: "Client \(index)", openBalance: money, credit: .zero(.usd),
                    balance: money, aging: ["0-30": money])
            }, clientCount: count, totalOpen: Money(amount: 15000 * Int64(count), currency: .usd),
            aging: ["0-30": Money(amount: 15000 * Int64(count), currency: .usd)], payers: [],
            insurersOwe: .zero(.usd), payerAging: [:])
    }

    private let context = PageContext(userName: "Maya", practiceName: "Riverside", csrf: "x", section: .billing)

    @Test func aMiddlePageLinksBothWays() {
        let html = OutstandingPage(report: report(rows: 100, of: 250), offset: 100, context: context).render()
        #expect(html.contains("Clients 101–200 of 250"))
        #expect(html.contains(#"href="/billing/outstanding?offset=0""#))
        #expect(html.contains(#"href="/billing/outstanding?offset=200""#))
        #expect(html.contains("$37,500.00"), "the total covers all 250 clients")
    }

    @Test func aSinglePageHasNoPager() {
        let html = OutstandingPage(report: report(rows: 3, of: 3), offset: 0, context: context).render()
        #expect(!html.contains("offset="))
    }

    @Test func aPagePastTheEndSaysSo() {
        let html = OutstandingPage(report: report(rows: 0, of: 250), offset: 900, context: context).render()
        #expect(html.contains("No clients on this page; 250 in all."))
        #expect(html.contains(#"href="/billing/outstanding?offset=800""#))
    }
}
