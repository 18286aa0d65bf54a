import Foundation
import RapportCore

struct RateEntry: Codable, Sendable, Equatable {
    let amount: Money
    /// Absent for the rate the service was created with (it applies from the beginning).
    let effectiveFrom: LocalDate?
}

struct ServiceDetails: Codable, Sendable {
    let id: UUID
    let code: String
    let description: String
    let durationMinutes: Int
    let active: Bool
    let isPracticeDefault: Bool
    /// The rate in force today.
    let rate: Money?
    /// Every rate, oldest first.
    let rates: [RateEntry]

    init(_ service: Service, rates: [ServiceRate], practice: PracticeContext) throws {
        id = try service.requireID()
        code = service.code
        description = service.description
        durationMinutes = service.durationMinutes
        active = service.active
        isPracticeDefault = service.id == practice.defaultServiceID
        let history = rates.history { $0 }
        self.rates = history.entries.map {
            RateEntry(amount: practice.money($0.value.amount), effectiveFrom: $0.value.shownEffectiveFrom)
        }
        rate = history.value(on: practice.today).map { practice.money($0.amount) }
    }
}

struct ServiceInput: UseCaseInput {
    var code: String?
    var description: String?
    var durationMinutes: Int?
    var active: Bool?
    var rate: Money?
    /// With `rate` on update: the date the new rate applies from (default: every unbilled session).
    var rateEffectiveFrom: LocalDate?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case code, description, durationMinutes, active, rate, rateEffectiveFrom
    }
}
