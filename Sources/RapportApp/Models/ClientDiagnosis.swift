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

    /// Listed, so FluentKit need not reflect over the model for each row (ModelPropertyTests).
    var properties: [any AnyProperty] { [$id, $practiceID, $clientID, $effectiveFrom, $position, $code, $createdAt] }

    init() {}

    init(practiceID: UUID, clientID: UUID, effectiveFrom: LocalDate, position: Int, code: DiagnosisCode) {
        (self.practiceID, self.clientID, self.effectiveFrom) = (practiceID, clientID, effectiveFrom)
        (self.position, self.code) = (position, code)
    }
}

extension ClientDiagnosis: EffectiveDatedRow {}

extension ClientDiagnosis {
    /// The diagnosis rows of `clients`, read with SQLKit (claims read thousands at once).
    static func read(clients: [UUID], on database: any Database) async throws -> [ClientDiagnosis] {
        var found: [ClientDiagnosis] = []
        for chunk in clients.chunks(of: IDsPerStatement.limit) {
            for row in try await database.sql().select()
                .columns("practice_id", "client_id", "effective_from", "position", "code").from(schema)
                .where("client_id", .in, Array(chunk)).all()
            {
                let text = try row.decode(column: "code", as: String.self)
                guard let code = DiagnosisCode(text) else {
                    throw UnreadableStoredValue(column: "client_diagnoses.code", value: text)
                }
                found.append(
                    ClientDiagnosis(
                        practiceID: try row.decode(column: "practice_id", as: UUID.self),
                        clientID: try row.decode(column: "client_id", as: UUID.self),
                        effectiveFrom: try LocalDate(
                            stored: row.decode(column: "effective_from", as: String.self),
                            column: "client_diagnoses.effective_from"),
                        position: try row.decode(column: "position", as: Int.self), code: code))
            }
        }
        return found
    }
}
