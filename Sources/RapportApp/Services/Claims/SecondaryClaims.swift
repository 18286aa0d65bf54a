import Fluent
import Foundation
import RapportCore
import SQLKit

/// A primary's remittance that leaves the client a balance, for a client with a secondary policy
/// covering the claim's dates, makes the secondary claim at once: the same lines, to the secondary
/// payer, carrying the primary's adjudication (``ClaimAssembler`` reads it into loops 2320/2330
/// and 2430 as it assembles the claim). What the primary left the client moves to the secondary
/// until it answers; when the primary's payment is taken back before the secondary claim is sent,
/// the secondary claim is withdrawn and the balance moves back.
struct SecondaryClaims {
    let database: any Database
    let actor: Actor

    /// After primary payments that left each client a balance: the secondary claims, for clients
    /// with a secondary policy covering the claim's dates, where the claim has none yet — written
    /// with multi-row inserts, however many the remittance pays.
    func make(after primaries: [(claim: ClaimRow, leftToClient: Int64)], on day: LocalDate) async throws {
        let due = primaries.filter { $0.claim.rank == .primary && $0.leftToClient > 0 }
        guard !due.isEmpty else { return }
        let ids = try due.map { try $0.claim.requireID() }
        var followed: Set<UUID> = []
        for chunk in ids.chunks(of: IDsPerStatement.limit) {
            for row in try await database.sql().select().column("prior_claim_id").from(ClaimRow.schema)
                .where("prior_claim_id", .in, Array(chunk))
                .where("status", .notIn, [ClaimStatus.voided.rawValue, ClaimStatus.replaced.rawValue]).all()
            {
                followed.insert(try row.decode(column: "prior_claim_id", as: UUID.self))
            }
        }
        let coverage = try await CoverageBook.load(
            practiceID: actor.practiceID, clientIDs: Array(Set(due.map(\.claim.clientID))), on: database)
        let made = due.compactMap { primary, left -> (primary: ClaimRow, plan: CoveragePlan<UUID>, left: Int64)? in
            guard let id = primary.id, !followed.contains(id),
                let plan = coverage.plans[primary.clientID]?.first(where: {
                    $0.rank == .secondary && $0.period.contains(primary.dateFrom) && $0.period.contains(primary.dateTo)
                })
            else { return nil }
            return (primary, plan, left)
        }
        guard !made.isEmpty else { return }
        let first = try await PracticeCounters.reserve(.claim, count: made.count, practiceID: actor.practiceID, on: database)
        let lines = Dictionary(
            grouping: try await ClaimLineRow.read(claims: made.compactMap(\.primary.id), on: database).filter(\.live),
            by: \.claimID)
        var claims = BulkRows(ClaimRow.schema, columns: ClaimWriter.claimColumns)
        var lineRows = BulkRows(ClaimLineRow.schema, columns: ClaimWriter.lineColumns)
        var owed = BulkRows(PatientResponsibilityRow.schema, columns: PatientResponsibilityRow.columns)
        var audit: [AuditLog.Entry] = []
        let now = Date()
        for (offset, (primary, plan, left)) in made.enumerated() {
            let id = UUID()
            let number = first + offset
            let primaryID = try primary.requireID()
            claims.add(
                ClaimWriter.claimRow(
                    id: id, practiceID: actor.practiceID, number: number, clientID: primary.clientID, policyID: plan.id,
                    payerID: plan.payerID, rank: PayerRank.secondary.rawValue, clinicianID: primary.clinicianID,
                    status: ClaimStatus.open.rawValue, dates: primary.dateFrom...primary.dateTo, total: primary.total,
                    placeOfService: primary.placeOfService.description, diagnoses: primary.diagnoses,
                    createdBy: actor.name, at: now, priorClaimID: primaryID))
            for line in lines[primaryID] ?? [] {
                lineRows.add([
                    UUID(), actor.practiceID, id, line.sessionID, line.lineNumber, line.dateOfService.description,
                    line.placeOfService.description, line.procedure.description, line.modifiers, line.units,
                    line.charge, line.diagnosisPointers, PayerRank.secondary.rawValue, true,
                ])
            }
            let payer = coverage.payerNames[plan.payerID] ?? "the secondary payer"
            owed.add(
                PatientResponsibilityRow.moved(
                    -left, client: primary.clientID, claim: id, number: number, dates: primary.dateFrom...primary.dateTo,
                    practiceID: actor.practiceID, on: day, "Sent on to \(payer), the secondary payer: claim #\(number)"
                ).values)
            audit.append(
                AuditLog.Entry(
                    action: "create", entityType: "claim", id: id,
                    after: [
                        "number": "\(number)", "rank": "secondary", "priorClaimId": primaryID.uuidString,
                        "payerId": plan.payerID.uuidString, "leftToClient": "\(left)",
                    ]))
        }
        try await claims.flush(on: database)
        // The unique index on live lines holds a session to one secondary claim.
        try await lineRows.flush(on: database)
        try await owed.flush(on: database)
        try await AuditLog(database: database, actor: actor).record(audit)
    }

    /// After the primary's payment on `primary` was taken back: its secondary claim, if not sent
    /// yet, is withdrawn and what it carried moves back to the client (the re-adjudication decides
    /// again). A secondary already sent stays; a person corrects or voids it.
    func withdraw(after primary: ClaimRow, on day: LocalDate) async throws {
        guard let secondary = try await secondary(of: primary), secondary.status == .open else { return }
        let id = try secondary.requireID()
        let carried = try await PatientResponsibilityRow.query(on: database).filter(\.$claimID == id)
            .filter(\.$claimPaymentID == nil).all().reduce(Int64(0)) { $0 + $1.amount }
        secondary.status = .voided
        try await secondary.save(on: database)
        try await ClaimLineRow.query(on: database).filter(\.$claimID == id).set(\.$live, to: false).update()
        if carried != 0 {
            try await PatientResponsibilityRow.moved(
                -carried, client: secondary.clientID, claim: id, number: secondary.number,
                dates: secondary.dateFrom...secondary.dateTo, practiceID: actor.practiceID, on: day,
                "Claim #\(secondary.number) withdrawn: the primary payer reprocessed claim #\(primary.number)"
            ).create(on: database)
        }
        try await AuditLog(database: database, actor: actor).record(
            "withdraw", "claim", id: id, after: ["reason": "primary claim #\(primary.number) payment reversed"])
    }

    /// The live secondary claim that follows `primary`, if any.
    func secondary(of primary: ClaimRow) async throws -> ClaimRow? {
        let primaryID = try primary.requireID()
        return try await ClaimRow.read(on: database) {
            $0.where("prior_claim_id", .equal, primaryID)
                .where("status", .notIn, [ClaimStatus.voided.rawValue, ClaimStatus.replaced.rawValue])
        }.first
    }
}
