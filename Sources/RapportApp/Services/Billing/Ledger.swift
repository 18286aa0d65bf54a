import Fluent
import Foundation
import RapportCore
import SQLKit

/// A client's account in date order, in two running balances: what the client owes (invoices,
/// patient responsibility, payments) and what insurers owe (claims sent, less what each
/// remittance paid, adjusted, or moved to the client). Patient responsibility moves an amount from
/// the insurers' column to the client's the day it is posted; the invoice that later bills it
/// adds only its sessions, so nothing is counted twice.
struct Ledger {
    let database: any Database
    let practice: PracticeContext

    /// One entry before it has its running balances.
    private struct Item {
        let date: LocalDate
        /// Orders entries of one day: claims, then what their payers did, then invoices, then payments.
        let order: (Int, Int)
        let kind: String
        let description: String
        let client: Int64
        let insurer: Int64
        var invoiceID: UUID? = nil
        var paymentID: UUID? = nil
        var claimID: UUID? = nil
    }

    func entries(_ clientID: UUID) async throws -> [LedgerEntry] {
        var items = try await invoiceItems(clientID)
        for payment in try await Payment.query(on: database).filter(\.$clientID == clientID).all() {
            let reference = payment.reference.map { " \($0)" } ?? ""
            items.append(
                Item(
                    date: payment.receivedOn, order: (3, 0), kind: "payment",
                    description: "Payment (\(payment.method))\(reference)", client: -payment.amount, insurer: 0,
                    paymentID: payment.id))
        }
        items += try await claimItems(clientID)
        var client: Int64 = 0
        var insurer: Int64 = 0
        return items.sorted { ($0.date, $0.order.0, $0.order.1) < ($1.date, $1.order.0, $1.order.1) }.map { item in
            client += item.client
            insurer += item.insurer
            return LedgerEntry(
                date: item.date, kind: item.kind, description: item.description, amount: practice.money(item.client),
                balance: practice.money(client), insurerAmount: practice.money(item.insurer),
                insurerBalance: practice.money(insurer), invoiceId: item.invoiceID, paymentId: item.paymentID,
                claimId: item.claimID)
        }
    }

    /// Invoices and their deletions; an invoice adds what it bills beyond patient responsibility,
    /// which the ledger already counted when it was posted.
    private func invoiceItems(_ clientID: UUID) async throws -> [Item] {
        var items: [Item] = []
        for invoice in try await Invoice.query(on: database).filter(\.$clientID == clientID).all() {
            let issued = invoice.issueDate
            let sessions = invoice.total - invoice.patientResponsibility
            let owed = invoice.patientResponsibility == 0
                ? "" : " (with \(practice.money(invoice.patientResponsibility).shown) patient responsibility, already owed)"
            items.append(
                Item(
                    date: issued, order: (2, invoice.number * 2), kind: "invoice",
                    description: invoice.origin == .openingBalance
                        ? "Balance brought forward (invoice #\(invoice.number))" : "Invoice #\(invoice.number)\(owed)",
                    client: sessions, insurer: 0,
                    invoiceID: invoice.id))
            if let deletedAt = invoice.deletedAt {
                let reason = invoice.deletedReason.map { ": \($0)" } ?? ""
                items.append(
                    Item(
                        date: max(issued, practice.date(of: deletedAt)), order: (2, invoice.number * 2 + 1),
                        kind: "invoiceDeleted",
                        description: "Invoice #\(invoice.number) deleted by \(invoice.deletedByName ?? "")\(reason)",
                        client: -sessions, insurer: 0, invoiceID: invoice.id))
            }
        }
        return items
    }

    /// Each claim sent, what its payer's remittances paid and adjusted, the patient responsibility
    /// they moved to the client, and a claim voided or replaced leaving the insurers' column.
    private func claimItems(_ clientID: UUID) async throws -> [Item] {
        let claims = try await ClaimRow.read(on: database) {
            $0.where("practice_id", .equal, practice.id).where("client_id", .equal, clientID)
                .where("frequency", .notEqual, ClaimFrequency.void.rawValue)
                .where("submitted_at", .isNot, SQLLiteral.null)
        }
        guard !claims.isEmpty else { return [] }
        let payers = try await RemittanceImport.payerNames(on: database, practiceID: practice.id)
        let byID = Dictionary(uniqueKeysWithValues: claims.compactMap { claim in claim.id.map { ($0, claim) } })
        let claimIDs = Array(byID.keys)
        let owed = try await PatientResponsibilityRow.query(on: database).filter(\.$practiceID == practice.id)
            .filter(\.$clientID == clientID).all()
        // What a secondary claim carries: what its primary left the client, moved to it.
        let carried = PatientResponsibilityRow.carried(owed)
        var items: [Item] = []
        for claim in claims {
            guard let submitted = claim.submittedAt else { continue }
            let payer = payers[claim.payerID] ?? "the insurer"
            // A secondary's charge is already in the insurers' column: what it carries moved there.
            let secondary = claim.priorClaimID != nil
            items.append(
                Item(
                    date: practice.date(of: submitted), order: (0, claim.number * 8), kind: "claim",
                    description: "Claim #\(claim.number) sent to \(payer)\(secondary ? " (secondary)" : "")", client: 0,
                    insurer: secondary ? 0 : claim.total, claimID: claim.id))
        }
        var remaining = Dictionary(uniqueKeysWithValues: claims.compactMap { claim in claim.id.map { ($0, claim.total) } })
        let payments = try await ClaimPaymentRow.query(on: database).filter(\.$claimID ~~ claimIDs).sort(\.$postedAt).all()
        for payment in payments {
            guard let claim = byID[payment.claimID] else { continue }
            let date = practice.date(of: payment.postedAt ?? Date())
            let payer = payers[claim.payerID] ?? "the insurer"
            var adjusted = payment.writtenOff + payment.otherAdjustments
            if claim.priorClaimID != nil, let id = claim.id {
                // The secondary's adjustments include what the primary already settled (OA-23),
                // which its carried amount never held.
                adjusted -= (payment.statusCode == ClaimPaymentStatus.reversal.rawValue ? -1 : 1)
                    * (claim.total - (carried[id] ?? 0))
            }
            remaining[payment.claimID, default: 0] -= payment.paid + adjusted + payment.patientResponsibility
            if payment.paid != 0 {
                items.append(
                    Item(
                        date: date, order: (1, claim.number * 8), kind: "insurerPayment",
                        description: payment.paid > 0
                            ? "\(payer) paid claim #\(claim.number)"
                            : "\(payer) took back its payment on claim #\(claim.number)",
                        client: 0, insurer: -payment.paid, claimID: claim.id))
            }
            if adjusted != 0 {
                items.append(
                    Item(
                        date: date, order: (1, claim.number * 8 + 1), kind: "adjustment",
                        description: "\(payer) adjusted claim #\(claim.number)"
                            + (payment.writtenOff != 0 ? ": \(practice.money(payment.writtenOff).shown) written off under contract" : ""),
                        client: 0, insurer: -adjusted, claimID: claim.id))
            }
        }
        for row in owed {
            items.append(
                Item(
                    date: row.postedOn, order: (1, row.claimNumber * 8 + 2), kind: "patientResponsibility",
                    description: row.description, client: row.amount, insurer: -row.amount, claimID: row.claimID))
        }
        // A voided or replaced claim leaves the insurers' column the day its void or replacement was made.
        let closing = try await ClaimRow.read(on: database) {
            $0.where("practice_id", .equal, practice.id).where("replaces_claim_id", .in, claimIDs)
        }
        for successor in closing {
            guard let id = successor.replacesClaimID, let claim = byID[id], let left = remaining[id], left != 0,
                [ClaimStatus.voided, .replaced].contains(claim.status)
            else { continue }
            items.append(
                Item(
                    date: practice.date(of: successor.createdAt ?? Date()), order: (1, claim.number * 8 + 3),
                    kind: "claimClosed",
                    description: "Claim #\(claim.number) \(claim.status == .voided ? "voided" : "replaced by claim #\(successor.number)")",
                    client: 0, insurer: -left, claimID: claim.id))
        }
        return items
    }
}
