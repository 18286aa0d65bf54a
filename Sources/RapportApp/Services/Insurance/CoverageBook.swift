import Fluent
import Foundation
import RapportCore
import SQLKit

/// What routing a session needs to know, read once for a set of clients: their policies, who of
/// them pays themselves, and the payers' names and contracted rates. A session's route is then
/// worked out by Core's ``BillingRoute`` as it is read, so an unbilled session always follows the
/// client's current policies, copays and rates with nothing to keep in step.
struct CoverageBook: Sendable {
    private(set) var plans: [UUID: [CoveragePlan<UUID>]] = [:]
    private(set) var selfPaying: Set<UUID> = []
    /// The payers' terms; read only when some client of the book has a policy.
    private var terms: PayerTerms?
    var payerNames: [UUID: String] { terms?.names ?? [:] }

    /// The coverage of the clients of `sessions`.
    static func load(for sessions: [Session], practiceID: UUID, on db: any Database) async throws -> CoverageBook {
        try await load(practiceID: practiceID, clientIDs: Array(Set(sessions.map(\.clientID))), on: db)
    }

    /// The coverage of `clientIDs` (every client of the practice when nil).
    static func load(practiceID: UUID, clientIDs: [UUID]?, on db: any Database) async throws -> CoverageBook {
        var book = CoverageBook()
        let sql = try db.sql()
        var policyRows: [any SQLRow] = []
        if let clientIDs {
            (book.selfPaying, policyRows) = try await clients(practiceID: practiceID, clientIDs: clientIDs, on: db)
        } else {
            policyRows = try await sql.select().columns(policyColumns).from(Policy.schema)
                .where("practice_id", .equal, practiceID).all()
            let selfPayRows = try await sql.select().column("id").from(Client.schema)
                .where("practice_id", .equal, practiceID).where("self_pay", .equal, true).all()
            book.selfPaying = Set(try selfPayRows.map { try $0.decode(column: "id", as: UUID.self) })
        }
        guard !policyRows.isEmpty else { return book }
        let terms = try await PayerTerms.read(practiceID: practiceID, on: db)
        book.terms = terms
        book.plans = try plans(policyRows, currency: terms.currency)
        return book
    }

    /// The coverage of `clientIDs` as ``load(practiceID:clientIDs:on:)`` reads it, taking what
    /// `shelf` keeps at the practice's billing number `version` — read before anything this reads
    /// (``BillingShelf/billingVersion``, ``Actor/billingVersion``, ``WriteTurn/billing``) — and
    /// keeping what it reads under it; read afresh when either is missing.
    static func load(
        practiceID: UUID, clientIDs: [UUID], on db: any Database, kept shelf: BillingShelf?, at version: Int64?
    ) async throws -> CoverageBook {
        guard let shelf, let version else {
            return try await load(practiceID: practiceID, clientIDs: clientIDs, on: db)
        }
        var book = CoverageBook()
        var missing: [UUID] = []
        for client in Set(clientIDs) {
            if let part = shelf.clients.value(for: ClientKey(practiceID: practiceID, clientID: client), at: version) {
                book.add(part, of: client)
            } else {
                missing.append(client)
            }
        }
        let terms = {
            try await shelf.terms.value(for: PracticeKey(practiceID: practiceID), at: version) {
                try await PayerTerms.read(practiceID: practiceID, on: db)
            }
        }
        if !missing.isEmpty {
            let (selfPaying, policyRows) = try await clients(practiceID: practiceID, clientIDs: missing, on: db)
            var plans: [UUID: [CoveragePlan<UUID>]] = [:]
            if !policyRows.isEmpty {
                let read = try await terms()
                book.terms = read
                plans = try Self.plans(policyRows, currency: read.currency)
            }
            for client in missing {
                let part = BillingShelf.ClientPart(selfPay: selfPaying.contains(client), plans: plans[client] ?? [])
                shelf.clients.store(part, for: ClientKey(practiceID: practiceID, clientID: client), at: version)
                book.add(part, of: client)
            }
        }
        if book.terms == nil, !book.plans.isEmpty { book.terms = try await terms() }
        return book
    }

    private mutating func add(_ part: BillingShelf.ClientPart, of client: UUID) {
        if part.selfPay { selfPaying.insert(client) }
        if !part.plans.isEmpty { plans[client] = part.plans }
    }

    /// Which of `clientIDs` pay themselves, and their policies' rows: one read per chunk (a calendar
    /// asks on every view).
    private static func clients(
        practiceID: UUID, clientIDs: [UUID], on db: any Database
    ) async throws -> (selfPaying: Set<UUID>, policies: [any SQLRow]) {
        var selfPaying: Set<UUID> = []
        var policies: [any SQLRow] = []
        for chunk in clientIDs.chunks(of: IDsPerStatement.limit) {
            for row in try await db.sql().raw(clientsAndPolicies(practiceID: practiceID, clientIDs: Array(chunk)))
                .allPrepared()
            {
                if try row.decode(column: "self_pay", as: Bool?.self) == true {
                    selfPaying.insert(try row.decode(column: "client", as: UUID.self))
                }
                if try !row.decodeNil(column: "id") { policies.append(row) }
            }
        }
        return (selfPaying, policies)
    }

    private static let policyColumns = [
        "id", "client_id", "payer_id", "rank", "effective_from", "effective_to", "copay", "coinsurance_percent",
        "deductible_remaining",
    ]

    /// Each of `clientIDs` (of the practice), whether they pay themselves, and their policies: a row
    /// per policy, or one without a policy. Looked up by id: SQLite finds them so once it has its
    /// planner statistics (``PlannerStatistics``). Also shown by `rapport bench explain`.
    static func clientsAndPolicies(practiceID: UUID, clientIDs: [UUID]) -> SQLQueryString {
        // Written as SQL text: SQLKit's serialising of the same select (qualified columns, aliases,
        // a join) was a twentieth of a recomputed calendar.
        """
        SELECT c.id AS client, c.self_pay, \(unsafeRaw: policyColumns.map { "p.\($0)" }.joined(separator: ", "))
        FROM clients c LEFT JOIN policies p ON p.client_id = c.id AND p.practice_id = c.practice_id
        WHERE c.practice_id = \(bind: practiceID)
        """ + " AND " + .column("c.id", in: clientIDs)
    }

    /// The practice's payers' names and contracted rates, and its currency, in one statement
    /// (``PayerTerms/read(practiceID:on:)``). Also shown by `rapport bench explain`.
    static func terms(practiceID: UUID) -> SQLQueryString {
        "SELECT 'rate' AS kind, payer_id, service_id, amount, effective_from, CAST(NULL AS TEXT) AS name"
            + " FROM payer_rates WHERE practice_id = \(bind: practiceID)"
            + " UNION ALL SELECT 'payer', id, NULL, NULL, NULL, name FROM payers WHERE practice_id = \(bind: practiceID)"
            + " UNION ALL SELECT 'currency', NULL, NULL, NULL, NULL, currency FROM practices WHERE id = \(bind: practiceID)"
    }

    /// Policy rows as each client's plans.
    private static func plans(_ rows: [any SQLRow], currency: Currency) throws -> [UUID: [CoveragePlan<UUID>]] {
        var plans: [UUID: [CoveragePlan<UUID>]] = [:]
        for row in rows {
            plans[try row.decode(column: "client_id", as: UUID.self), default: []].append(
                try plan(row, currency: currency))
        }
        return plans
    }

    private static func plan(_ row: any SQLRow, currency: Currency) throws -> CoveragePlan<UUID> {
        let from = try LocalDate(
            stored: row.decode(column: "effective_from", as: String.self), column: "effective_from")
        let to = try row.decode(column: "effective_to", as: String?.self).map {
            try LocalDate(stored: $0, column: "effective_to")
        }
        let rankText = try row.decode(column: "rank", as: String.self)
        guard let rank = PayerRank(rawValue: rankText) else {
            throw UnreadableStoredValue(column: "rank", value: rankText)
        }
        guard let period = CoveragePeriod(from: from, to: to) else {
            throw UnreadableStoredValue(column: "effective_to", value: to?.description ?? "")
        }
        let money = { (amount: Int64?) in amount.map { Money(amount: $0, currency: currency) } }
        return CoveragePlan(
            id: try row.decode(column: "id", as: UUID.self), payerID: try row.decode(column: "payer_id", as: UUID.self),
            rank: rank, period: period,
            costShare: CostShare(
                copay: money(try row.decode(column: "copay", as: Int64?.self)),
                coinsurancePercent: try row.decode(column: "coinsurance_percent", as: Int?.self),
                deductibleRemaining: money(try row.decode(column: "deductible_remaining", as: Int64?.self))))
    }

    /// The rank of one of the client's policies.
    func rank(of plan: UUID, client: UUID) -> PayerRank? {
        plans[client]?.first { $0.id == plan }?.rank
    }

    /// Whether the client has any policy at all (in force or not).
    func hasPolicies(_ client: UUID) -> Bool { !(plans[client] ?? []).isEmpty }

    /// Where `session` bills under the current rules.
    func route(_ session: SessionRecord, practice: PracticeContext) -> BillingRoute<UUID> {
        route(
            client: session.clientID, start: session.startsAt, attendance: session.attendance,
            serviceID: session.serviceID, fee: session.feeAmount, selfPay: session.selfPay, practice: practice)
    }

    func route(_ session: Session, practice: PracticeContext) -> BillingRoute<UUID> {
        route(
            client: session.clientID, start: session.startsAt, attendance: session.attendance,
            serviceID: session.serviceID, fee: session.feeAmount, selfPay: session.selfPay, practice: practice)
    }

    func route(
        client: UUID, start: Date, attendance: Attendance, serviceID: UUID, fee: Int64, selfPay choice: Bool?,
        practice: PracticeContext
    ) -> BillingRoute<UUID> {
        // The session's own choice wins: true pays itself, false bills insurance although the client pays
        // for the others; nil follows the client.
        let selfPay: SelfPayReason? =
            switch choice {
            case true?: .sessionChoice
            case false?: nil
            case nil: selfPaying.contains(client) ? .clientChoice : nil
            }
        let date = practice.date(of: start)
        return BillingRoute.of(
            date: date, attendance: attendance, charge: practice.money(fee), selfPay: selfPay,
            plans: plans[client] ?? [],
            contractedRate: { payer in
                terms?.rates[payer]?[serviceID]?.value(on: date).map { practice.money($0) }
            })
    }

    /// Why `session` is not invoiced to the client, in words, when it bills an insurer.
    func billsInsurer(_ session: Session, practice: PracticeContext) -> String? {
        guard case .insurance(_, let payer, _, _, _) = route(session, practice: practice) else { return nil }
        return
            "bills \(payerNames[payer] ?? "the client's insurer"): it goes on a claim, not an invoice (make it self-pay to invoice the client)"
    }

    /// The route as the API shows it.
    func billing(_ session: SessionRecord, practice: PracticeContext) -> SessionBilling {
        SessionBilling(route(session, practice: practice), payerNames: payerNames)
    }
}
