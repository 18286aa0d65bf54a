import Fluent
import Foundation
import RapportCore
import SQLKit

extension RemittanceImport {
    /// What posting wrote: the remittance, its exceptions in plan order, and when.
    struct Posted: Sendable {
        let id: UUID
        let exceptionIDs: [UUID]
        let postedAt: Date?
    }

    /// Writes the plan: the remittance, each claim payment with its adjustments and the claim's new
    /// status and sums, the provider adjustments and the exceptions, audited.
    func write(_ reading: Reading, file: String, on db: any Database) async throws -> Posted {
        let remittance = reading.remittance
        let row = RemittanceRow()
        (row.practiceID, row.payerID, row.payerName, row.payerKey) = (
            actor.practiceID, reading.payerID, remittance.payer.name, reading.payerKey
        )
        (row.traceNumber, row.payment, row.paymentMethod, row.paidOn) = (
            remittance.traceNumber, remittance.payment.amount, remittance.paymentMethod, remittance.paymentDate
        )
        (row.file, row.claimsPosted, row.exceptions, row.postedByName) = (
            file, reading.plan.claims.count, reading.plan.exceptions.count, actor.name
        )
        try await row.create(on: db)
        let remittanceID = try row.requireID()
        var audit: [AuditLog.Entry] = [
            AuditLog.Entry(
                action: "post", entityType: "remittance", id: remittanceID,
                after: [
                    "trace": remittance.traceNumber, "payment": "\(remittance.payment.amount)",
                    "claims": "\(reading.plan.claims.count)", "exceptions": "\(reading.plan.exceptions.count)",
                ])
        ]
        // A claim's status as this posting moves it (a reversal, then its re-adjudication).
        var statuses: [UUID: ClaimStatus] = [:]
        for posting in reading.plan.claims {
            guard let claim = reading.claims[posting.patientControlNumber.uppercased()] else { continue }
            let claimID = try claim.requireID()
            let before = statuses[claimID] ?? claim.status
            audit.append(try await post(posting, to: claim, from: before, remittance: remittanceID, on: db))
            statuses[claimID] = Self.status(posting.standing)
        }
        for adjustment in reading.plan.providerAdjustments {
            let provider = ProviderAdjustmentRow()
            (provider.practiceID, provider.remittanceID, provider.reason) = (actor.practiceID, remittanceID, adjustment.reason)
            (provider.reference, provider.amount, provider.fiscalPeriodEnd) = (
                adjustment.reference, adjustment.amount.amount, adjustment.fiscalPeriodEnd
            )
            try await provider.create(on: db)
        }
        var exceptionIDs: [UUID] = []
        for exception in reading.plan.exceptions {
            let row = RemittanceExceptionRow()
            (row.practiceID, row.remittanceID, row.kind) = (actor.practiceID, remittanceID, exception.kind.rawValue)
            row.patientControlNumber = exception.patientControlNumber
            row.claimID = exception.patientControlNumber.flatMap { reading.claims[$0.uppercased()]?.id }
            (row.amount, row.segment, row.description) = (exception.amount.amount, exception.segment, exception.description)
            try await row.create(on: db)
            exceptionIDs.append(try row.requireID())
        }
        try await AuditLog(database: db, actor: actor).record(audit)
        return Posted(id: remittanceID, exceptionIDs: exceptionIDs, postedAt: row.postedAt)
    }

    /// Posts one claim payment to `claim`: its row and adjustments, and the claim moved from
    /// `before` (and only from it: a claim another request posted since rolls everything back) with
    /// its sums. Returns the audit entry.
    func post(
        _ posting: RemittancePosting.ClaimPosting, to claim: ClaimRow, from before: ClaimStatus, remittance: UUID,
        on db: any Database
    ) async throws -> AuditLog.Entry {
        let claimID = try claim.requireID()
        let after = Self.status(posting.standing)
        let payment = ClaimPaymentRow()
        (payment.practiceID, payment.remittanceID, payment.claimID) = (actor.practiceID, remittance, claimID)
        (payment.statusCode, payment.charge, payment.paid) = (
            posting.payment.status.rawValue, posting.payment.charge.amount, posting.paid.amount
        )
        (payment.writtenOff, payment.patientResponsibility, payment.otherAdjustments) = (
            posting.writtenOff.amount, posting.patientResponsibility.amount, posting.otherAdjustments.amount
        )
        (payment.payerClaimNumber, payment.standing) = (posting.payment.payerClaimNumber, after.rawValue)
        payment.linesMatchedByDate = posting.lines.filter(\.matchedByDateCodeAndCharge).count
        try await payment.create(on: db)
        var adjustments = BulkRows(
            ClaimAdjustmentRow.schema,
            columns: [
                "id", "practice_id", "claim_payment_id", "claim_line_id", "position", "group_code", "reason", "amount",
                "quantity",
            ])
        let paymentID = try payment.requireID()
        // The claim's own adjustments, then each line's, in the remittance's order.
        let listed = posting.payment.adjustments.map { ($0, UUID?.none) }
            + posting.lines.flatMap { line in
                line.payment.adjustments.map { ($0, ClaimRow.id(patientControlNumber: line.lineID)) }
            }
        for (position, (adjustment, line)) in listed.enumerated() {
            adjustments.add([
                UUID(), actor.practiceID, paymentID, line, position, adjustment.group.rawValue, adjustment.reason,
                adjustment.amount.amount, adjustment.quantity,
            ])
        }
        try await adjustments.flush(on: db)
        var update = try db.sql().update(ClaimRow.schema).set("status", to: after.rawValue)
            .set(SQLIdentifier("paid"), to: SQLBinaryExpression(SQLIdentifier("paid"), .add, SQLBind(posting.paid.amount)))
            .set(
                SQLIdentifier("written_off"),
                to: SQLBinaryExpression(SQLIdentifier("written_off"), .add, SQLBind(posting.writtenOff.amount)))
            .set(
                SQLIdentifier("patient_responsibility"),
                to: SQLBinaryExpression(
                    SQLIdentifier("patient_responsibility"), .add, SQLBind(posting.patientResponsibility.amount)))
        if !posting.isReversal, !posting.payment.payerClaimNumber.isEmpty {
            update = update.set("payer_claim_number", to: posting.payment.payerClaimNumber)
        }
        let moved = try await update.where("id", .equal, claimID).where("status", .equal, before.rawValue)
            .returning("id").all()
        guard moved.count == 1 else {
            throw UseCaseError.conflict(
                "claim_changed", "claim #\(claim.number) changed while this was posted; nothing was posted: try again")
        }
        return AuditLog.Entry(
            action: posting.isReversal ? "reverse payment" : "payment", entityType: "claim", id: claimID,
            before: ["status": before.rawValue],
            after: [
                "status": after.rawValue, "paid": "\(posting.paid.amount)",
                "patientResponsibility": "\(posting.patientResponsibility.amount)",
                "writtenOff": "\(posting.writtenOff.amount)", "remittanceId": remittance.uuidString,
            ])
    }
}
