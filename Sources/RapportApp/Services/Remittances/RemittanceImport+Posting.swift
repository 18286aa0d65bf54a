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

    static let paymentColumns = [
        "id", "practice_id", "remittance_id", "claim_id", "status_code", "charge", "paid", "written_off",
        "patient_responsibility", "other_adjustments", "payer_claim_number", "standing", "lines_matched_by_date",
        "posted_at",
    ]
    static let adjustmentColumns = [
        "id", "practice_id", "claim_payment_id", "claim_line_id", "position", "group_code", "reason", "amount", "quantity",
    ]
    static let exceptionColumns = [
        "id", "practice_id", "remittance_id", "kind", "patient_control_number", "claim_id", "amount", "segment",
        "description",
    ]

    /// Writes the plan: the remittance, each claim payment with its adjustments and the claim's new
    /// status and sums, the provider adjustments and the exceptions, audited — a handful of
    /// statements however many claims the file pays.
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
        let postings = reading.plan.claims.compactMap { posting in
            reading.claims[posting.patientControlNumber.uppercased()].map { (posting: posting, claim: $0) }
        }
        audit += try await post(
            postings, remittance: remittanceID, payerName: remittance.payer.name,
            postedOn: try await PracticeContext.of(actor, on: db).today, on: db)
        var providers = BulkRows(
            ProviderAdjustmentRow.schema,
            columns: ["id", "practice_id", "remittance_id", "reason", "reference", "amount", "fiscal_period_end"])
        for adjustment in reading.plan.providerAdjustments {
            providers.add([
                UUID(), actor.practiceID, remittanceID, adjustment.reason, adjustment.reference, adjustment.amount.amount,
                adjustment.fiscalPeriodEnd?.description,
            ])
        }
        try await providers.flush(on: db)
        var exceptions = BulkRows(RemittanceExceptionRow.schema, columns: Self.exceptionColumns)
        let exceptionIDs = reading.plan.exceptions.map { _ in UUID() }
        for (exception, id) in zip(reading.plan.exceptions, exceptionIDs) {
            exceptions.add([
                id, actor.practiceID, remittanceID, exception.kind.rawValue, exception.patientControlNumber,
                exception.patientControlNumber.flatMap { reading.claims[$0.uppercased()]?.id }, exception.amount.amount,
                exception.segment, exception.description,
            ])
        }
        try await exceptions.flush(on: db)
        try await AuditLog(database: db, actor: actor).record(audit)
        return Posted(id: remittanceID, exceptionIDs: exceptionIDs, postedAt: row.postedAt)
    }

    /// The practice's payers' names by id: how the client's invoice names who paid.
    static func payerNames(on db: any Database, practiceID: UUID) async throws -> [UUID: String] {
        let payers = try await Payer.query(on: db).filter(\.$practiceID == practiceID).all()
        return Dictionary(payers.compactMap { payer in payer.id.map { ($0, payer.name) } }, uniquingKeysWith: { $1 })
    }

    /// A claim's move in one posting: from the status it had, to the one the payment leaves it in,
    /// with the sums the payment adds.
    private struct ClaimMove {
        let claim: ClaimRow
        let before: ClaimStatus
        let posting: RemittancePosting.ClaimPosting

        var values: [any Encodable & Sendable] {
            let keepsNumber = posting.isReversal || posting.payment.payerClaimNumber.isEmpty
            return [
                claim.id, before.rawValue, RemittanceImport.status(posting.standing).rawValue, posting.paid.amount,
                posting.writtenOff.amount, posting.patientResponsibility.amount, Int64(keepsNumber ? 0 : 1),
                posting.payment.payerClaimNumber,
            ]
        }
    }

    /// Posts claim payments to their claims, in the file's order: each payment's row and
    /// adjustments, what it leaves to the client, and each claim moved from the status it had (and
    /// only from it: a claim another request posted since rolls everything back) with its sums —
    /// multi-row inserts and one `UPDATE … FROM (VALUES …)` per few thousand claims (a claim the
    /// file pays twice, a reversal then its re-adjudication, moves in a second round). Then each
    /// claim's secondary is made or withdrawn. Returns the audit entries.
    func post(
        _ postings: [(posting: RemittancePosting.ClaimPosting, claim: ClaimRow)], remittance: UUID, payerName fallback: String,
        postedOn: LocalDate, on db: any Database
    ) async throws -> [AuditLog.Entry] {
        let payers = try await Self.payerNames(on: db, practiceID: actor.practiceID)
        var payments = BulkRows(ClaimPaymentRow.schema, columns: Self.paymentColumns)
        var adjustments = BulkRows(ClaimAdjustmentRow.schema, columns: Self.adjustmentColumns)
        var owed = BulkRows(PatientResponsibilityRow.schema, columns: PatientResponsibilityRow.columns)
        var rounds: [[ClaimMove]] = []
        var statuses: [UUID: ClaimStatus] = [:]
        var moves: [UUID: Int] = [:]
        var last: [UUID: (posting: RemittancePosting.ClaimPosting, claim: ClaimRow)] = [:]
        var audit: [AuditLog.Entry] = []
        let now = Date()
        for (posting, claim) in postings {
            let claimID = try claim.requireID()
            let before = statuses[claimID] ?? claim.status
            let after = Self.status(posting.standing)
            statuses[claimID] = after
            let round = moves[claimID, default: 0]
            moves[claimID] = round + 1
            if rounds.count <= round { rounds.append([]) }
            rounds[round].append(ClaimMove(claim: claim, before: before, posting: posting))
            last[claimID] = (posting, claim)
            let paymentID = UUID()
            payments.add([
                paymentID, actor.practiceID, remittance, claimID, posting.payment.status.rawValue,
                posting.payment.charge.amount, posting.paid.amount, posting.writtenOff.amount,
                posting.patientResponsibility.amount, posting.otherAdjustments.amount, posting.payment.payerClaimNumber,
                after.rawValue, posting.lines.filter(\.matchedByDateCodeAndCharge).count, now,
            ])
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
            if posting.patientResponsibility.amount != 0 {
                owed.add(
                    try PatientResponsibilityRow.posted(
                        posting.patientResponsibility.amount, claim: claim, payment: paymentID,
                        payerName: payers[claim.payerID] ?? fallback, on: postedOn
                    ).values)
            }
            audit.append(
                AuditLog.Entry(
                    action: posting.isReversal ? "reverse payment" : "payment", entityType: "claim", id: claimID,
                    before: ["status": before.rawValue],
                    after: [
                        "status": after.rawValue, "paid": "\(posting.paid.amount)",
                        "patientResponsibility": "\(posting.patientResponsibility.amount)",
                        "writtenOff": "\(posting.writtenOff.amount)", "remittanceId": remittance.uuidString,
                    ]))
        }
        try await payments.flush(on: db)
        try await adjustments.flush(on: db)
        try await owed.flush(on: db)
        for round in rounds { try await move(round, on: db) }
        // What the file leaves each claim in decides its secondary: a reversal withdraws one not
        // sent yet; a payment that leaves the client a balance makes one.
        let secondaries = SecondaryClaims(database: db, actor: actor)
        for (posting, claim) in postings where posting.isReversal {
            try await secondaries.withdraw(after: claim, on: postedOn)
        }
        try await secondaries.make(
            after: last.values.filter { !$0.posting.isReversal }.map { ($0.claim, $0.posting.patientResponsibility.amount) },
            on: postedOn)
        return audit
    }

    /// Moves the claims of one round, each only from the status it was read in.
    private func move(_ round: [ClaimMove], on db: any Database) async throws {
        let sql = try db.sql()
        // Eight bound values per claim.
        for chunk in round.chunks(of: IDsPerStatement.limit / 8) {
            let values = SQLList(chunk.map { move in SQLGroupExpression(move.values.map { SQLBind($0) }) })
            let moved = try await sql.raw(
                """
                UPDATE claims SET status = v.column3, paid = claims.paid + v.column4,
                  written_off = claims.written_off + v.column5,
                  patient_responsibility = claims.patient_responsibility + v.column6,
                  payer_claim_number = CASE WHEN v.column7 = 1 THEN v.column8 ELSE claims.payer_claim_number END
                FROM (VALUES \(values)) AS v
                WHERE claims.id = v.column1 AND claims.status = v.column2
                RETURNING claims.id
                """
            ).all()
            guard moved.count == chunk.count else {
                let movedIDs = Set(try moved.map { try $0.decode(column: "id", as: UUID.self) })
                let changed = chunk.first { $0.claim.id.map { !movedIDs.contains($0) } ?? true }
                throw UseCaseError.conflict(
                    "claim_changed",
                    "claim #\(changed?.claim.number ?? 0) changed while this was posted; nothing was posted: try again")
            }
        }
    }
}
