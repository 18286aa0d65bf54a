import Fluent
import Foundation
import RapportCore
import SQLKit

/// What the practice already has that a client list refers to: clinicians by name and email,
/// services by code, and clients by external id (and by name and date of birth, to catch a list
/// imported twice without ids).
struct References: Sendable {
    var clinicians: [String: UUID] = [:]
    var clinicianNames: [String] = []
    var services: [String: UUID] = [:]
    var clientsByExternalID: [String: UUID] = [:]
    var clientsByNameAndBirth: [String: UUID] = [:]

    static func key(first: String, last: String, birth: LocalDate?) -> String {
        "\(first.lowercased())|\(last.lowercased())|\(birth?.description ?? "")"
    }

    static func load(practiceID: UUID, on database: any Database) async throws -> References {
        var references = References()
        for clinician in try await Clinician.query(on: database).filter(\.$practiceID == practiceID).all() {
            guard let id = clinician.id else { continue }
            references.clinicians[clinician.name.lowercased()] = id
            if let email = clinician.email { references.clinicians[email.lowercased()] = id }
            references.clinicianNames.append(clinician.name)
        }
        for service in try await Service.query(on: database).filter(\.$practiceID == practiceID)
            .filter(\.$active == true).all()
        {
            if let id = service.id { references.services[service.code.uppercased()] = id }
        }
        let rows = try await database.sql().raw(
            """
            SELECT id, external_id, first_name, last_name, date_of_birth FROM clients
            WHERE practice_id = \(bind: practiceID)
            """
        ).all()
        for row in rows {
            let id = try row.decode(column: "id", as: UUID.self)
            if let external = try row.decode(column: "external_id", as: String?.self) {
                references.clientsByExternalID[external] = id
            }
            let birth = try row.decode(column: "date_of_birth", as: String?.self).flatMap { LocalDate($0) }
            references.clientsByNameAndBirth[
                key(
                    first: try row.decode(column: "first_name", as: String.self),
                    last: try row.decode(column: "last_name", as: String.self), birth: birth)] = id
        }
        return references
    }
}
