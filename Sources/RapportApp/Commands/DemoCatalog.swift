import Fluent
import Foundation
import RapportCore

/// The common CPT services a therapy practice bills, with rates in cents.
enum DemoCatalog {
    static let services: [(String, String, Int, Int64)] = [
        ("90834", "Psychotherapy, 45 minutes", 45, 15000),
        ("90791", "Psychiatric diagnostic evaluation (intake)", 60, 22000),
        ("90837", "Psychotherapy, 60 minutes", 60, 18000), ("90832", "Psychotherapy, 30 minutes", 30, 9500),
        ("90847", "Family psychotherapy with patient present", 50, 17000), ("90853", "Group psychotherapy", 90, 6000),
    ]
    static let firstNames = [
        "Avery", "Blake", "Casey", "Dana", "Elliot", "Frankie", "Gray", "Harper", "Indy", "Jesse", "Kai", "Logan",
        "Morgan", "Noel", "Oakley", "Parker", "Quinn", "Reese", "Sage", "Taylor", "Rowan", "Emery", "Jules", "Remy",
    ]
    /// Adds the services through the catalog, as a person would; returns them in this order.
    static func createServices(
        actor: Actor, on database: any Database
    ) async throws -> [(id: UUID, code: String, description: String, minutes: Int)] {
        var created: [(id: UUID, code: String, description: String, minutes: Int)] = []
        for (code, description, minutes, rate) in services {
            let service = try await ServiceCatalog(database: database, actor: actor).create(
                .init(
                    code: code, description: description, durationMinutes: minutes,
                    rate: Money(amount: rate, currency: .usd)))
            created.append((service.id, code, description, minutes))
        }
        return created
    }

    static let lastNames = [
        "Nguyen", "Garcia", "Smith", "Patel", "Johnson", "Kim", "Brown", "Lopez", "Davis", "Wilson", "Moore", "Clark",
        "Lewis", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Green", "Baker", "Hill", "Adams", "Nelson",
    ]
}
