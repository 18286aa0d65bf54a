import Fluent
import Foundation
import RapportCore
import SQLKit

/// Good Faith Estimates for clients who pay for themselves: made from what Rapport knows — the
/// client's sessions in the period that bill them (their series and one-off sessions, at today's
/// fees), each clinician with their NPI, the practice's tax ID and office — kept and versioned;
/// an estimate that today's fees or schedule no longer match says how; and the clients whose
/// estimate is due, or late, are listed with the day it is due by.
struct GoodFaithEstimates {
    let database: any Database
    let actor: Actor

    /// Gives the client a new estimate for `periodMonths` (1 to 12, default 12) from `start`
    /// (default today); the one it replaces is kept as an earlier version.
    func create(_ clientID: UUID, _ input: GoodFaithEstimateInput) async throws -> GoodFaithEstimateDetails {
        try await database.writeTransaction(practice: actor.practiceID) { db in
            let practice = try await PracticeContext.of(actor, on: db)
            let client = try await Lookup(database: db, actor: actor).client(clientID)
            var errors = FieldErrors()
            let months = input.periodMonths ?? GoodFaithEstimateRules.maxPeriodMonths
            if !(1...GoodFaithEstimateRules.maxPeriodMonths).contains(months) {
                errors.add("periodMonths", "must be from 1 to \(GoodFaithEstimateRules.maxPeriodMonths)")
            }
            let start = input.start ?? practice.today
            if start < practice.today { errors.add("start", "cannot be in the past: an estimate is for care to come") }
            try errors.throwIfAny()
            let end = GoodFaithEstimateRules.periodEnd(start: start, months: months)
            let row = try await give(client, from: start, through: end, requested: input.requested ?? false, on: db)
            return try await details(row, client: client, practice: practice, on: db)
        }
    }

    /// Gives the client a new version for the period, inside the caller's transaction; refused
    /// when they have no sessions billed to them in it or it lacks what the rule requires.
    private func give(
        _ client: Client, from start: LocalDate, through end: LocalDate, requested: Bool, on db: any Database
    ) async throws -> GoodFaithEstimateRow {
        let practice = try await PracticeContext.of(actor, on: db)
        let clientID = try client.requireID()
        guard let estimate = try await draft(client, from: start, through: end, practice: practice, on: db) else {
            throw UseCaseError.invalid(
                "clientId", "has no sessions billed to them from \(start) to \(end): book their sessions (or series) first")
        }
        try Self.refuseIncomplete(estimate)
        let previous = try await GoodFaithEstimateRow.query(on: db).filter(\.$clientID == clientID)
            .sort(\.$version, .descending).first()
        try await GoodFaithEstimateRow.query(on: db).filter(\.$clientID == clientID).set(\.$current, to: false).update()
        let row = GoodFaithEstimateRow()
        (row.practiceID, row.clientID, row.version, row.current) = (
            actor.practiceID, clientID, (previous?.version ?? 0) + 1, true
        )
        (row.issuedOn, row.periodStart, row.periodEnd, row.requested) = (practice.today, start, end, requested)
        (row.total, row.createdByName) = (estimate.total.amount, actor.name)
        row.estimate = String(decoding: try JSONEncoder().encode(estimate), as: UTF8.self)
        try await row.create(on: db)
        try await AuditLog(database: db, actor: actor).record(
            "create", "goodFaithEstimate", id: try row.requireID(),
            after: ["version": "\(row.version)", "total": "\(row.total)", "periodEnd": end.description])
        return row
    }

    /// The current estimates of `clients` that no longer match, each with what changed; with
    /// `renew`, each is replaced in the caller's transaction by a new version from today to the
    /// end of its period (a billing change's Confirm offers it).
    func outOfDate(
        _ clients: Set<UUID>, renew: Bool, on db: any Database
    ) async throws -> [BillingChangeReport.EstimateChanged] {
        guard !clients.isEmpty else { return [] }
        let practice = try await PracticeContext.of(actor, on: db)
        var changed: [BillingChangeReport.EstimateChanged] = []
        for chunk in Array(clients).chunks(of: IDsPerStatement.limit) {
            for row in try await GoodFaithEstimateRow.query(on: db).filter(\.$practiceID == actor.practiceID)
                .filter(\.$clientID ~~ Array(chunk)).filter(\.$current == true).all()
            where row.periodEnd >= practice.today {
                let client = try await Lookup(database: db, actor: actor).client(row.clientID)
                guard
                    let now = try await draft(
                        client, from: row.periodStart, through: row.periodEnd, practice: practice, on: db)
                else { continue }
                let changes = try row.decoded().changes(to: now)
                guard !changes.isEmpty else { continue }
                let renewed =
                    renew
                    ? try await give(
                        client, from: max(row.periodStart, practice.today), through: row.periodEnd, requested: false,
                        on: db
                    ).id : nil
                changed.append(
                    .init(
                        clientId: row.clientID, clientName: "\(client.firstName) \(client.lastName)",
                        estimateId: try row.requireID(), changes: changes, newEstimateId: renewed))
            }
        }
        return changed.sorted { ($0.clientName, $0.estimateId) < ($1.clientName, $1.estimateId) }
    }

    /// Refuses an estimate that lacks what the rule requires, each piece on its field with where to add it.
    private static func refuseIncomplete(_ estimate: GoodFaithEstimate) throws {
        var errors = FieldErrors()
        for (field, _) in estimate.problems {
            let message: String
            if field == "clientDateOfBirth" {
                message = "The client's date of birth is missing: edit the client"
            } else if field.hasSuffix(".npi") {
                let index = Int(field.dropFirst("providers[".count).prefix { $0.isNumber }) ?? 0
                let name = estimate.providers.indices.contains(index) ? estimate.providers[index].name : "A clinician"
                message = "\(name) has no NPI: Settings → Clinicians"
            } else {
                message = "The practice's tax ID and office address are not set: Settings → Billing provider"
            }
            errors.add(FieldPath(stringLiteral: field), message)
        }
        try errors.throwIfAny()
    }

    /// Every version of the client's estimates, newest first.
    func list(_ clientID: UUID) async throws -> [GoodFaithEstimateDetails] {
        let practice = try await PracticeContext.of(actor, on: database)
        let client = try await Lookup(database: database, actor: actor).client(clientID)
        var found: [GoodFaithEstimateDetails] = []
        for row in try await GoodFaithEstimateRow.query(on: database).filter(\.$clientID == clientID)
            .sort(\.$version, .descending).all()
        {
            found.append(try await details(row, client: client, practice: practice, on: database))
        }
        return found
    }

    func get(_ id: UUID) async throws -> GoodFaithEstimateDetails {
        let practice = try await PracticeContext.of(actor, on: database)
        guard
            let row = try await GoodFaithEstimateRow.query(on: database).filter(\.$id == id)
                .filter(\.$practiceID == actor.practiceID).first()
        else { throw UseCaseError.notFound("good faith estimate") }
        let client = try await Lookup(database: database, actor: actor).client(row.clientID)
        return try await details(row, client: client, practice: practice, on: database)
    }

    /// The estimate with what no longer matches: the current version is estimated again for its
    /// period from today's fees and schedule.
    func details(
        _ row: GoodFaithEstimateRow, client: Client, practice: PracticeContext, on db: any Database
    ) async throws -> GoodFaithEstimateDetails {
        let estimate = try row.decoded()
        var changes: [String] = []
        if row.current, row.periodEnd >= practice.today,
            let now = try await draft(client, from: row.periodStart, through: row.periodEnd, practice: practice, on: db)
        {
            changes = estimate.changes(to: now)
        }
        let charges = row.current ? try await charges(of: estimate, clientID: row.clientID, practice: practice, on: db) : []
        // A changed estimate is due the business day before the next session.
        let nextSession =
            changes.isEmpty
            ? nil
            : try await Self.firstSessionDate(
                client: try client.requireID(), from: practice.today, through: row.periodEnd, practice: practice, on: db)
        return GoodFaithEstimateDetails(
            id: try row.requireID(), clientId: row.clientID, version: row.version, current: row.current,
            issuedOn: row.issuedOn, requested: row.requested, createdBy: row.createdByName, estimate: estimate,
            changes: changes, charges: charges,
            revisionDue: changes.isEmpty ? nil : nextSession.map(GoodFaithEstimateRules.revisionDue(service:)),
            disclaimers: GoodFaithEstimate.disclaimers)
    }

    /// The estimate of the client's sessions from `from` through `through` that bill them (not an
    /// insurer, and not cancelled), at the fees they bill at today; nil when there are none.
    func draft(
        _ client: Client, from: LocalDate, through: LocalDate, practice: PracticeContext, on db: any Database
    ) async throws -> GoodFaithEstimate? {
        let clientID = try client.requireID()
        let sessions = try await SessionRecord.select(practiceID: practice.id, on: try db.sql())
            .where("client_id", .equal, clientID)
            .where("starts_at", .greaterThanOrEqual, practice.timeZone.startOfDay(from))
            .where("starts_at", .lessThan, practice.timeZone.startOfDay(through.adding(days: 1)))
            .where("attendance", .notEqual, Attendance.cancelled.rawValue)
            .orderBy("starts_at").rows(SessionRecord.self, on: db)
        let coverage = try await CoverageBook.load(practiceID: practice.id, clientIDs: [clientID], on: db)
        let billed = sessions.filter { coverage.route($0, practice: practice).plan == nil }
        guard let first = billed.first else { return nil }
        let services = try await Lookup(database: db, practiceID: practice.id).servicesByID()
        let clinicians = try await Clinician.query(on: db).filter(\.$practiceID == practice.id).all()
        let provider = try await BillingProviderRow.query(on: db).filter(\.$practiceID == practice.id).first()
        let seriesIDs = Array(Set(billed.compactMap(\.seriesID)))
        let series = seriesIDs.isEmpty ? [] : try await Series.query(on: db).filter(\.$id ~~ seriesIDs).all()
        let rules = Dictionary(
            uniqueKeysWithValues: series.compactMap { row in
                row.id.flatMap { id in (try? RecurrenceRule(parsing: row.rule)).map { (id, $0) } }
            })
        let versions = ClientDiagnosisList.versions(try await ClientDiagnosis.read(clients: [clientID], on: db))
        struct Key: Hashable {
            let clinician: UUID
            let service: UUID
            let fee: Int64
            let series: UUID?
        }
        var groups: [Key: [SessionRecord]] = [:]
        var order: [Key] = []
        for session in billed {
            let key = Key(clinician: session.clinicianID, service: session.serviceID, fee: session.feeAmount, series: session.seriesID)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(session)
        }
        let location = provider.map {
            PostalAddress(
                line1: $0.addressLine1, line2: $0.addressLine2, city: $0.addressCity, state: $0.addressState, zip: $0.addressZIP)
        }
        var providers: [GoodFaithEstimate.Provider] = []
        for clinicianID in order.map(\.clinician).reduce(into: [UUID](), { if !$0.contains($1) { $0.append($1) } }) {
            let clinician = clinicians.first { $0.id == clinicianID }
            let items = order.filter { $0.clinician == clinicianID }.map { key -> GoodFaithEstimate.Item in
                let sessions = groups[key] ?? []
                let service = services[key.service]
                var codes: [String] = []
                for session in sessions {
                    let date = practice.date(of: session.startsAt)
                    for code in session.diagnoses ?? versions.last(where: { $0.from <= date })?.codes ?? []
                    where !codes.contains(code.description) {
                        codes.append(code.description)
                    }
                }
                return GoodFaithEstimate.Item(
                    serviceCode: service?.code ?? "", description: service?.description ?? "", diagnosisCodes: codes,
                    frequency: key.series.flatMap { rules[$0] }.map { RuleText.describe($0) }, sessions: sessions.count,
                    charge: practice.money(key.fee), total: practice.money(key.fee * Int64(sessions.count)))
            }
            let name = [clinician?.name ?? "", clinician?.credentials].compactMap { $0 }.filter { !$0.isEmpty }
                .joined(separator: ", ")
            providers.append(
                GoodFaithEstimate.Provider(
                    id: clinicianID.uuidString, name: name, npi: clinician?.npi?.description,
                    taxID: provider.flatMap { TaxID($0.taxID, kind: $0.taxIDKind) }?.digits, location: location,
                    items: items, total: practice.money(items.reduce(0) { $0 + $1.total.amount })))
        }
        let primary = providers.flatMap(\.items).max { $0.total.amount < $1.total.amount }
        return GoodFaithEstimate(
            clientName: "\(client.firstName) \(client.lastName)", clientDateOfBirth: client.dateOfBirth,
            primaryService: primary.map { item in
                "\(item.description) (\(item.serviceCode))" + (item.frequency.map { ", \($0.lowercased())" } ?? "")
            } ?? "",
            primaryServiceDate: practice.date(of: first.startsAt), periodStart: from, periodEnd: through,
            providers: providers, total: practice.money(providers.reduce(0) { $0 + $1.total.amount }))
    }

    /// The day of the client's first session in the range that bills them, if any.
    static func firstSessionDate(
        client: UUID, from: LocalDate, through: LocalDate, practice: PracticeContext, on db: any Database
    ) async throws -> LocalDate? {
        let rows = try await SessionRecord.select(practiceID: practice.id, on: try db.sql())
            .where("client_id", .equal, client)
            .where("starts_at", .greaterThanOrEqual, practice.timeZone.startOfDay(from))
            .where("starts_at", .lessThan, practice.timeZone.startOfDay(through.adding(days: 1)))
            .where("attendance", .equal, Attendance.scheduled.rawValue).orderBy("starts_at")
            .rows(SessionRecord.self, on: db)
        let coverage = try await CoverageBook.load(practiceID: practice.id, clientIDs: [client], on: db)
        return rows.first { coverage.route($0, practice: practice).plan == nil }.map { practice.date(of: $0.startsAt) }
    }
}
