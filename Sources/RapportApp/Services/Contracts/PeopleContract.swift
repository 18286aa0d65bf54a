import Foundation
import RapportCore

struct ClinicianDetails: Codable, Sendable {
    let id: UUID
    let name: String
    let email: String?
    let active: Bool

    init(_ clinician: Clinician) throws {
        id = try clinician.requireID()
        name = clinician.name
        email = clinician.email
        active = clinician.active
    }
}

struct ClinicianInput: UseCaseInput {
    var name: String?
    var email: String?
    var active: Bool?

    enum CodingKeys: String, CodingKey, CaseIterable { case name, email, active }
}

struct ClientDetails: Codable, Sendable {
    let id: UUID
    let firstName: String
    let lastName: String
    let email: String?
    let phone: String?
    let dateOfBirth: LocalDate?
    let status: String
    let primaryClinicianId: UUID?

    init(_ client: Client) throws {
        id = try client.requireID()
        firstName = client.firstName
        lastName = client.lastName
        email = client.email
        phone = client.phone
        dateOfBirth = client.dateOfBirth
        status = client.status
        primaryClinicianId = client.primaryClinicianID
    }
}

struct ClientInput: UseCaseInput {
    var firstName: String?
    var lastName: String?
    var email: Patch<String>?
    var phone: Patch<String>?
    var dateOfBirth: Patch<LocalDate>?
    var status: String?
    var primaryClinicianId: Patch<UUID>?
    /// On create only: the client's default service from the beginning.
    var defaultServiceId: UUID?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case firstName, lastName, email, phone, dateOfBirth, status, primaryClinicianId, defaultServiceId
    }
}
