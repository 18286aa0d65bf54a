import Fluent
import Foundation
import RapportCore

/// Books repeating sessions and shows a series with its stored occurrences.
struct SeriesScheduling {
    let database: any Database
    let actor: Actor
    let settings: Settings

    func create(_ input: SeriesInput) async throws -> SeriesDetails {
        try await database.writeTransaction(practice: actor.practiceID) { db in
            let practice = try await PracticeContext.of(actor, on: db)
            let lookup = Lookup(database: db, actor: actor)
            let checks = SessionInputChecks(lookup: lookup, practice: practice)
            var errors = FieldErrors()
            _ = try await lookup.reference("clientId") { try await lookup.client(input.clientId) }
            try actor.requireOwnCalendar(input.clinicianId)
            let clinician = try await checks.clinician(input.clinicianId, errors: &errors)
            let chosen = try await checks.chosenService(input.serviceId, errors: &errors)
            checks.duration(input.durationMinutes, errors: &errors)
            let override = checks.fee(input.fee, errors: &errors)
            let location = TextInput.optional(input.location, field: "location", errors: &errors)
            let place = checks.placeOfService(input.placeOfService, errors: &errors)
            let zoneName = input.timeZone ?? practice.timeZone.identifier
            let zone = TimeZone(iana: zoneName)
            if zone == nil { errors.add("timeZone", "must be an IANA time zone such as America/New_York") }
            let rule = RuleInput(input).rule(errors: &errors)
            checks.seriesStart(input.start.date, errors: &errors)
            if let until = input.until, until < input.start.date {
                errors.add("until", "must be on or after the start date")
            }
            try errors.throwIfAny()
            guard let zone, let rule else { throw UseCaseError.invalid(errors.fields) }
            let recurrence = Recurrence(rule: rule, start: input.start, timeZone: zone)
            guard recurrence.startIsAnOccurrence else {
                throw UseCaseError.invalid(
                    "start",
                    "\(input.start.date) is a \(input.start.date.weekday) and is not one of the days the rule \(rule) repeats on"
                )
            }

            let series = Series()
            series.practiceID = actor.practiceID
            series.clientID = input.clientId
            series.clinicianID = input.clinicianId
            series.rule = rule.description
            series.startLocal = input.start
            series.timeZone = zoneName
            series.location = location
            series.placeOfService = place
            series.chosenServiceID = chosen?.id
            series.feeOverride = override
            series.generatedThrough = zone.instant(of: input.start)
            let (rules, services) = try await PricingRulesLoader(database: db, practice: practice)
                .rulesAndServices(forClient: input.clientId)
            let firstDate = input.start.date
            guard
                let firstPrice = try? Pricing.price(
                    PricingRequest(
                        date: firstDate, chosenServiceID: chosen?.id, feeOverride: override.map(practice.money)),
                    rules: rules)
            else {
                throw UseCaseError.invalid(
                    "serviceId", "no service: choose one, or set a default service for the client or the practice")
            }
            series.durationMinutes =
                input.durationMinutes
                ?? checks.defaultDuration(chosen: chosen, price: firstPrice, services: services)
            try await series.create(on: db)
            let outcome = try await SeriesMaterializer(database: db, practice: practice, settings: settings)
                .reconcile(series, existing: [])
            try await ScheduleConflictCheck(database: db, actor: actor, practice: practice)
                .refuseOverlaps(of: outcome.changed, allowed: input.allowConflicts, known: [clinician])
            let content = try await self.content(series, practice: practice, on: db)
            try await AuditLog(database: db, actor: actor).record(
                "create", "series", id: content.id, after: SeriesAuditSnapshot(series))
            return content
        }
    }

    /// The series' repeat rule alone, for a session's panel to describe (no occurrences loaded).
    func rule(of id: UUID) async throws -> RecurrenceRule {
        try await Lookup(database: database, actor: actor).series(id).recurrence().rule
    }

    func get(_ id: UUID) async throws -> SeriesDetails {
        let practice = try await PracticeContext.of(actor, on: database)
        let series = try await Lookup(database: database, actor: actor).series(id)
        return try await content(series, practice: practice, on: database)
    }

    private func content(_ series: Series, practice: PracticeContext, on db: any Database) async throws -> SeriesDetails
    {
        let id = try series.requireID()
        let sessions = try await Session.query(on: db).filter(\.$seriesID == id).sort(\.$startsAt).all()
        let services = try await Lookup(database: db, actor: actor).servicesByID()
        let billed = try await BilledAmounts.of(sessions, on: db)
        let coverage = try await CoverageBook.load(for: sessions, practiceID: actor.practiceID, on: db)
        return SeriesDetails(
            id: id, clientId: series.clientID, clinicianId: series.clinicianID, rule: series.rule,
            start: series.startLocal,
            timeZone: series.timeZone, durationMinutes: series.durationMinutes, location: series.location,
            placeOfService: series.placeOfService,
            serviceId: series.chosenServiceID, fee: series.feeOverride.map(practice.money),
            generatedThrough: series.generatedThrough, ended: series.endedAt != nil,
            occurrences: try sessions.map {
                try SessionDetails(
                    $0, services: services, practice: practice, coverage: coverage,
                    billedAmount: $0.id.flatMap { billed[$0] })
            })
    }
}

/// What the audit log keeps of a series.
struct SeriesAuditSnapshot: Encodable {
    let rule: String
    let start: LocalDateTime
    let timeZone: String
    let durationMinutes: Int
    let clinicianId: UUID
    let serviceId: UUID?
    let feeOverride: Int64?

    init(_ series: Series) {
        rule = series.rule
        start = series.startLocal
        timeZone = series.timeZone
        durationMinutes = series.durationMinutes
        clinicianId = series.clinicianID
        serviceId = series.chosenServiceID
        feeOverride = series.feeOverride
    }
}

/// Turns a series request's rule string or structured fields into a rule, naming the field at fault.
struct RuleInput {
    let input: SeriesInput
    init(_ input: SeriesInput) { self.input = input }

    func rule(errors: inout FieldErrors) -> RecurrenceRule? {
        let structured =
            input.frequency != nil || input.interval != nil || input.byDay != nil
            || input.byMonthDay != nil || input.count != nil || input.until != nil
        if let text = input.rule {
            if structured {
                errors.add("rule", "give either rule or the structured fields (frequency, interval, …), not both")
            }
            do { return try RecurrenceRule(parsing: text) } catch {
                errors.add("rule", error.message)
                return nil
            }
        }
        guard let frequency = input.frequency else {
            errors.add("frequency", "is required (daily, weekly or monthly), or give rule")
            return nil
        }
        if input.count != nil, input.until != nil {
            errors.add("count", "and until cannot both be given; a series ends one way")
        }
        var parts = ["FREQ=\(frequency.uppercased())"]
        if let interval = input.interval { parts.append("INTERVAL=\(interval)") }
        if let days = input.byDay, !days.isEmpty { parts.append("BYDAY=" + days.joined(separator: ",")) }
        if let days = input.byMonthDay, !days.isEmpty {
            parts.append("BYMONTHDAY=" + days.map(String.init).joined(separator: ","))
        }
        if let count = input.count { parts.append("COUNT=\(count)") }
        if let until = input.until {
            parts.append("UNTIL=" + until.description.replacingOccurrences(of: "-", with: ""))
        }
        do {
            return try RecurrenceRule(parsing: parts.joined(separator: ";"))
        } catch {
            let field: String =
                switch error.part {
                case .frequency: "frequency"
                case .interval: "interval"
                case .byDay: "byDay"
                case .byMonthDay: "byMonthDay"
                case .count: "count"
                case .until: "until"
                case .weekStart, nil: "rule"
                }
            errors.add(FieldPath(key: field), error.message)
            return nil
        }
    }
}
