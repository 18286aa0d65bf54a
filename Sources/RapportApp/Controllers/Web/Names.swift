import Fluent
import Foundation

/// Display names for ids, loaded in one query per kind.
struct Names {
    var clients: [UUID: String] = [:]

    static func load(clients ids: [UUID], on db: any Database, practiceID: UUID) async throws -> Names {
        let rows = try await Client.query(on: db).filter(\.$practiceID == practiceID).filter(\.$id ~~ Array(Set(ids)))
            .all()
        return Names(
            clients: Dictionary(
                uniqueKeysWithValues: rows.compactMap { row in row.id.map { ($0, "\(row.firstName) \(row.lastName)") } }
            ))
    }
}
