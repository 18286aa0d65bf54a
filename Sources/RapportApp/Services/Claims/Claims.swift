import Fluent
import Foundation
import RapportCore
import SQLKit

/// The practice's claims: listed, read with their problems, removed while unsent.
struct Claims {
    let database: any Database
    let actor: Actor

    struct Filter {
        /// draft, ready, submitted, paid, partiallyPaid, denied, closed, voided or replaced.
        var status: String?
        var payerID: UUID?
        var clientID: UUID?
        var page: Page
    }

    static let statuses = ["draft", "ready"] + ClaimStatus.allCases.filter { $0 != .open }.map(\.rawValue)

    func list(_ filter: Filter) async throws -> [ClaimDetails] {
        var stored: ClaimStatus?
        if let status = filter.status {
            guard Self.statuses.contains(status) else {
                throw UseCaseError.invalid("status", "must be one of " + Self.statuses.joined(separator: ", "))
            }
            stored = ClaimStatus(rawValue: status) ?? .open
        }
        let lookup = Lookup(database: database, actor: actor)
        // Draft and ready are worked out as claims are read, so those lists are paged after it.
        let computed = filter.status == "draft" || filter.status == "ready"
        let page = computed ? try Page(limit: 100_000, offset: 0, maxLimit: 100_000) : filter.page
        let rows = try await lookup.page(
            of: ClaimRow.self, practice: \.$practiceID, client: \.$clientID, page,
            filter: { query in
                if let stored { query.filter(\.$status == stored) }
                if let payer = filter.payerID { query.filter(\.$payerID == payer) }
                if let client = filter.clientID { query.filter(\.$clientID == client) }
            },
            order: { $0.sort(\.$number, .descending) })
        let claims = try await details(rows)
        guard computed else { return claims }
        return Array(claims.filter { $0.status == filter.status }.dropFirst(filter.page.offset).prefix(filter.page.limit))
    }

    /// The claim of the practice with this number, if there is one.
    func id(number: Int) async throws -> UUID? {
        try await ClaimRow.read(on: database) {
            $0.where("practice_id", .equal, actor.practiceID).where("number", .equal, number)
        }.first?.id
    }

    func get(_ id: UUID) async throws -> ClaimDetails {
        guard let claim = try await details([try await row(id, on: database)]).first else {
            throw UseCaseError.notFound("claim")
        }
        return claim
    }

    /// Removes a claim that was never sent: its sessions are unclaimed again and follow the
    /// client's current rules (a sent claim is voided or corrected instead). An unsent void or
    /// correction taken back gives the claim it stood for its place again.
    func delete(_ id: UUID) async throws -> ClaimDetails {
        try await database.writeTransaction(practice: actor.practiceID) { db in
            let claim = try await row(id, on: db)
            guard claim.status == .open else {
                throw UseCaseError.conflict(
                    "claim_sent", "claim #\(claim.number) was sent: void it or send a corrected claim instead")
            }
            guard let before = try await details([claim], on: db).first else { throw UseCaseError.notFound("claim") }
            try await release(claim, on: db)
            try await ClaimLineRow.query(on: db).filter(\.$claimID == id).delete()
            try await claim.delete(on: db)
            try await AuditLog(database: db, actor: actor).record("delete", "claim", id: id, before: before)
            if let replaced = claim.replacesClaimID { try await reinstate(replaced, on: db) }
            return before
        }
    }

    /// A voided or replaced claim stands again, its lines live and its sessions claimed by it —
    /// refused when one of them has since gone on another invoice or claim.
    private func reinstate(_ id: UUID, on db: any Database) async throws {
        guard let original = try await ClaimRow.find(id, on: db) else { return }
        let lines = try await ClaimLineRow.query(on: db).filter(\.$claimID == id).all()
        let pairs = lines.compactMap { line in line.sessionID.map { ($0, id) } }
        do {
            try await ClaimLineRow.query(on: db).filter(\.$claimID == id).set(\.$live, to: true).update()
            guard try await SessionMarks.mark(.claim, pairs, on: db) else { throw ClaimWriter.AlreadyClaimed() }
        } catch let error where ClaimWriter.isLostRace(error) {
            throw UseCaseError.conflict(
                "sessions_moved",
                "claim #\(original.number)'s sessions have since been billed again, so it cannot stand again: keep this claim, or void it once sent"
            )
        }
        original.status = .submitted
        try await original.save(on: db)
        try await AuditLog(database: db, actor: actor).record(
            "reinstate", "claim", id: id, after: ["number": "\(original.number)"])
    }

    /// Frees the claim's sessions: they follow the client's current rules again.
    func release(_ claim: ClaimRow, on db: any Database) async throws {
        let id = try claim.requireID()
        try await db.sql().update(Session.schema).set("claim_id", to: SQLLiteral.null)
            .where("claim_id", .equal, id).run()
        try await ClaimLineRow.query(on: db).filter(\.$claimID == id).set(\.$live, to: false).update()
    }

    func row(_ id: UUID, on db: any Database) async throws -> ClaimRow {
        guard
            let claim = try await ClaimRow.query(on: db).filter(\.$id == id).filter(\.$practiceID == actor.practiceID)
                .first()
        else { throw UseCaseError.notFound("claim") }
        if let visible = try await Lookup(database: db, actor: actor).visibleClientIDs(),
            !visible.contains(claim.clientID)
        {
            throw UseCaseError.notFound("claim")
        }
        return claim
    }

    func details(_ ids: [UUID]) async throws -> [ClaimDetails] {
        var rows: [ClaimRow] = []
        for chunk in ids.chunks(of: IDsPerStatement.limit) {
            rows += try await ClaimRow.read(on: database) { $0.where("id", .in, Array(chunk)) }
        }
        let order = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        return try await details(rows.sorted { (order[$0.id ?? UUID()] ?? 0) < (order[$1.id ?? UUID()] ?? 0) })
    }

    func details(_ rows: [ClaimRow], on db: (any Database)? = nil) async throws -> [ClaimDetails] {
        guard !rows.isEmpty else { return [] }
        let db = db ?? database
        let practice = try await PracticeContext.of(actor, on: db)
        let assembler = try await ClaimAssembler.load(for: rows, practice: practice, on: db)
        return try rows.map { row in try details(row, assembler: assembler, practice: practice) }
    }

    private func details(_ row: ClaimRow, assembler: ClaimAssembler, practice: PracticeContext) throws -> ClaimDetails {
        let (claim, problems) = try assembler.assemble(row)
        let status = row.status == .open ? (problems.isEmpty ? "ready" : "draft") : row.status.rawValue
        let coded = try assembler.diagnoses(of: row)
        return ClaimDetails(
            id: try row.requireID(), number: row.number, patientControlNumber: row.patientControlNumber,
            clientId: row.clientID,
            clientName: "\(claim.patient?.person.first ?? claim.subscriber.person.first) \(claim.patient?.person.last ?? claim.subscriber.person.last)",
            policyId: row.policyID, payerId: row.payerID, payerName: claim.payer.name, rank: row.rank.word,
            clinicianId: row.clinicianID, status: status, frequency: Self.word(row.frequency),
            payerClaimNumber: row.payerClaimNumber, replacesClaimId: row.replacesClaimID, priorClaimId: row.priorClaimID,
            dateFrom: row.dateFrom,
            dateTo: row.dateTo, total: practice.money(row.total), paid: practice.money(row.paid),
            writtenOff: practice.money(row.writtenOff), patientResponsibility: practice.money(row.patientResponsibility),
            placeOfService: row.placeOfService,
            diagnoses: coded.codes.map(DiagnosisEntry.init), priorAuthorization: claim.priorAuthorization,
            lines: try zip(assembler.lines(of: row), coded.pointers).map { line, pointers in
                ClaimLineDetails(
                    id: try line.requireID(), sessionId: line.sessionID, lineNumber: line.lineNumber,
                    dateOfService: line.dateOfService, placeOfService: line.placeOfService,
                    procedure: line.procedure.description, modifiers: ClaimAssembler.list(line.modifiers),
                    units: line.units, charge: practice.money(line.charge), diagnosisPointers: pointers)
            },
            problems: problems, batchId: row.batchID, createdAt: row.createdAt, submittedAt: row.submittedAt)
    }

    static func word(_ frequency: ClaimFrequency) -> String {
        switch frequency {
        case .original: "original"
        case .replacement: "replacement"
        case .void: "void"
        }
    }
}
