import Fluent
import Foundation
import RapportCore

/// What a client owed, or had in credit, when the practice moved to Rapport. Owed, it is an
/// invoice with no sessions whose total is brought forward (payments apply to it, statements and
/// the aging report show it like any invoice); in credit, it is an unapplied payment marked as
/// brought forward. A client has one; setting it again replaces it while nothing has been paid
/// against or applied from it, and leaves it alone when nothing changed.
struct OpeningBalances {
    let database: any Database
    let actor: Actor

    /// A client's opening balance in Rapport: the invoice or the credit that holds it.
    struct Current {
        var invoice: Invoice?
        var credit: Payment?

        /// Owed positive, credit negative, in minor units.
        var amount: Int64 { invoice?.broughtForward ?? -(credit?.amount ?? 0) }
        var asOf: LocalDate? { invoice?.issueDate ?? credit?.receivedOn }
    }

    func current(clientID: UUID) async throws -> Current? {
        let invoice = try await Invoice.query(on: database).filter(\.$practiceID == actor.practiceID)
            .filter(\.$clientID == clientID).filter(\.$origin == .openingBalance).filter(\.$deletedAt == nil).first()
        let credit = try await Payment.query(on: database).filter(\.$practiceID == actor.practiceID)
            .filter(\.$clientID == clientID).filter(\.$broughtForward == true).first()
        guard invoice != nil || credit != nil else { return nil }
        return Current(invoice: invoice, credit: credit)
    }

    /// Sets the client's opening balance to `amount` (negative: the practice owes the client) as of
    /// `asOf`, inside the caller's transaction. Refused when the balance it would replace has been
    /// paid or applied.
    func set(clientID: UUID, amount: Money, asOf: LocalDate, practice: PracticeContext) async throws
        -> ImportRun.Change
    {
        let existing = try await current(clientID: clientID)
        if let existing, existing.amount == amount.amount, existing.asOf == asOf { return .unchanged }
        if existing == nil, amount.amount == 0 { return .unchanged }
        var replaced: Invoice?
        if let invoice = existing?.invoice {
            guard invoice.paid == 0 else {
                throw UseCaseError.conflict(
                    "opening_balance_paid",
                    "the client's opening balance (invoice #\(invoice.number), \(practice.money(invoice.total).shown)) has \(practice.money(invoice.paid).shown) in payments applied; unapply them on the invoice's page to import a different balance"
                )
            }
            _ = try await Invoicing(database: database, actor: actor).delete(
                try invoice.requireID(), reason: "opening balance imported again")
            replaced = invoice
        }
        if let credit = existing?.credit {
            guard credit.applied == 0 else {
                throw UseCaseError.conflict(
                    "opening_credit_applied",
                    "\(practice.money(credit.applied).shown) of the client's opening credit (\(practice.money(credit.amount).shown)) is applied to invoices; unapply it to import a different balance"
                )
            }
            try await AuditLog(database: database, actor: actor).record(
                "delete", "payment", id: try credit.requireID(),
                before: PaymentDetails(credit, applications: [], practice: practice))
            try await credit.delete(on: database)
        }
        if amount.amount > 0 {
            let id = try await InvoiceWriter(database: database, practice: practice, actor: actor)
                .createOpeningBalance(clientID: clientID, amount: amount, asOf: asOf)
            if let replaced {
                replaced.replacedByInvoiceID = id
                try await replaced.save(on: database)
            }
        } else if amount.amount < 0 {
            // The client's credit from the previous product: a payment no invoice has taken yet.
            _ = try await Payments(database: database, actor: actor).create(
                clientID: clientID, receivedOn: asOf, amount: -amount.amount, method: "other",
                reference: "Credit brought forward", broughtForward: true, practice: practice, on: database)
        }
        return existing == nil ? .added : .updated
    }
}
