import Fluent
import Foundation
import RapportCore
import SQLKit

/// What changes a sent claim: a void (frequency 8) or a replacement (frequency 7), each naming the
/// payer's number for the claim it refers to and sent in the next batch. The sent claim is never
/// edited: it stays as it went, marked voided or replaced.
extension Claims {
    /// Voids a sent claim: a copy with frequency 8 goes to the payer; its sessions are unclaimed and
    /// follow the client's current rules again.
    func void(_ id: UUID, _ input: ClaimCorrectionInput) async throws -> ClaimDetails {
        let voidID = try await database.writeTransaction(practice: actor.practiceID) { db -> UUID in
            let (original, payerNumber) = try await sent(id, input, on: db)
            let practice = try await PracticeContext.of(actor, on: db)
            let number = try await PracticeCounters.reserve(.claim, count: 1, practiceID: actor.practiceID, on: db)
            let void = ClaimRow()
            (void.practiceID, void.number, void.clientID, void.policyID) = (
                actor.practiceID, number, original.clientID, original.policyID
            )
            (void.payerID, void.rank, void.clinicianID, void.status) = (
                original.payerID, original.rank, original.clinicianID, .open
            )
            (void.frequency, void.payerClaimNumber, void.replacesClaimID) = (.void, payerNumber, try original.requireID())
            (void.dateFrom, void.dateTo, void.total) = (original.dateFrom, original.dateTo, original.total)
            (void.placeOfService, void.diagnoses, void.createdByName) = (
                original.placeOfService, original.diagnoses, actor.name
            )
            (void.paid, void.writtenOff, void.patientResponsibility) = (0, 0, 0)
            try await void.create(on: db)
            let voidID = try void.requireID()
            // The void repeats the lines it cancels; they hold no session, so nothing stays claimed.
            for line in try await ClaimLineRow.query(on: db).filter(\.$claimID == id).sort(\.$lineNumber).all() {
                try await line.copy(to: voidID, rank: line.rank, live: false).create(on: db)
            }
            try await release(original, on: db)
            _ = try await Repricer(database: db, practice: practice).reprice(clients: [original.clientID], from: nil)
            original.status = .voided
            try await original.save(on: db)
            try await AuditLog(database: db, actor: actor).record([
                .init(action: "void", entityType: "claim", id: id, after: ["voidClaimId": voidID.uuidString]),
                .init(
                    action: "create", entityType: "claim", id: voidID,
                    after: ["number": "\(number)", "frequency": "void", "payerClaimNumber": payerNumber]),
            ])
            return voidID
        }
        return try await get(voidID)
    }

    /// Replaces a sent claim with one made from its sessions as the client's rules give them today
    /// (frequency 7). Refused when those sessions would now go to another policy or make more than
    /// one claim: then the claim is voided and new ones made.
    func correct(_ id: UUID, _ input: ClaimCorrectionInput) async throws -> ClaimDetails {
        let replacementID = try await database.writeTransaction(practice: actor.practiceID) { db -> UUID in
            let (original, payerNumber) = try await sent(id, input, on: db)
            let practice = try await PracticeContext.of(actor, on: db)
            try await release(original, on: db)
            _ = try await Repricer(database: db, practice: practice).reprice(clients: [original.clientID], from: nil)
            let sessionIDs = try await ClaimLineRow.query(on: db).filter(\.$claimID == id).all().compactMap(\.sessionID)
            let rows = try await SessionRecord.select(practiceID: actor.practiceID, on: try db.sql())
                .where("id", .in, sessionIDs).rows(SessionRecord.self, on: db)
            let coverage = try await CoverageBook.load(
                practiceID: actor.practiceID, clientIDs: [original.clientID], on: db)
            let items = rows.compactMap { ClaimMaking.item($0, coverage: coverage, practice: practice) }
            guard !items.isEmpty, items.count == rows.count, items.allSatisfy({ $0.policyID == original.policyID })
            else {
                throw UseCaseError.conflict(
                    "claim_moves",
                    "under today's rules these sessions no longer all bill this policy: void claim #\(original.number) and make new claims instead"
                )
            }
            let made = try await ClaimWriter(database: db, practice: practice, actor: actor).write(items)
            guard made.count == 1, let replacementID = made.first,
                let replacement = try await ClaimRow.find(replacementID, on: db)
            else {
                throw UseCaseError.conflict(
                    "claim_splits",
                    "under today's rules these sessions make \(made.count) claims: void claim #\(original.number) and make new claims instead"
                )
            }
            (replacement.frequency, replacement.payerClaimNumber, replacement.replacesClaimID) = (
                .replacement, payerNumber, id
            )
            try await replacement.save(on: db)
            original.status = .replaced
            try await original.save(on: db)
            try await AuditLog(database: db, actor: actor).record(
                "replace", "claim", id: id, after: ["replacementClaimId": replacementID.uuidString])
            return replacementID
        }
        return try await get(replacementID)
    }

    /// A claim that was sent (and not already voided or replaced), with the payer's number checked.
    private func sent(
        _ id: UUID, _ input: ClaimCorrectionInput, on db: any Database
    ) async throws -> (ClaimRow, String) {
        let claim = try await row(id, on: db)
        switch claim.status {
        case .open:
            throw UseCaseError.conflict(
                "claim_not_sent", "claim #\(claim.number) was never sent: remove it, or wait until it is sent")
        case .voided, .replaced:
            throw UseCaseError.conflict("claim_superseded", "claim #\(claim.number) was already \(claim.status.rawValue)")
        case .submitted, .paid, .partiallyPaid, .denied, .closed:
            break
        }
        if claim.frequency == .void {
            throw UseCaseError.conflict("claim_is_void", "claim #\(claim.number) is itself a void")
        }
        let text = input.payerClaimNumber.trimmingCharacters(in: .whitespaces)
        guard let number = PolicyReference(text) else {
            throw UseCaseError.invalid(
                "payerClaimNumber",
                PolicyReference.problem(text).map { $0 + " (the payer's claim number, from its remittance)" }
                    ?? "is not valid")
        }
        return (claim, number.description)
    }
}
