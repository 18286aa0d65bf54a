import Fluent
import Foundation
import RapportCore
import SQLKit

/// Makes claims from sessions that bill an insurer: by hand for a client, or for every client on
/// the practice's schedule. Idempotent: a session is on one live claim line per policy rank, which
/// the database holds under any number of requests or servers.
struct ClaimMaking {
    let database: any Database
    let actor: Actor

    /// Claims for one client: the sessions named (each refused with its reason when it cannot be
    /// claimed), or every past session of theirs that bills an insurer and is on no claim yet.
    func create(_ input: ClaimsInput) async throws -> [ClaimDetails] {
        let ids: [UUID]
        do {
            ids = try await database.writeTransaction(practice: actor.practiceID) { db in try await create(input, on: db) }
        } catch let error where ClaimWriter.isLostRace(error) {
            throw UseCaseError.conflict(
                "already_claimed", "another claim or invoice took one of these sessions first; nothing was written")
        }
        return try await Claims(database: database, actor: actor).details(ids)
    }

    private func create(_ input: ClaimsInput, on db: any Database) async throws -> [UUID] {
        let practice = try await PracticeContext.of(actor, on: db)
        let lookup = Lookup(database: db, actor: actor)
        _ = try await lookup.reference("clientId") { try await lookup.client(input.clientId) }
        let coverage = try await CoverageBook.load(practiceID: actor.practiceID, clientIDs: [input.clientId], on: db)
        var errors = FieldErrors()
        var items: [ClaimWriter.Item] = []
        let now = Date()
        if let named = input.sessionIds {
            if named.isEmpty { errors.add("sessionIds", "must name at least one session") }
            if Set(named).count != named.count { errors.add("sessionIds", "names a session twice") }
            var rows: [UUID: SessionRecord] = [:]
            for chunk in named.chunks(of: IDsPerStatement.limit) {
                for session in try await SessionRecord.select(practiceID: actor.practiceID, on: try db.sql())
                    .where("id", .in, Array(chunk)).rows(SessionRecord.self, on: db)
                {
                    rows[session.id] = session
                }
            }
            for (index, id) in named.enumerated() {
                let field = FieldPath.item("sessionIds", index)
                guard let session = rows[id] else {
                    errors.add(field, "does not name a session of this practice")
                    continue
                }
                switch try await Self.claimable(session, client: input.clientId, now: now, on: db) {
                case .some(let reason): errors.add(field, reason)
                case .none:
                    if let item = Self.item(session, coverage: coverage, practice: practice) {
                        items.append(item)
                    } else {
                        errors.add(field, "bills the client, not an insurer: " + Self.why(session, coverage, practice))
                    }
                }
            }
        } else {
            let rows = try await Self.unclaimed(practiceID: actor.practiceID, clientIDs: [input.clientId], now: now, on: db)
            items = rows.compactMap { Self.item($0, coverage: coverage, practice: practice) }
            if items.isEmpty {
                errors.add("clientId", "has no past session that bills an insurer and is on no claim yet")
            }
        }
        try errors.throwIfAny()
        do {
            return try await ClaimWriter(database: db, practice: practice, actor: actor).write(items)
        } catch let refusal as ClaimWriter.Refusal {
            let index = input.sessionIds?.firstIndex(of: refusal.sessionID)
            throw UseCaseError.invalid(index.map { .item("sessionIds", $0) } ?? "clientId", refusal.reason)
        }
    }

    /// Why a session of `client` cannot be claimed, or nil when it can.
    private static func claimable(
        _ session: SessionRecord, client: UUID, now: Date, on db: any Database
    ) async throws -> String? {
        if session.clientID != client { return "is another client's session" }
        if let invoice = session.invoiceID {
            let number = try await Invoice.find(invoice, on: db)?.number
            return "is billed to the client on invoice \(number.map { "#\($0)" } ?? "")"
        }
        if let claim = session.claimID {
            let number = try await ClaimRow.find(claim, on: db)?.number
            return "is already on claim \(number.map { "#\($0)" } ?? "")"
        }
        if session.startsAt > now { return "has not happened yet" }
        return nil
    }

    /// The session as a claim item, when it bills an insurer.
    static func item(_ session: SessionRecord, coverage: CoverageBook, practice: PracticeContext) -> ClaimWriter.Item? {
        guard case .insurance(let plan, let payer, _, _, _) = coverage.route(session, practice: practice),
            let rank = coverage.rank(of: plan, client: session.clientID)
        else { return nil }
        return ClaimWriter.Item(session: session, policyID: plan, payerID: payer, rank: rank)
    }

    private static func why(_ session: SessionRecord, _ coverage: CoverageBook, _ practice: PracticeContext) -> String {
        switch coverage.route(session, practice: practice) {
        case .client(.noPolicy): "no policy covers its date"
        case .client(.clientChoice): "the client pays for their sessions themselves"
        case .client(.sessionChoice): "it was chosen to be self-pay"
        case .client(.notHeld): "it was not held (cancelled, late-cancelled or a no-show)"
        case .insurance: "it bills an insurer"
        }
    }

    /// Past sessions on no invoice and no claim, held or not recorded (as invoicing takes them).
    static func unclaimed(practiceID: UUID, clientIDs: [UUID], now: Date, on db: any Database) async throws
        -> [SessionRecord]
    {
        try await unclaimedQuery(practiceID: practiceID, through: now, on: db).where("client_id", .in, clientIDs)
            .orderBy("starts_at").rows(SessionRecord.self, on: db)
    }

    /// The select of sessions that may go on a claim: begun before `through` (and now), on no invoice
    /// and no claim, held or not recorded; every ``SessionRecord`` column unless `columns` are named.
    static func unclaimedQuery(
        practiceID: UUID, through: Date, on db: any Database, columns: [String] = SessionRecord.columns
    ) throws -> SQLSelectBuilder {
        try db.sql().select().columns(columns).from(Session.schema).where("practice_id", .equal, practiceID)
            .where("invoice_id", .is, SQLLiteral.null).where("claim_id", .is, SQLLiteral.null)
            .where("starts_at", .lessThan, min(through, Date()))
            .where("attendance", .in, [Attendance.show.rawValue, Attendance.scheduled.rawValue])
    }
}
