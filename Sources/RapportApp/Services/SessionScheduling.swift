import Fluent
import Foundation
import RapportCore
import SQLKit

/// Books, lists, changes and deletes sessions. Series-wide scopes go to ``SeriesEditing``.
struct SessionScheduling {
    let database: any Database
    let actor: Actor
    let settings: Settings
    /// Coverage and pricing rules kept while the billing inputs stand (``BillingShelf``): for the
    /// lists, and for a booking's or a change's turn.
    var billingInputs: BillingShelf? = nil

    struct Range: Hashable, Sendable {
        var from: Date
        var to: Date
        var clinicianIDs: [UUID]
        var clientID: UUID?
        var limit: Int
        /// The latest sessions first (with `limit`, the most recent ones).
        var newestFirst = false
        /// Skip this many, for a list shown a page at a time.
        var offset = 0
    }

    /// Sessions in the range, read with SQLKit: the calendar's hot path (see ``SessionRecord``).
    /// `coverage`, when the caller has read it already, must cover the range's clients (the client
    /// screen reads its client's once for all its parts); otherwise it is read here.
    func list(_ range: Range, coverage: CoverageBook? = nil) async throws -> [SessionDetails] {
        try await details(
            try await Self.query(range, actor: actor, on: try database.sql()).rows(SessionRecord.self, on: database),
            coverage: coverage)
    }

    /// A calendar's answer (`make`'s), kept in `cache` while what it shows stands: the sessions of
    /// the clinicians it may show and the rows any calendar may show
    /// (``DataVersion/calendar(practiceID:clinicianIDs:on:)``, read before them; see ``ReadCache``).
    func kept<Key: CalendarScoped, Value: Sendable>(
        _ key: Key, in cache: ReadCache<Key, Value>, make: () async throws -> Value
    ) async throws -> Value {
        let sql = try database.sql()
        return try await cache.answer(
            for: key, dataVersion: actor.dataVersion,
            numbers: {
                try await DataVersion.calendar(practiceID: key.practiceID, clinicianIDs: key.clinicians, on: sql)
            }, make: make)
    }

    /// ``list(_:)`` with each session's client's name, read in the same statement (the calendar
    /// page names every block's client).
    func listNamed(_ range: Range) async throws -> [(session: SessionDetails, clientName: String)] {
        let query = Self.query(range, actor: actor, on: try database.sql()).column(
            SQLRaw("(SELECT c.first_name || ' ' || c.last_name FROM clients c WHERE c.id = sessions.client_id) AS client_name"))
        let records = try await query.rows(SessionRecord.self, on: database)
        return zip(try await details(records), records).map { ($0, $1.clientName ?? "") }
    }

    private func details(_ records: [SessionRecord], coverage: CoverageBook? = nil) async throws -> [SessionDetails] {
        let practice = try await PracticeContext.of(actor, on: database)
        let coverage =
            if let coverage { coverage } else { try await self.coverage(of: Array(Set(records.map(\.clientID)))) }
        // Each row carries its service's code and description.
        return records.map { SessionDetails($0, services: [:], practice: practice, coverage: coverage) }
    }

    /// The clients' coverage, from what is kept at the billing number read last (with a kept
    /// answer's own number, or with the sign-in) where the caller keeps it (``BillingShelf``).
    func coverage(of clientIDs: [UUID]) async throws -> CoverageBook {
        try await CoverageBook.load(
            practiceID: actor.practiceID, clientIDs: clientIDs, on: database, kept: billingInputs,
            at: BillingShelf.version(for: actor))
    }

    /// The clients' coverage inside a write's turn, from what is kept at the billing number the
    /// turn began at (``WriteTurn``): a booking or a change of one session changes no billing input,
    /// so it stands for the whole transaction, and each round trip saved shortens the practice's turn.
    /// Their pricing rules are taken the same way (``PricingRulesLoader/rulesAndServices(forClient:kept:at:)``).
    private func coverage(of clientIDs: [UUID], in turn: WriteTurn, on db: any Database) async throws -> CoverageBook {
        try await CoverageBook.load(
            practiceID: actor.practiceID, clientIDs: clientIDs, on: db, kept: billingInputs, at: turn.billing)
    }

    /// The range's query, also shown by `rapport bench explain`.
    static func query(_ range: Range, actor: Actor, on sql: any SQLDatabase) -> SQLSelectBuilder {
        let query = SessionRecord.selectForList(practiceID: actor.practiceID, on: sql)
            .where("starts_at", .greaterThanOrEqual, range.from).where("starts_at", .lessThan, range.to)
        if !range.clinicianIDs.isEmpty { query.where("clinician_id", .in, range.clinicianIDs) }
        if let client = range.clientID { query.where("client_id", .equal, client) }
        switch actor.calendars {
        case .practice: break
        case .clinician(let own): query.where("clinician_id", .equal, own)
        case .none: query.where(SQLLiteral.boolean(false))
        }
        // The id breaks ties of start, so pages neither repeat nor skip a session.
        let order: SQLDirection = range.newestFirst ? .descending : .ascending
        query.orderBy("starts_at", order).orderBy("id", order).limit(range.limit)
        if range.offset > 0 { query.offset(range.offset) }
        return query
    }

    func get(_ id: UUID) async throws -> SessionDetails {
        let practice = try await PracticeContext.of(actor, on: database)
        let lookup = Lookup(database: database, actor: actor)
        let session = try await lookup.session(id)
        return try SessionDetails(
            session, services: try await lookup.servicesByID(), practice: practice,
            coverage: try await CoverageBook.load(for: [session], practiceID: actor.practiceID, on: database),
            billedAmount: try await BilledAmounts.of([session], on: database)[id])
    }

    /// Books a single (non-repeating) session.
    func create(_ input: SessionInput) async throws -> SessionDetails {
        try await database.writeTransaction(practice: actor.practiceID) { db, turn in
            let practice = try await PracticeContext.of(actor, on: db)
            let lookup = Lookup(database: db, actor: actor)
            let checks = SessionInputChecks(lookup: lookup, practice: practice)
            var errors = FieldErrors()
            guard let clientID = input.clientId else { throw UseCaseError.invalid("clientId", "is required") }
            let client = try await lookup.reference("clientId") { try await lookup.client(clientID) }
            let clinicianID = input.clinicianId ?? actor.onlyClinician ?? client.primaryClinicianID
            var clinicians: [Clinician] = []
            if let clinicianID {
                try actor.requireOwnCalendar(clinicianID)
                clinicians.append(try await checks.clinician(clinicianID, errors: &errors))
            } else {
                errors.add("clinicianId", "is required")
            }
            if input.start == nil { errors.add("start", "is required") }
            if input.rule != nil { errors.add("rule", "belongs on a repeating session: POST /api/v1/series") }
            let chosen = try await checks.chosenService(input.serviceId?.value, errors: &errors)
            checks.duration(input.durationMinutes, errors: &errors)
            let override = checks.fee(input.fee?.value, errors: &errors)
            let attendance = checks.attendance(input.attendance, errors: &errors) ?? .scheduled
            let location = TextInput.optional(input.location?.value, field: "location", errors: &errors)
            let place = checks.placeOfService(input.placeOfService?.value, errors: &errors)
            let diagnoses = input.diagnoses?.value.map { checks.diagnoses($0, errors: &errors) }
            try errors.throwIfAny()
            guard let start = input.start, let clinicianID else { throw UseCaseError.invalid(errors.fields) }

            let session = Session()
            session.practiceID = actor.practiceID
            session.clientID = clientID
            session.clinicianID = clinicianID
            session.startsAt = start
            session.location = location
            session.placeOfService = place
            session.attendance = attendance
            session.chosenServiceID = chosen?.id
            session.feeOverride = override
            session.isException = false
            session.selfPay = input.selfPay?.value
            session.diagnoses = diagnoses
            let (rules, services) = try await PricingRulesLoader(database: db, practice: practice)
                .rulesAndServices(forClient: clientID, kept: billingInputs, at: turn.billing)
            let price = try Repricer(database: db, practice: practice).price(session, rules: rules)
            session.apply(price)
            session.durationMinutes =
                input.durationMinutes
                ?? checks.defaultDuration(chosen: chosen, price: price, services: services)
            try await session.create(on: db)
            try await ScheduleConflictCheck(database: db, actor: actor, practice: practice)
                .refuseOverlaps(of: [session], allowed: input.allowConflicts, known: clinicians)
            let coverage = try await coverage(of: [clientID], in: turn, on: db)
            let content = try SessionDetails(session, services: services, practice: practice, coverage: coverage)
            try await AuditLog(database: db, actor: actor).record("create", "session", id: content.id, after: content)
            return content
        }
    }

    /// Changes one session, or with a series scope, this and following / all occurrences.
    func update(_ id: UUID, _ input: SessionInput, scope: Scope) async throws -> ScopedChangeResult {
        try await database.writeTransaction(practice: actor.practiceID) { db, turn in
            let lookup = Lookup(database: db, actor: actor)
            let session = try await lookup.session(id)
            if scope != .thisOnly, session.seriesID != nil {
                return try await SeriesEditing(database: db, actor: actor, settings: settings).change(
                    session, input, scope: scope)
            }
            return try await updateOne(session, input, in: turn, on: db)
        }
    }

    private func updateOne(
        _ session: Session, _ input: SessionInput, in turn: WriteTurn, on db: any Database
    ) async throws -> ScopedChangeResult {
        let practice = try await PracticeContext.of(actor, on: db)
        let lookup = Lookup(database: db, actor: actor)
        let checks = SessionInputChecks(lookup: lookup, practice: practice)
        let (rules, services) = try await PricingRulesLoader(database: db, practice: practice)
            .rulesAndServices(forClient: session.clientID, kept: billingInputs, at: turn.billing)
        let billedAmount = try await BilledAmounts.of([session], on: db)[try session.requireID()]
        let coverage = try await coverage(of: [session.clientID], in: turn, on: db)
        let before = try SessionDetails(
            session, services: services, practice: practice, coverage: coverage, billedAmount: billedAmount)
        var errors = FieldErrors()
        if let client = input.clientId, client != session.clientID {
            errors.add("clientId", "cannot change; book a new session for the other client")
        }
        if input.rule != nil { errors.add("rule", "changes a series: use scope=following or scope=all") }
        let checked = try await checks.change(input, actor: actor, errors: &errors)
        let (chosen, override, location) = (checked.chosenService, checked.feeOverride, checked.location)
        let attendance = checks.attendance(input.attendance, errors: &errors)
        let diagnoses = input.diagnoses.map { patch in patch.value.map { checks.diagnoses($0, errors: &errors) } }
        try errors.throwIfAny()
        if session.isBilled {
            throw UseCaseError.conflict(
                "session_billed",
                "this session is on an invoice, so its price is frozen; delete the invoice first to change it")
        }
        var schedulingChanged = false
        // A new time, length or clinician, or a cancellation taken back, may overlap another session.
        let freedTime = !session.attendance.takesTime
        if let start = input.start, start != session.startsAt { session.startsAt = start; schedulingChanged = true }
        if let minutes = input.durationMinutes, minutes != session.durationMinutes {
            session.durationMinutes = minutes; schedulingChanged = true
        }
        if let clinician = input.clinicianId, clinician != session.clinicianID {
            session.clinicianID = clinician; schedulingChanged = true
        }
        let mayOverlap = schedulingChanged || (freedTime && attendance?.takesTime == true)
        if let location, location != session.location { session.location = location; schedulingChanged = true }
        if let place = checked.placeOfService { session.placeOfService = place }
        if input.serviceId != nil { session.chosenServiceID = chosen?.id; schedulingChanged = true }
        if input.fee != nil { session.feeOverride = override; schedulingChanged = true }
        if let attendance { session.attendance = attendance }
        if let selfPay = input.selfPay { session.selfPay = selfPay.value }
        if let diagnoses { session.diagnoses = diagnoses }
        if session.seriesID != nil, schedulingChanged { session.isException = true }
        session.apply(try Repricer(database: db, practice: practice).price(session, rules: rules))
        try await session.save(on: db)
        if mayOverlap {
            try await ScheduleConflictCheck(database: db, actor: actor, practice: practice)
                .refuseOverlaps(of: [session], allowed: input.allowConflicts)
        }
        let after = try SessionDetails(
            session, services: services, practice: practice, coverage: coverage, billedAmount: billedAmount)
        try await AuditLog(database: db, actor: actor).record(
            "update", "session", id: after.id, before: before, after: after)
        return ScopedChangeResult(changed: [after], deleted: [], kept: [], seriesId: session.seriesID)
    }

    /// Deletes one session, or with a series scope, this and following / all occurrences.
    func delete(_ id: UUID, scope: Scope) async throws -> ScopedChangeResult {
        try await database.writeTransaction(practice: actor.practiceID) { db in
            let practice = try await PracticeContext.of(actor, on: db)
            let lookup = Lookup(database: db, actor: actor)
            let session = try await lookup.session(id)
            if scope != .thisOnly, session.seriesID != nil {
                return try await SeriesEditing(database: db, actor: actor, settings: settings).delete(
                    from: session, scope: scope)
            }
            if session.isBilled {
                throw UseCaseError.conflict(
                    "session_billed", "this session is on an invoice; delete the invoice first, then the session")
            }
            let before = try SessionDetails(
                session, services: try await lookup.servicesByID(), practice: practice,
                coverage: try await CoverageBook.load(for: [session], practiceID: actor.practiceID, on: db))
            if let seriesID = session.seriesID, let original = session.originalStartLocal {
                try await SeriesExclusion(
                    practiceID: actor.practiceID, seriesID: seriesID, originalStartLocal: original
                ).create(on: db)
            }
            try await session.delete(on: db)
            try await AuditLog(database: db, actor: actor).record("delete", "session", id: id, before: before)
            return ScopedChangeResult(changed: [], deleted: [id], kept: [], seriesId: session.seriesID)
        }
    }
}
