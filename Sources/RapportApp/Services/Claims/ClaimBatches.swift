import Fluent
import Foundation
import RapportCore
import SQLKit

/// Sends ready claims: one 837P file per payer, numbered with the practice's interchange control
/// numbers, kept exactly as written. Sending freezes each claim as it went.
struct ClaimBatches {
    let database: any Database
    let actor: Actor

    /// Puts every ready claim (of the payer named, or of each payer) in a new batch. Drafts stay.
    func create(_ input: ClaimBatchInput) async throws -> [ClaimBatchDetails] {
        let ids = try await database.writeTransaction(practice: actor.practiceID) { db in try await create(input, on: db) }
        return try await details(ids)
    }

    private func create(_ input: ClaimBatchInput, on db: any Database) async throws -> [UUID] {
        let practice = try await PracticeContext.of(actor, on: db)
        if let payer = input.payerId {
            let known = try await Payer.query(on: db).filter(\.$id == payer).filter(\.$practiceID == actor.practiceID)
                .count()
            if known == 0 { throw UseCaseError.invalid("payerId", "does not name a payer of this practice") }
        }
        guard let clearinghouse = try await ClearinghouseRow.query(on: db).filter(\.$practiceID == actor.practiceID)
            .first()
        else {
            throw UseCaseError.conflict(
                "no_clearinghouse", "claims are sent through a clearinghouse: set it in Settings → Clearinghouse")
        }
        let open = try await ClaimRow.read(on: db) { select in
            let open = select.where("practice_id", .equal, actor.practiceID)
                .where("status", .equal, ClaimStatus.open.rawValue)
            return (input.payerId.map { open.where("payer_id", .equal, $0) } ?? open).orderBy("number")
        }
        let assembler = try await ClaimAssembler.load(for: open, practice: practice, on: db)
        var ready: [UUID: [(row: ClaimRow, claim: Claim)]] = [:]
        for row in open {
            let (claim, problems) = try assembler.assemble(row)
            if problems.isEmpty { ready[row.payerID, default: []].append((row, claim)) }
        }
        guard !ready.isEmpty else {
            throw UseCaseError.conflict(
                "nothing_ready",
                open.isEmpty
                    ? "there is no unsent claim" : "none of the \(open.count) unsent claims is ready: each says what to fix")
        }
        let payers = ready.keys.sorted { $0.uuidString < $1.uuidString }
        let firstControl = try await PracticeCounters.reserve(
            .interchange, count: payers.count, practiceID: actor.practiceID, on: db)
        let now = Date()
        var batchIDs: [UUID] = []
        for (offset, payer) in payers.enumerated() {
            let claims = ready[payer] ?? []
            let envelope = Claim837Writer.Envelope(
                senderID: clearinghouse.submitterID, receiverID: clearinghouse.receiverID,
                submitterName: clearinghouse.submitterName, contactName: clearinghouse.contactName,
                contactPhone: clearinghouse.contactPhone, receiverName: clearinghouse.name,
                controlNumber: firstControl + offset, created: practice.timeZone.local(now),
                usage: clearinghouse.production ? .production : .test)
            let output: Claim837Writer.Output
            do {
                output = try Claim837Writer.write(claims.map(\.claim), envelope: envelope)
            } catch {
                throw UseCaseError(.internalFailure, code: "internal_error", message: "the 837 was not written: \(error)")
            }
            let batch = ClaimBatchRow()
            (batch.practiceID, batch.payerID, batch.controlNumber) = (actor.practiceID, payer, firstControl + offset)
            (batch.claimCount, batch.file, batch.createdByName) = (claims.count, output.text, actor.name)
            batch.total = claims.reduce(Int64(0)) { $0 + $1.row.total }
            batch.replacements = output.replacements.joined(separator: "\n")
            try await batch.create(on: db)
            let batchID = try batch.requireID()
            try await submit(claims.map(\.row), batch: batchID, at: now, assembler: assembler, on: db)
            try await AuditLog(database: db, actor: actor).record(
                [
                    AuditLog.Entry(
                        action: "create", entityType: "claimBatch", id: batchID,
                        after: ["controlNumber": "\(batch.controlNumber)", "claims": "\(claims.count)"])
                ]
                    + claims.map {
                        AuditLog.Entry(
                            action: "submit", entityType: "claim", id: $0.row.id ?? batchID,
                            after: ["batchId": batchID.uuidString, "number": "\($0.row.number)"])
                    })
            batchIDs.append(batchID)
        }
        return batchIDs
    }

    /// Marks the claims submitted in `batch` — only those still open, or the whole send rolls back —
    /// and freezes the diagnoses they went with where the client's list changed since they were made.
    private func submit(
        _ rows: [ClaimRow], batch: UUID, at now: Date, assembler: ClaimAssembler, on db: any Database
    ) async throws {
        let sql = try db.sql()
        for chunk in rows.chunks(of: IDsPerStatement.limit) {
            let marked = try await sql.update(ClaimRow.schema).set("status", to: ClaimStatus.submitted.rawValue)
                .set("batch_id", to: batch).set("submitted_at", to: now)
                .where("id", .in, try chunk.map { try $0.requireID() })
                .where("status", .equal, ClaimStatus.open.rawValue).returning("id").all()
            guard marked.count == chunk.count else {
                throw UseCaseError.conflict("claim_sent", "another request sent some of these claims first")
            }
        }
        for row in rows {
            let coded = try assembler.diagnoses(of: row)
            let codes = coded.codes.map(\.description).joined(separator: ",")
            if codes != row.diagnoses {
                row.diagnoses = codes
                row.status = .submitted
                try await row.save(on: db)
            }
            for (line, pointers) in zip(assembler.lines(of: row), coded.pointers) {
                let text = pointers.map(String.init).joined(separator: ",")
                if text != line.diagnosisPointers {
                    line.diagnosisPointers = text
                    try await line.save(on: db)
                }
            }
        }
    }

    func list(_ page: Page) async throws -> [ClaimBatchDetails] {
        // Batches hold many clients' claims: a caller who sees only some clients (a clinician) sees none.
        guard actor.seesEveryClient else { return [] }
        let rows = try await Lookup(database: database, actor: actor).page(
            of: ClaimBatchRow.self, practice: \.$practiceID, page, order: { $0.sort(\.$controlNumber, .descending) })
        return try await details(rows)
    }

    func get(_ id: UUID) async throws -> ClaimBatchDetails {
        guard let batch = try await details([try await row(id)]).first else { throw UseCaseError.notFound("batch") }
        return batch
    }

    /// The 837 file as it was sent, and a name to save it under. It holds the records of every
    /// client on it, so each download is audited as a look at each of them.
    func file(_ id: UUID) async throws -> (name: String, text: String) {
        let batch = try await row(id)
        let clients = try await ClaimRow.query(on: database).filter(\.$batchID == id).all().map(\.clientID)
        try await AuditLog.recordReads("837 file #\(batch.controlNumber)", clients: clients, actor: actor, on: database)
        return ("rapport-837-\(batch.controlNumber).txt", batch.file)
    }

    private func row(_ id: UUID) async throws -> ClaimBatchRow {
        guard actor.seesEveryClient,
            let batch = try await ClaimBatchRow.query(on: database).filter(\.$id == id)
                .filter(\.$practiceID == actor.practiceID).first()
        else { throw UseCaseError.notFound("batch") }
        return batch
    }

    private func details(_ ids: [UUID]) async throws -> [ClaimBatchDetails] {
        guard !ids.isEmpty else { return [] }
        let rows = try await ClaimBatchRow.query(on: database).filter(\.$id ~~ ids).sort(\.$controlNumber).all()
        return try await details(rows)
    }

    private func details(_ rows: [ClaimBatchRow]) async throws -> [ClaimBatchDetails] {
        let practice = try await PracticeContext.of(actor, on: database)
        let payers = try await Payer.query(on: database).filter(\.$practiceID == actor.practiceID).all()
        let names = Dictionary(uniqueKeysWithValues: try payers.map { (try $0.requireID(), $0.name) })
        return try rows.map { row in
            ClaimBatchDetails(
                id: try row.requireID(), payerId: row.payerID, payerName: names[row.payerID] ?? "",
                controlNumber: row.controlNumber, claimCount: row.claimCount, total: practice.money(row.total),
                replacements: row.replacements.split(separator: "\n").map(String.init), createdAt: row.createdAt,
                createdBy: row.createdByName)
        }
    }
}
