import Fluent
import Foundation
import RapportCore

/// A person's decision on a remittance exception, which takes it off Needs attention: post the
/// claim payment to the claim they name (through the same posting rules), or record that the
/// money is kept as an unapplied insurer payment, refunded to the payer, or written off, and why.
/// Every decision is audited.
struct RemittanceExceptions {
    let database: any Database
    let actor: Actor

    static let actions = ["matchClaim", "unappliedPayment", "refund", "writeOff"]

    func resolve(_ id: UUID, _ input: RemittanceExceptionResolution) async throws -> RemittanceExceptionEntry {
        try await database.writeTransaction(practice: actor.practiceID) { db in
            try RemittanceImport.requireEveryClient(actor)
            guard
                let exception = try await RemittanceExceptionRow.query(on: db).filter(\.$id == id)
                    .filter(\.$practiceID == actor.practiceID).first()
            else { throw UseCaseError.notFound("remittance exception") }
            guard exception.resolvedAt == nil else {
                throw UseCaseError.conflict(
                    "already_resolved", "this was already resolved by \(exception.resolvedByName ?? "someone"): \(exception.resolution ?? "")")
            }
            var errors = FieldErrors()
            if !Self.actions.contains(input.action) {
                errors.add("action", "must be one of " + Self.actions.joined(separator: ", "))
            }
            let reason = TextInput.optional(input.reason, field: "reason", limit: 200, errors: &errors)
            if input.action != "matchClaim", reason == nil, errors.fields["reason"] == nil {
                errors.add("reason", "is required: say why, for whoever reads the record later")
            }
            try errors.throwIfAny()
            let resolution: String
            switch input.action {
            case "matchClaim": resolution = try await match(exception, to: input.claimId, on: db)
            case "unappliedPayment": resolution = "kept as an unapplied payment from the payer: \(reason ?? "")"
            case "refund": resolution = "to be refunded to the payer: \(reason ?? "")"
            default: resolution = "written off: \(reason ?? "")"
            }
            (exception.resolution, exception.action) = (resolution, input.action)
            (exception.resolvedAt, exception.resolvedByName) = (Date(), actor.name)
            try await exception.save(on: db)
            try await AuditLog(database: db, actor: actor).record(
                "resolve", "remittanceException", id: id,
                after: ["action": input.action, "resolution": resolution, "claimId": exception.claimID?.uuidString ?? ""])
            return try await Remittances(database: db, actor: actor).entry(exception)
        }
    }

    /// Posts the exception's claim payment to the claim named, as the posting rules decide; a
    /// claim they refuse is named under `claimId` with their reason. Returns the resolution's words.
    private func match(_ exception: RemittanceExceptionRow, to claimID: UUID?, on db: any Database) async throws -> String {
        guard ["unmatchedClaim", "unmatchedLine"].contains(exception.kind) else {
            throw UseCaseError.invalid(
                "action", "only a claim or line that matched nothing can be matched to a claim; refund, write off or keep it as unapplied")
        }
        guard let claimID else { throw UseCaseError.invalid("claimId", "is required: the claim this payment is for") }
        guard
            let claim = try await ClaimRow.read(on: db, {
                $0.where("id", .equal, claimID).where("practice_id", .equal, actor.practiceID)
            }).first,
            let remittanceRow = try await RemittanceRow.find(exception.remittanceID, on: db)
        else { throw UseCaseError.invalid("claimId", "does not name a claim of this practice") }
        let remittances = try Remittance835Parser.parse(remittanceRow.file)
        guard var remittance = remittances.first,
            var payment = remittance.claims.first(where: { claim in
                claim.segment == exception.segment || claim.lines.contains { $0.segment == exception.segment }
            })
        else { throw UseCaseError.conflict("file_changed", "the remittance no longer holds this claim payment") }
        // The payer's claim payment, named as the claim the person chose.
        payment.patientControlNumber = claim.patientControlNumber
        (remittance.claims, remittance.providerAdjustments) = ([payment], [])
        let importer = RemittanceImport(database: db, actor: actor)
        let onFile = RemittanceImport.onFile(claim, lines: try await ClaimLineRow.read(claims: [claimID], on: db))
        let plan = RemittancePosting.plan(
            remittance, practiceNPIs: try await importer.practiceNPIs(on: db),
            claims: [onFile.patientControlNumber: onFile])
        if let refusal = plan.exceptions.first { throw UseCaseError.invalid("claimId", refusal.description) }
        guard let posting = plan.claims.first else { throw UseCaseError.invalid("claimId", "nothing in it posts to that claim") }
        let entries = try await importer.post(
            [(posting, claim)], remittance: exception.remittanceID, payerName: remittance.payer.name,
            postedOn: try await PracticeContext.of(actor, on: db).today, on: db)
        try await AuditLog(database: db, actor: actor).record(entries)
        exception.claimID = claimID
        return "posted to claim #\(claim.number) by hand"
    }
}
