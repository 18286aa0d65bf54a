import Foundation
import RapportCore

/// A client's diagnosis list from a date (without one: from the beginning), principal first.
struct DiagnosesInput: UseCaseInput {
    var codes: [String]
    var effectiveFrom: LocalDate?

    enum CodingKeys: String, CodingKey, CaseIterable { case codes, effectiveFrom }
}

struct DiagnosisEntry: Codable, Sendable, Equatable {
    let code: DiagnosisCode
    /// From Rapport's list of common codes; nil for a code not on it.
    let description: String?

    init(_ code: DiagnosisCode) {
        self.code = code
        description = DiagnosisCatalog.description(of: code)
    }
}

struct ClientDiagnoses: Codable, Sendable {
    struct Version: Codable, Sendable {
        /// Nil: from the beginning.
        let effectiveFrom: LocalDate?
        let codes: [DiagnosisEntry]
    }

    let clientId: UUID
    /// The list in force today, principal first.
    let current: [DiagnosisEntry]
    /// Every list by the date it applies from, oldest first.
    let history: [Version]
}
