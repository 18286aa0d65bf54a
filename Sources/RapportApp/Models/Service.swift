import Fluent
import Foundation
import RapportCore

/// A billable service: a CPT/HCPCS code with a description and a default duration.
/// Its rate lives in ``ServiceRate`` rows so every earlier rate is kept.
final class Service: Model, @unchecked Sendable {
    static let schema = "services"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "code") var code: String
    @Field(key: "description") var description: String
    @Field(key: "duration_minutes") var durationMinutes: Int
    @Field(key: "active") var active: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    /// Listed, so FluentKit need not reflect over the model for each row (ModelPropertyTests).
    var properties: [any AnyProperty] { [$id, $practiceID, $code, $description, $durationMinutes, $active, $createdAt] }

    init() {}

    init(practiceID: UUID, code: String, description: String, durationMinutes: Int) {
        self.practiceID = practiceID
        self.code = code
        self.description = description
        self.durationMinutes = durationMinutes
        self.active = true
    }
}

/// A service's rate from a date on (`0001-01-01` for the rate it was created with).
final class ServiceRate: Model, @unchecked Sendable {
    static let schema = "service_rates"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "service_id") var serviceID: UUID
    @Field(key: "amount") var amount: Int64
    @Field(key: "effective_from") var effectiveFrom: LocalDate
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    /// Listed, so FluentKit need not reflect over the model for each row (ModelPropertyTests).
    var properties: [any AnyProperty] { [$id, $practiceID, $serviceID, $amount, $effectiveFrom, $createdAt] }

    init() {}

    init(practiceID: UUID, serviceID: UUID, amount: Int64, effectiveFrom: LocalDate) {
        self.practiceID = practiceID
        self.serviceID = serviceID
        self.amount = amount
        self.effectiveFrom = effectiveFrom
    }
}
