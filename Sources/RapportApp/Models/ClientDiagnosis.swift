import Fluent
import Foundation
import RapportCore

/// One code of a client's diagnosis list from a date; position 1 is the principal diagnosis.
final class ClientDiagnosis: Model, @unchecked Sendable {
    static let schema = "client_diagnoses"

    @ID(key: .id) var id: UUID?
    @Field(key: "practice_id") var practiceID: UUID
    @Field(key: "client_id") var clientID: UUID
    @Field(key: "effective_from") var effectiveFrom: LocalDate
    @Field(key: "position") var position: Int
    @Field(key: "code") var code: DiagnosisCode
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(practiceID: UUID, clientID: UUID, effectiveFrom: LocalDate, position: Int, code: DiagnosisCode) {
        (self.practiceID, self.clientID, self.effectiveFrom) = (practiceID, clientID, effectiveFrom)
        (self.position, self.code) = (position, code)
    }
}

extension ClientDiagnosis: EffectiveDatedRow {}
