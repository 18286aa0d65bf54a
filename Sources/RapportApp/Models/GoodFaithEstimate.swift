import Fluent
import Foundation
import RapportCore

/// One version of a client's Good Faith Estimate, the estimate kept exactly as given.
final class GoodFaithEstimateRow: Model, @unchecked Sendable {
    static let schema = "good_faith_estimates"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "client_id") var clientID: UUID
    /// Per client, increasing: a changed estimate is the next version.
    @Field(key: "version") var version: Int
    /// False once a newer version replaced it.
    @Field(key: "current") var current: Bool
    @Field(key: "issued_on") var issuedOn: LocalDate
    @Field(key: "period_start") var periodStart: LocalDate
    @Field(key: "period_end") var periodEnd: LocalDate
    /// True when the client asked for it (due within 3 business days of the request).
    @Field(key: "requested") var requested: Bool
    @Field(key: "total") var total: Int64
    /// The estimate as JSON (``GoodFaithEstimate``).
    @Field(key: "estimate") var estimate: String
    @Field(key: "created_by_name") var createdByName: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    /// Listed, so FluentKit need not reflect over the model for each row (ModelPropertyTests).
    var properties: [any AnyProperty] {
        [
            $id, $practiceID, $clientID, $version, $current, $issuedOn, $periodStart, $periodEnd, $requested, $total,
            $estimate, $createdByName, $createdAt
        ]
    }

    init() {}

    func decoded() throws -> GoodFaithEstimate {
        do {
            return try JSONDecoder().decode(GoodFaithEstimate.self, from: Data(estimate.utf8))
        } catch {
            throw UnreadableStoredValue(column: "good_faith_estimates.estimate", value: String(estimate.prefix(80)))
        }
    }
}
