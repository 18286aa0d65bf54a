import Fluent
import Foundation
import RapportCore
import SQLKit

/// A practice for the in-process benchmarks: the demo services, `clients` clients of one clinician,
/// and for each client sessions at the dates given, priced by the same Core rules as always and
/// written with multi-row inserts (the set-up is not what is measured).
struct BenchPractice {
    let actor: Actor
    let practice: PracticeContext
    let services: [UUID]

    static func create(
        clients: Int, on database: any Database, passwords: PasswordPolicy,
        sessions: (_ client: Int, _ today: LocalDate) -> [(start: LocalDateTime, attendance: Attendance)]
    ) async throws -> BenchPractice {
        let setup = try await PracticeSetup(database: database, passwords: passwords).run(
            .init(
                practiceName: "Benchmark Practice", timeZone: "America/Chicago", currency: "USD",
                ownerName: "Bench Owner", email: "owner@bench.example", password: UUID().uuidString,
                ownerIsClinician: true))
        let actor = Actor(userID: setup.userId, practiceID: setup.practiceId, name: "Bench Owner", role: .owner)
        var services: [UUID] = []
        for (code, description, minutes, rate) in DemoCatalog.services {
            services.append(
                try await ServiceCatalog(database: database, actor: actor).create(
                    .init(
                        code: code, description: description, durationMinutes: minutes,
                        rate: Money(amount: rate, currency: .usd))
                ).id)
        }
        let practice = try await PracticeContext.of(actor, on: database)
        guard let clinician = setup.clinicianId else { throw BenchError("the owner has no calendar") }
        let rates = Dictionary(
            uniqueKeysWithValues: zip(
                services,
                DemoCatalog.services.map {
                    EffectiveHistory([.init(effectiveFrom: .distantPast, value: practice.money($0.3))])
                }))
        let rules = PricingRules(practiceDefaultServiceID: practice.defaultServiceID, serviceRates: rates)
        var clientRows = LargePractice.Tables().clients
        var sessionRows = LargePractice.Tables().sessions
        let now = Date()
        for index in 0..<clients {
            let client = UUID()
            clientRows.add([
                client, practice.id, "Client", "Bench \(index)", "client bench \(index)", nil as String?,
                nil as String?, nil as String?, "active", clinician, now,
            ])
            for session in sessions(index, practice.today) {
                let price = try Pricing.price(PricingRequest(date: session.start.date), rules: rules)
                sessionRows.add([
                    UUID(), practice.id, client, clinician, nil as UUID?, nil as String?,
                    practice.timeZone.instant(of: session.start), 45, nil as String?, session.attendance.rawValue,
                    nil as UUID?, nil as Int64?, price.serviceID, price.serviceSource.rawValue, price.fee.amount,
                    price.feeSource.rawValue, false, nil as UUID?, now, now,
                ])
            }
        }
        let rows = (clientRows, sessionRows)
        try await database.writeTransaction(practice: actor.practiceID) { db in
            var (clientRows, sessionRows) = rows
            try await clientRows.flush(on: db)
            try await sessionRows.flush(on: db)
        }
        return BenchPractice(actor: actor, practice: practice, services: services)
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
