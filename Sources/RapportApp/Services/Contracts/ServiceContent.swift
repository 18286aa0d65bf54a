import Foundation
import RapportCore

struct RateContent: Codable, Sendable, Equatable {
    let amount: Money
    /// Absent for the rate the service was created with (it applies from the beginning).
    let effectiveFrom: LocalDate?
}

struct ServiceContent: Codable, Sendable {
    let id: UUID
    let code: String
    let description: String
    let durationMinutes: Int
    let active: Bool
    let isPracticeDefault: Bool
    /// The rate in force today.
    let rate: Money?
    /// Every rate, oldest first.
    let rates: [RateContent]

    init(_ service: Service, rates: [ServiceRate], practice: PracticeContext) throws {
        id = try service.requireID()
        code = service.code
        description = service.description
        durationMinutes = service.durationMinutes
        active = service.active
        isPracticeDefault = service.id == practice.defaultServiceID
        let history = rates.sorted { $0.effectiveFrom < $1.effectiveFrom }
        self.rates = history.map {
            RateContent(amount: practice.money($0.amount), effectiveFrom: effectiveDate($0.effectiveFrom))
        }
        let today = practice.today.description
        rate = history.last { $0.effectiveFrom <= today }.map { practice.money($0.amount) }
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

/// `0001-01-01` is stored for "from the beginning" and shown as no date.
func effectiveDate(_ stored: String) -> LocalDate? {
    LocalDate(stored).flatMap { $0 == .distantPast ? nil : $0 }
}
