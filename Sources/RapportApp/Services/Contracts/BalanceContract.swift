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
    /// Patient responsibility insurers' remittances left the client, not yet on an invoice.
    let patientResponsibility: Money
    /// Open balance and patient responsibility, less credit: what the client owes (negative: what
    /// the practice holds).
    let balance: Money
    /// What insurers still owe on the client's claims: those sent and awaiting payment.
    let insurersOwe: Money
    /// Past sessions not yet invoiced — shown apart, never netted against credit.
    let unbilled: Unbilled
    /// Past sessions that bill an insurer and are not yet on a claim, at their charges.
    let unclaimed: Unbilled
}

struct LedgerEntry: Codable, Sendable {
    let date: LocalDate
    /// `invoice`, `invoiceDeleted`, `payment`; for insurance `claim`, `insurerPayment`, `adjustment`,
    /// `patientResponsibility` and `claimClosed`.
    let kind: String
    let description: String
    /// What it adds to what the client owes: positive for a charge or patient responsibility,
    /// negative for a payment or a deleted invoice.
    let amount: Money
    /// What the client owes after it.
    let balance: Money
    /// What it adds to what insurers owe: a claim sent adds its charge; a payment, an adjustment
    /// and patient responsibility take from it.
    let insurerAmount: Money
    /// What insurers owe after it.
    let insurerBalance: Money
    let invoiceId: UUID?
    let paymentId: UUID?
    let claimId: UUID?
}

struct OutstandingReport: Codable, Sendable {
    struct Row: Codable, Sendable {
        let clientId: UUID
        let clientName: String
        let openBalance: Money
        let credit: Money
        let balance: Money
        /// What the client owes by age: open invoices by issue date, patient responsibility not yet
        /// invoiced by the day it was posted; `0-30`, `31-60`, `61-90`, `90+` days.
        let aging: [String: Money]
    }

    /// A payer's claims awaiting payment, by age since they were sent.
    struct PayerRow: Codable, Sendable {
        let payerId: UUID
        let payerName: String
        let claims: Int
        let owed: Money
        let aging: [String: Money]
        /// Payments from the payer a person kept unapplied: the payer's credit.
        let unapplied: Money
    }

    let asOf: LocalDate
    /// One page of the clients, largest balance first (`?limit=&offset=`).
    let clients: [Row]
    /// How many clients owe or hold credit in all; the totals below cover every one of them.
    let clientCount: Int
    let totalOpen: Money
    let aging: [String: Money]
    /// Every payer with claims awaiting payment or unapplied payments, largest first.
    let payers: [PayerRow]
    let insurersOwe: Money
    let payerAging: [String: Money]
}

/// The practice as a client's document names it.
struct PracticeContact: Codable, Sendable {
    let address: AddressDetails?
    let phone: String?
    /// The practice's EIN; absent when it bills under a person's SSN, which a client is not sent.
    let taxId: String?
}

struct Party: Codable, Sendable {
    let name: String
    let dateOfBirth: LocalDate?
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
    /// Where the client writes, calls or pays: from Settings → Billing provider, when filled in.
    let practiceContact: PracticeContact
    let client: Party
    let from: LocalDate
    let to: LocalDate
    /// The day the statement was made (today, in the practice's zone).
    let issuedOn: LocalDate
    /// When the amount due is to be paid: `issuedOn` plus the practice's `paymentDueDays`.
    let dueOn: LocalDate
    /// The closing balance when the client owes; zero when they owe nothing or are in credit.
    let amountDue: Money
    let openingBalance: Money
    let entries: [LedgerEntry]
    let closingBalance: Money
    let openInvoices: [OpenInvoiceRow]
    /// The claims for the period's services: what each insurer paid and what is the client's.
    let insurance: [ClaimSummary]

    struct ClaimSummary: Codable, Sendable {
        let claimId: UUID
        let number: Int
        let payer: String
        let dateFrom: LocalDate
        let dateTo: LocalDate
        let charged: Money
        let insurerPaid: Money
        /// Written off under the practice's contract or otherwise adjusted: nobody owes it.
        let adjusted: Money
        /// What the insurer left the client to pay.
        let patientResponsibility: Money
        /// In words: awaiting payment, paid, partly paid, denied, closed, voided or replaced.
        let status: String
    }
}
