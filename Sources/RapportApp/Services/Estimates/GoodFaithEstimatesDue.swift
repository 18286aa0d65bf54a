import Fluent
import Foundation
import RapportCore
import SQLKit

extension GoodFaithEstimates {
    /// Clients with sessions to come that bill them, whose estimate is missing, ends before their
    /// sessions do, or no longer matches today's fees and schedule — each with the day it is due
    /// by (the rule's deadline from when the session was booked; a changed estimate, the business
    /// day before the next session) and whether that day has passed. Soonest due first.
    func due() async throws -> [GoodFaithEstimateDue] {
        let practice = try await PracticeContext.of(actor, on: database)
        let visible = try await Lookup(database: database, actor: actor).visibleClientIDs().map(Set.init)
        let sql = try database.sql()
        let horizon = GoodFaithEstimateRules.periodEnd(start: practice.today, months: GoodFaithEstimateRules.maxPeriodMonths)
        let upcoming = try await SessionRecord.select(practiceID: practice.id, on: sql)
            .where("starts_at", .greaterThanOrEqual, Date())
            .where("starts_at", .lessThan, practice.timeZone.startOfDay(horizon.adding(days: 1)))
            .where("attendance", .equal, Attendance.scheduled.rawValue).orderBy("starts_at")
            .rows(SessionRecord.self, on: database)
            .filter { visible?.contains($0.clientID) ?? true }
        let clients = Array(Set(upcoming.map(\.clientID)))
        guard !clients.isEmpty else { return [] }
        let coverage = try await CoverageBook.load(practiceID: practice.id, clientIDs: clients, on: database)
        let billed = Dictionary(grouping: upcoming.filter { coverage.route($0, practice: practice).plan == nil }, by: \.clientID)
        var current: [UUID: GoodFaithEstimateRow] = [:]
        for chunk in Array(billed.keys).chunks(of: IDsPerStatement.limit) {
            for row in try await GoodFaithEstimateRow.query(on: database).filter(\.$practiceID == practice.id)
                .filter(\.$clientID ~~ Array(chunk)).filter(\.$current == true).all()
            {
                current[row.clientID] = row
            }
        }
        let booked = try await bookedDates(billed.values.flatMap { $0.map(\.id) }, practice: practice)
        var people: [UUID: Client] = [:]
        for chunk in Array(billed.keys).chunks(of: IDsPerStatement.limit) {
            for client in try await Client.query(on: database).filter(\.$practiceID == practice.id)
                .filter(\.$id ~~ Array(chunk)).all()
            {
                people[try client.requireID()] = client
            }
        }
        var due: [GoodFaithEstimateDue] = []
        for (clientID, sessions) in billed {
            guard let first = sessions.first, let client = people[clientID] else { continue }
            let estimate = current[clientID]
            func entry(_ kind: String, _ reason: String, session: SessionRecord, dueOn: LocalDate?) {
                due.append(
                    GoodFaithEstimateDue(
                        kind: kind, clientId: clientID, clientName: "\(client.lastName), \(client.firstName)", reason: reason,
                        nextSession: practice.date(of: session.startsAt), dueOn: dueOn,
                        late: dueOn.map { $0 < practice.today } ?? false, estimateId: estimate?.id))
            }
            func scheduled(_ session: SessionRecord) -> LocalDate? {
                GoodFaithEstimateRules.due(
                    .scheduled(on: booked[session.id] ?? practice.today, service: practice.date(of: session.startsAt)))
            }
            guard let estimate else {
                entry("missing", "no estimate yet", session: first, dueOn: scheduled(first))
                continue
            }
            if let beyond = sessions.first(where: { practice.date(of: $0.startsAt) > estimate.periodEnd }) {
                entry(
                    "tooShort", "sessions after the estimate's period (it ends \(estimate.periodEnd))", session: beyond,
                    dueOn: scheduled(beyond))
            }
            let given = try estimate.decoded()
            if let now = try await draft(client, from: estimate.periodStart, through: estimate.periodEnd, practice: practice, on: database) {
                let changes = given.changes(to: now)
                if !changes.isEmpty {
                    entry(
                        "changed", "the estimate no longer matches: " + changes.joined(separator: "; "), session: first,
                        dueOn: GoodFaithEstimateRules.revisionDue(service: practice.date(of: first.startsAt)))
                }
            }
            for charges in try await charges(of: given, clientID: clientID, practice: practice, on: database)
            where charges.disputable {
                entry("overEstimate", Self.overWords(charges), session: first, dueOn: nil)
            }
        }
        // Soonest due first; those no deadline applies to, last.
        return due.sorted { (first: GoodFaithEstimateDue, second: GoodFaithEstimateDue) in
            switch (first.dueOn, second.dueOn) {
            case let (one?, two?) where one != two: one < two
            case (.some, nil): true
            case (nil, .some): false
            // Same-named clients, and one client's several entries, in one order every time.
            default:
                (first.clientName, first.clientId, first.kind, first.nextSession)
                    < (second.clientName, second.clientId, second.kind, second.nextSession)
            }
        }
    }

    /// The day each session was booked, in the practice's zone.
    private func bookedDates(_ ids: [UUID], practice: PracticeContext) async throws -> [UUID: LocalDate] {
        var dates: [UUID: LocalDate] = [:]
        for chunk in ids.chunks(of: IDsPerStatement.limit) {
            for row in try await database.sql().select().columns("id", "created_at").from(Session.schema)
                .where("id", .in, Array(chunk)).all()
            {
                if let created = try row.decode(column: "created_at", as: Date?.self) {
                    dates[try row.decode(column: "id", as: UUID.self)] = practice.date(of: created)
                }
            }
        }
        return dates
    }
}
