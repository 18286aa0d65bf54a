import Foundation

/// An invoice still owing money, as payment allocation sees it.
public struct OpenInvoice: Sendable, Hashable {
    public let id: UUID
    public let number: Int
    public let issueDate: LocalDate
    public let balance: Money

    public init(id: UUID, number: Int, issueDate: LocalDate, balance: Money) {
        self.id = id
        self.number = number
        self.issueDate = issueDate
        self.balance = balance
    }
}

/// An amount of a payment put against one invoice.
public struct Allocation: Sendable, Hashable {
    public let invoiceID: UUID
    public let amount: Money
}

public enum InvoiceMath {
    /// An invoice's total: the sum of its lines.
    public static func total(of lines: [Money], currency: Currency) throws(MoneyError) -> Money {
        try Money.sum(lines, currency: currency)
    }

    /// What is still owed on an invoice: its total less the payments applied to it.
    public static func balance(total: Money, applied: Money) throws(MoneyError) -> Money {
        try total - applied
    }

    /// Puts up to `available` against `invoices`, oldest first (issue date, then number), never
    /// more than an invoice's balance. What is not allocated stays with the client as credit.
    public static func allocateOldestFirst(
        _ available: Money, to invoices: [OpenInvoice]
    ) throws(MoneyError) -> [Allocation] {
        var remaining = available
        var allocations: [Allocation] = []
        let ordered = invoices.sorted { ($0.issueDate, $0.number) < ($1.issueDate, $1.number) }
        for invoice in ordered where remaining.amount > 0 && invoice.balance.amount > 0 {
            let amount = min(remaining.amount, invoice.balance.amount)
            let portion = Money(amount: amount, currency: available.currency)
            allocations.append(Allocation(invoiceID: invoice.id, amount: portion))
            remaining = try remaining - portion
        }
        return allocations
    }
}

/// How long an unpaid invoice has been outstanding.
public enum AgingBucket: String, Sendable, Codable, CaseIterable {
    case current = "0-30"
    case days31to60 = "31-60"
    case days61to90 = "61-90"
    case over90 = "90+"

    /// The bucket of an invoice issued on `issued`, seen on `today`.
    public init(issued: LocalDate, today: LocalDate) {
        let starts = Self.earliestDays(today: today)
        self = zip(Self.allCases, starts).first { issued >= $0.1 }?.0 ?? .over90
    }

    /// The earliest issue date of each bucket but the last (which has none), in bucket order: for
    /// a report that sums each bucket in SQL.
    public static func earliestDays(today: LocalDate) -> [LocalDate] {
        [30, 60, 90].map { today.adding(days: -$0) }
    }
}
