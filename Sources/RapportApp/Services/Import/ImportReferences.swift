import Fluent
import Foundation
import RapportCore
import SQLKit

/// What the practice already has that an import refers to: clinicians by name and email,
/// services by code, and clients by external id, by name (for lists that name the client) and by
/// name and date of birth (to catch a client list imported twice without ids).
struct References: Sendable {
    var clinicians: [String: UUID] = [:]
    var clinicianNames: [String] = []
    var services: [String: UUID] = [:]
    var clientsByExternalID: [String: UUID] = [:]
    var clientsByNameAndBirth: [String: UUID] = [:]
    /// Clients by "first last", "last, first" and "last first", lower-cased.
    var clientsByName: [String: [UUID]] = [:]

    /// The client a cell names, by external id or else by a name only one client has; or why not.
    func client(_ text: String) -> Result<UUID, ImportProblem> {
        if let id = clientsByExternalID[text] { return .success(id) }
        let matches = clientsByName[text.lowercased().split(separator: " ").joined(separator: " ")] ?? []
        if matches.count == 1 { return .success(matches[0]) }
        return .failure(
            ImportProblem(
                matches.isEmpty
                    ? "no client has the external id or name '\(text)'; import the client list first"
                    : "\(matches.count) clients are named '\(text)'; give the client's external id"))
    }

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
            let birth = try row.parseIfPresent("date_of_birth", of: "clients") { LocalDate($0) }
            let first = try row.decode(column: "first_name", as: String.self)
            let last = try row.decode(column: "last_name", as: String.self)
            references.clientsByNameAndBirth[key(first: first, last: last, birth: birth)] = id
            let (firstKey, lastKey) = (first.lowercased(), last.lowercased())
            for name in ["\(firstKey) \(lastKey)", "\(lastKey), \(firstKey)", "\(lastKey) \(firstKey)"] {
                references.clientsByName[name, default: []].append(id)
            }
        }
        return references
    }
}
