import Foundation
import RapportCore

/// A client's columns as the client list and screen show them, as a plain value read by column
/// (``RowReading``): a page of a hundred Fluent ``Client`` models was over a third of the client
/// list's CPU (each field a property wrapper object; see ``InvoiceRecord``). Writes still go
/// through ``Client``.
struct ClientRecord: Sendable, RowReadable {
    var id: UUID
    var firstName: String
    var lastName: String
    var email: String?
    var phone: String?
    var dateOfBirth: LocalDate?
    var sex: Sex?
    var address: PostalAddress?
    var status: String
    var primaryClinicianID: UUID?
    var selfPay: Bool

    static let columns =
        ["id", "first_name", "last_name", "email", "phone", "date_of_birth", "sex"] + PostalAddress.storedColumns
        + ["status", "primary_clinician_id", "self_pay"]

    /// ``columns`` as the select list, quoted once (``quotedColumnList(_:)``).
    static let quotedColumns = quotedColumnList(columns)
}

extension ClientRecord {
    init(reading row: some RowReading) throws {
        let table = Client.schema
        id = try row.read("id", as: UUID.self)
        firstName = try row.read("first_name", as: String.self)
        lastName = try row.read("last_name", as: String.self)
        email = try row.read("email", as: String?.self)
        phone = try row.read("phone", as: String?.self)
        dateOfBirth = try row.parseIfPresent("date_of_birth", of: table) { LocalDate($0) }
        sex = try row.parseIfPresent("sex", of: table) { Sex(rawValue: $0) }
        address = try row.address(of: table)
        status = try row.read("status", as: String.self)
        primaryClinicianID = try row.read("primary_clinician_id", as: UUID?.self)
        selfPay = try row.read("self_pay", as: Bool.self)
    }
}

extension Client {
    /// The stored client as a plain value; one not yet saved has no id to give.
    func record() throws -> ClientRecord {
        ClientRecord(
            id: try requireID(), firstName: firstName, lastName: lastName, email: email, phone: phone,
            dateOfBirth: dateOfBirth, sex: sex, address: address, status: status,
            primaryClinicianID: primaryClinicianID, selfPay: selfPay)
    }
}
