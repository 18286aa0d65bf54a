import Foundation
import Testing

@testable import RapportCore

struct BillingMathTests {
    let usd = Currency.usd
    func money(_ amount: Int64) -> Money { Money(amount: amount, currency: usd) }
    func day(_ text: String) -> LocalDate { LocalDate(text)! }

    @Test func paymentsGoToTheOldestInvoiceFirst() throws {
        let older = OpenInvoice(id: UUID(), number: 7, issueDate: day("2026-10-01"), balance: money(15000))
        let newer = OpenInvoice(id: UUID(), number: 9, issueDate: day("2026-11-01"), balance: money(15000))
        let allocations = try InvoiceMath.allocateOldestFirst(money(20000), to: [newer, older])
        #expect(
            allocations == [
                Allocation(invoiceID: older.id, amount: money(15000)),
                Allocation(invoiceID: newer.id, amount: money(5000)),
            ])
    }

    @Test func whatIsLeftOverIsNotAllocated() throws {
        let invoice = OpenInvoice(id: UUID(), number: 1, issueDate: day("2026-10-01"), balance: money(5000))
        #expect(try InvoiceMath.allocateOldestFirst(money(9000), to: [invoice]).map(\.amount) == [money(5000)])
    }

    /// Property: allocation never exceeds a balance or the payment, and uses all it can.
    @Test func allocationIsBoundedAndComplete() throws {
        var random = SplitMix64(seed: 11)
        for _ in 0..<500 {
            let invoices = (0..<Int.random(in: 0...6, using: &random)).map { number in
                OpenInvoice(
                    id: UUID(), number: number,
                    issueDate: day("2026-01-01").adding(days: Int.random(in: 0...300, using: &random)),
                    balance: money(Int64.random(in: 0...50_000, using: &random)))
            }
            let payment = money(Int64.random(in: 1...120_000, using: &random))
            let allocations = try InvoiceMath.allocateOldestFirst(payment, to: invoices)
            let total = allocations.reduce(0) { $0 + $1.amount.amount }
            #expect(total == min(payment.amount, invoices.reduce(0) { $0 + $1.balance.amount }))
            for allocation in allocations {
                let invoice = invoices.first { $0.id == allocation.invoiceID }
                #expect(allocation.amount.amount > 0 && allocation.amount.amount <= (invoice?.balance.amount ?? 0))
            }
        }
    }

    @Test func monthlyPeriodsAreCalendarMonths() {
        #expect(InvoiceMode.monthly.period(containing: day("2028-02-14")) == day("2028-02-01")...day("2028-02-29"))
        #expect(InvoiceMode.monthly.isDue(day("2026-11-30"), through: day("2026-11-30")))
        #expect(!InvoiceMode.monthly.isDue(day("2026-11-03"), through: day("2026-11-29")))
        #expect(InvoiceMode.daily.isDue(day("2026-11-28"), through: day("2026-11-28")))
        #expect(!InvoiceMode.manual.isDue(day("2026-01-01"), through: day("2026-11-28")))
    }

    @Test(arguments: InvoiceMode.allCases)
    func theLastDueDateSplitsDueFromNotDue(mode: InvoiceMode) {
        let start = day("2027-12-20")
        for offset in 0..<80 {
            let through = start.adding(days: offset)
            let last = mode.lastDueDate(through: through)
            for date in (0..<120).map({ start.adding(days: $0 - 40) }) {
                #expect(mode.isDue(date, through: through) == (last.map { date <= $0 } ?? false), "\(mode) \(date) \(through)")
            }
        }
        #expect(InvoiceMode.monthly.lastDueDate(through: day("2028-03-15")) == day("2028-02-29"))
        #expect(InvoiceMode.monthly.lastDueDate(through: day("2028-03-31")) == day("2028-03-31"))
        #expect(InvoiceMode.daily.lastDueDate(through: day("2028-03-15")) == day("2028-03-15"))
    }

    @Test(arguments: [
        (-5, AgingBucket.current), (0, .current), (30, .current), (31, .days31to60), (60, .days31to60),
        (61, .days61to90), (90, .days61to90), (91, .over90), (400, .over90),
    ])
    func agingBuckets(days: Int, bucket: AgingBucket) {
        #expect(AgingBucket(issued: day("2026-01-01"), today: day("2026-01-01").adding(days: days)) == bucket)
    }
}
