import Fluent
import Foundation
import RapportCore
import SQLKit

/// A client's superbill (``Superbills``, for insurance reimbursement) and statement, for a date range.
struct ClientDocuments {
    let database: any Database
    let actor: Actor

    func superbill(_ clientID: UUID, from: LocalDate, to: LocalDate) async throws -> SuperbillResult {
        try await Superbills(database: database, actor: actor).superbill(clientID, from: from, to: to)
    }

    func statement(_ clientID: UUID, from: LocalDate, to: LocalDate) async throws -> Statement {
        let (practice, row, client) = try await load(clientID)
        let ledger = Self.clientsView(try await Ledger(database: database, practice: practice).entries(clientID))
        let opening = ledger.last { $0.date < from }?.balance.amount ?? 0
        let entries = ledger.filter { $0.date >= from && $0.date <= to }
        let open = try await Invoice.query(on: database).filter(\.$clientID == clientID).filter(\.$deletedAt == nil)
            .filter(.sql(unsafeRaw: "paid < total")).sort(\.$issueDate).all()
        let closing = entries.last?.balance.amount ?? opening
        let provider = try await BillingProviderRow.query(on: database).filter(\.$practiceID == practice.id).first()
        return Statement(
            practice: row.name,
            practiceContact: PracticeContact(
                address: provider.map {
                    AddressDetails(
                        PostalAddress(
                            line1: $0.addressLine1, line2: $0.addressLine2, city: $0.addressCity,
                            state: $0.addressState, zip: $0.addressZIP))
                },
                phone: provider?.phone.map(PhoneNumber.shown), taxId: provider.flatMap(Self.employerNumber)),
            client: client, from: from, to: to, issuedOn: practice.today,
            dueOn: practice.today.adding(days: row.paymentDueDays), amountDue: practice.money(max(0, closing)),
            openingBalance: practice.money(opening),
            entries: entries,
            closingBalance: practice.money(closing),
            openInvoices: try open.map {
                .init(
                    invoiceId: try $0.requireID(), number: $0.number, issueDate: $0.issueDate,
                    total: practice.money($0.total),
                    paid: practice.money($0.paid), balance: practice.money($0.total - $0.paid))
            },
            insurance: try await claims(clientID, from: from, to: to, practice: practice))
    }

    /// The practice's EIN as written (`12-3456789`); a practice billing under a person's SSN keeps
    /// it off what clients are sent.
    private static func employerNumber(_ provider: BillingProviderRow) -> String? {
        guard let id = TaxID(provider.taxID, kind: provider.taxIDKind), id.kind == .ein else { return nil }
        return "\(id.digits.prefix(2))-\(id.digits.dropFirst(2))"
    }

    /// The account as the client reads it: an invoice the practice deleted and its deletion are the
    /// practice's history (who deleted it and why stay on the invoice's page), and cancel each other
    /// out, so both leave the statement and the running balances are summed without them.
    static func clientsView(_ ledger: [LedgerEntry]) -> [LedgerEntry] {
        let deleted = Set(ledger.filter { $0.kind == "invoiceDeleted" }.compactMap(\.invoiceId))
        var owed: Int64 = 0
        var insurers: Int64 = 0
        return ledger.filter { entry in
            !(["invoice", "invoiceDeleted"].contains(entry.kind) && entry.invoiceId.map(deleted.contains) == true)
        }.map { entry in
            owed += entry.amount.amount
            insurers += entry.insurerAmount.amount
            return LedgerEntry(
                date: entry.date, kind: entry.kind, description: entry.description, amount: entry.amount,
                balance: Money(amount: owed, currency: entry.amount.currency), insurerAmount: entry.insurerAmount,
                insurerBalance: Money(amount: insurers, currency: entry.insurerAmount.currency),
                invoiceId: entry.invoiceId, paymentId: entry.paymentId, claimId: entry.claimId)
        }
    }

    /// The client's claims sent for services in the period, with what their payers did.
    private func claims(
        _ clientID: UUID, from: LocalDate, to: LocalDate, practice: PracticeContext
    ) async throws -> [Statement.ClaimSummary] {
        let claims = try await ClaimRow.read(on: database) {
            $0.where("practice_id", .equal, practice.id).where("client_id", .equal, clientID)
                .where("frequency", .notEqual, ClaimFrequency.void.rawValue)
                .where("submitted_at", .isNot, SQLLiteral.null)
                .where("date_from", .lessThanOrEqual, to.description).where("date_to", .greaterThanOrEqual, from.description)
        }
        let payers = try await RemittanceImport.payerNames(on: database, practiceID: practice.id)
        // A secondary claim is billed what its primary left the client: the balance moved to it.
        let carried = PatientResponsibilityRow.carried(
            try await PatientResponsibilityRow.query(on: database).filter(\.$clientID == clientID)
                .filter(\.$claimPaymentID == nil).all())
        return try claims.sorted { ($0.dateFrom, $0.number) < ($1.dateFrom, $1.number) }.map { claim in
            let id = try claim.requireID()
            let secondary = claim.priorClaimID != nil
            let charged = secondary ? carried[id] ?? 0 : claim.total
            return Statement.ClaimSummary(
                claimId: id, number: claim.number,
                payer: (payers[claim.payerID] ?? "") + (secondary ? " (secondary)" : ""), dateFrom: claim.dateFrom,
                dateTo: claim.dateTo, charged: practice.money(charged), insurerPaid: practice.money(claim.paid),
                adjusted: practice.money(
                    ClaimStatus.answered.contains(claim.status) ? charged - claim.paid - claim.patientResponsibility : 0),
                patientResponsibility: practice.money(claim.patientResponsibility), status: claim.status.words)
        }
    }

    private func load(_ clientID: UUID) async throws -> (PracticeContext, Practice, Party) {
        guard let practice = try await Practice.find(actor.practiceID, on: database) else {
            throw UseCaseError.notFound("practice")
        }
        let client = try await Lookup(database: database, actor: actor).client(clientID)
        return (
            try PracticeContext(practice), practice,
            Party(
                name: "\(client.firstName) \(client.lastName)",
                dateOfBirth: client.dateOfBirth)
        )
    }
}
