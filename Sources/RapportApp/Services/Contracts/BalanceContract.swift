import Foundation
import RapportCore

struct ClientBalance: Codable, Sendable {
    struct Unbilled: Codable, Sendable {
        let sessions: Int
        let amount: Money
    }

    let clientId: UUID
    /// Total of live invoices.
    let invoiced: Money
    /// Payments applied to those invoices.
    let paid: Money
    /// What invoices still owe.
    let openBalance: Money
    /// Payments not applied to any invoice.
    let credit: Money
    /// Open balance less credit: what the client owes (negative: what the practice holds).
    let balance: Money
    /// Past sessions not yet invoiced — shown apart, never netted against credit.
    let unbilled: Unbilled
    /// Past sessions that bill an insurer and are not yet on a claim, at their charges.
    let unclaimed: Unbilled
}

struct LedgerEntry: Codable, Sendable {
    let date: LocalDate
    /// `invoice`, `payment` or `invoiceDeleted`.
    let kind: String
    let description: String
    /// Positive for a charge, negative for a payment or a deleted invoice.
    let amount: Money
    let balance: Money
    let invoiceId: UUID?
    let paymentId: UUID?
}

struct OutstandingReport: Codable, Sendable {
    struct Row: Codable, Sendable {
        let clientId: UUID
        let clientName: String
        let openBalance: Money
        let credit: Money
        let balance: Money
        /// Open invoice balances by age of invoice: `0-30`, `31-60`, `61-90`, `90+` days.
        let aging: [String: Money]
    }

    let asOf: LocalDate
    /// One page of the clients, largest balance first (`?limit=&offset=`).
    let clients: [Row]
    /// How many clients owe or hold credit in all; the totals below cover every one of them.
    let clientCount: Int
    let totalOpen: Money
    let aging: [String: Money]
}

struct Party: Codable, Sendable {
    let name: String
    let dateOfBirth: LocalDate?
}

struct Superbill: Codable, Sendable {
    struct Line: Codable, Sendable {
        let dateOfService: LocalDate?
        let serviceCode: String
        let description: String
        let clinician: String
        let fee: Money
        let charged: Money
        let paid: Money
    }

    let practice: String
    let clinicians: [String]
    let client: Party
    let from: LocalDate
    let to: LocalDate
    let lines: [Line]
    let totalCharged: Money
    let totalPaid: Money
}

struct Statement: Codable, Sendable {
    struct OpenInvoiceRow: Codable, Sendable {
        let invoiceId: UUID
        let number: Int
        let issueDate: LocalDate?
        let total: Money
        let paid: Money
        let balance: Money
    }

    let practice: String
    let client: Party
    let from: LocalDate
    let to: LocalDate
    let openingBalance: Money
    let entries: [LedgerEntry]
    let closingBalance: Money
    let openInvoices: [OpenInvoiceRow]
}
