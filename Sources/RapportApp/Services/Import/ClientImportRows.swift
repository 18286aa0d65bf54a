import Fluent
import Foundation
import RapportCore
import SQLKit

/// The rows of a client list read into clients, with every problem a row has by itself (a date
/// that is not one, a clinician or service the practice does not have, an external id twice).
/// What the clients would break in Rapport is found by trying them (``ClientImport``).
struct ClientImportRows {
    struct Fee: Sendable {
        let serviceID: UUID
        let amount: Money
    }

    struct Client: Sendable {
        let row: Int
        let externalID: String?
        let existingID: UUID?
        var first: String
        var last: String
        var birth: LocalDate?
        var sex: String?
        var email: String?
        var phone: String?
        var address: AddressInput?
        var status: String?
        var clinicianID: UUID?
        var serviceID: UUID?
        var fee: Fee?
        /// The fields the file gives (an update changes only those).
        var given: Set<ClientImportField>

        func input(forUpdate: Bool) -> ClientInput {
            var input = ClientInput()
            input.firstName = first
            input.lastName = last
            if given.contains(.email) { input.email = email.map { .set($0) } ?? .clear }
            if given.contains(.phone) { input.phone = phone.map { .set($0) } ?? .clear }
            if given.contains(.dateOfBirth) { input.dateOfBirth = birth.map { .set($0) } ?? .clear }
            if given.contains(.sex) { input.sex = sex.map { .set($0) } ?? .clear }
            if !given.isDisjoint(with: [.addressLine1, .addressLine2, .city, .state, .zip]) {
                input.address = address.map { .set($0) } ?? .clear
            }
            input.status = status
            if given.contains(.clinician) { input.primaryClinicianId = clinicianID.map { .set($0) } ?? .clear }
            if !forUpdate { input.defaultServiceId = serviceID }
            return input
        }

        /// A use case's refusal as problems in the file's own columns.
        func problems(from error: UseCaseError, columns: ImportColumns<ClientImportField>) -> [ImportReport.Problem] {
            guard !error.fields.isEmpty else {
                return [ImportReport.Problem(row: row, column: "", message: error.message)]
            }
            return error.fields.sorted { $0.key.description < $1.key.description }.map { field, message in
                let fieldName = field.description
                let column: ClientImportField? =
                    switch fieldName {
                    case "firstName": .firstName
                    case "lastName": .lastName
                    case "email": .email
                    case "phone": .phone
                    case "dateOfBirth": .dateOfBirth
                    case "sex": .sex
                    case "address.line1": .addressLine1
                    case "address.line2": .addressLine2
                    case "address.city": .city
                    case "address.state": .state
                    case "address.zip": .zip
                    case "status": .status
                    case "primaryClinicianId": .clinician
                    case "defaultServiceId": .defaultService
                    default: nil
                    }
                return ImportReport.Problem(
                    row: row, column: column.map { columns.title(of: $0) } ?? fieldName, message: message)
            }
        }
    }

    private(set) var clients: [Client] = []
    private(set) var problems: [ImportReport.Problem] = []
    private(set) var notes: [String] = []

    init(file: CSVFile, columns: ImportColumns<ClientImportField>, practice: PracticeContext, references: References) {
        let births = ImportDateColumn(file.rows.map { columns.value(.dateOfBirth, in: $0.cells) ?? "" })
        for (row, cells) in file.rows {
            func value(_ field: ClientImportField) -> String? { columns.value(field, in: cells) }
            func problem(_ field: ClientImportField?, _ message: String) {
                problems.append(
                    ImportReport.Problem(row: row, column: field.map { columns.title(of: $0) } ?? "", message: message))
            }
            var first = value(.firstName)
            var last = value(.lastName)
            if first == nil || last == nil, let full = value(.fullName) {
                if let split = ClientImportField.split(fullName: full) {
                    first = first ?? split.first
                    last = last ?? split.last
                } else {
                    problem(.fullName, "'\(full)' is not a first and a last name")
                }
            }
            if first == nil, columns.positions[.firstName] != nil { problem(.firstName, "is empty") }
            if last == nil, columns.positions[.lastName] != nil { problem(.lastName, "is empty") }
            if first == nil, last == nil, columns.positions[.firstName] == nil, value(.fullName) == nil {
                problem(.fullName, "is empty")
            }
            let birth = births.date(value(.dateOfBirth)) { problem(.dateOfBirth, $0) }
            var sex: String?
            if let text = value(.sex) {
                switch text.lowercased() {
                case "f", "female", "woman": sex = "female"
                case "m", "male", "man": sex = "male"
                case "u", "unknown", "x", "other", "not specified": sex = "unknown"
                default: problem(.sex, "'\(text)' is not female, male or unknown")
                }
            }
            var status: String?
            if let text = value(.status) {
                let key = columns.title(of: .status).lowercased() == "active" ? ClientImportField.yesOrNo(text).map {
                    $0 ? "active" : "inactive"
                } : text.lowercased()
                switch key {
                case "active", "inactive": status = key
                case "discharged", "archived", "former": status = "inactive"
                default: problem(.status, "'\(text)' is not active or inactive")
                }
            }
            var clinicianID: UUID?
            if let text = value(.clinician) {
                clinicianID = references.clinicians[text.lowercased()]
                if clinicianID == nil {
                    problem(
                        .clinician,
                        "no clinician is named '\(text)' (the practice has \(references.clinicianNames.sorted().joined(separator: ", ")))"
                    )
                }
            }
            var serviceID: UUID?
            if let code = value(.defaultService) {
                serviceID = references.services[code.uppercased()]
                if serviceID == nil {
                    problem(
                        .defaultService,
                        "no active service has the code '\(code)'; add it in Settings first, or leave the cell empty for the practice's default")
                }
            }
            var fee: Fee?
            if let text = value(.fee) {
                switch practice.format.parse(text, currency: practice.currency) {
                case .success(let amount) where amount.amount >= 0:
                    if let service = serviceID ?? practice.defaultServiceID {
                        fee = Fee(serviceID: service, amount: amount)
                    } else if serviceID == nil, value(.defaultService) == nil {
                        problem(.fee, "has no service to be the fee of: give the row a default_service")
                    }
                default:
                    problem(.fee, "'\(text)' is not an amount such as 150.00")
                }
            }
            let external = value(.externalID)
            // A client already in Rapport: by external id, else (with a date of birth) by name and birth.
            var existing = external.flatMap { references.clientsByExternalID[$0] }
            if existing == nil, let first, let last, birth != nil,
                let match = references.clientsByNameAndBirth[References.key(first: first, last: last, birth: birth)]
            {
                if external == nil {
                    problem(
                        nil,
                        "\(first) \(last), born \(birth?.description ?? ""), is already a client; give the row an external id to update them, or remove it")
                } else {
                    existing = match
                }
            }
            if existing != nil, fee != nil {
                notes.append(
                    "Row \(row): fees of clients already in Rapport are not changed by an import; change them on the client's billing, where the change is previewed.")
            }
            var address: AddressInput?
            if [value(.addressLine1), value(.addressLine2), value(.city), value(.state), value(.zip)].contains(where: {
                $0 != nil
            }) {
                // A spreadsheet cell may hold an address's lines; a client's address lines are one line each.
                func line(_ field: ClientImportField) -> String? {
                    value(field)?.components(separatedBy: .newlines).map { $0.trimmingCharacters(in: .whitespaces) }
                        .filter { !$0.isEmpty }.joined(separator: ", ")
                }
                address = AddressInput(
                    line1: line(.addressLine1), line2: line(.addressLine2), city: line(.city), state: value(.state),
                    zip: value(.zip))
            }
            clients.append(
                Client(
                    row: row, externalID: external, existingID: existing, first: first ?? "", last: last ?? "",
                    birth: birth, sex: sex, email: value(.email), phone: value(.phone), address: address,
                    status: status, clinicianID: clinicianID, serviceID: serviceID, fee: existing == nil ? fee : nil,
                    given: Set(ClientImportField.allCases.filter { columns.positions[$0] != nil })))
        }
    }
}
