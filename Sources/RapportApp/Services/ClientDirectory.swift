import Fluent
import Foundation
import RapportCore
import SQLKit

/// Adds, finds and changes clients.
struct ClientDirectory {
    let database: any Database
    let actor: Actor

    /// Clients whose name contains `search` (any case; `%` and `_` are searched for as typed),
    /// optionally by status and primary clinician, by last name then first name; paginated.
    func list(search: String?, status: String?, clinicianID: UUID? = nil, page: Page) async throws -> [ClientDetails] {
        let search = search?.trimmingCharacters(in: .whitespaces).lowercased()
        return try await Lookup(database: database, actor: actor).page(
            ClientRecord.self, columns: ClientRecord.quotedColumns, from: Client.schema, clientColumn: "id", page,
            filter: { query in
                if let search, !search.isEmpty {
                    query.where(
                        "search_name LIKE \(bind: "%" + escapeLike(search) + "%") ESCAPE '\\'" as SQLQueryString)
                }
                if let status { query.where("status", .equal, status) }
                if let clinicianID { query.where("primary_clinician_id", .equal, clinicianID) }
            },
            order: [("last_name", .ascending), ("first_name", .ascending)]
        ).map(ClientDetails.init)
    }

    func get(_ id: UUID) async throws -> ClientDetails {
        try ClientDetails(try await Lookup(database: database, actor: actor).client(id))
    }

    func create(_ input: ClientInput) async throws -> ClientDetails {
        try await database.writeTransaction(practice: actor.practiceID) { db in
            let lookup = Lookup(database: db, actor: actor)
            var errors = FieldErrors()
            let first = TextInput.required(input.firstName, field: "firstName", limit: 100, errors: &errors)
            let last = TextInput.required(input.lastName, field: "lastName", limit: 100, errors: &errors)
            let client = Client(practiceID: actor.practiceID, firstName: first ?? "", lastName: last ?? "")
            try await apply(input, to: client, lookup: lookup, errors: &errors)
            // A clinician's new client is theirs, so it stays visible to them.
            if let own = actor.onlyClinician, client.primaryClinicianID == nil { client.primaryClinicianID = own }
            if let serviceID = input.defaultServiceId,
                let service = try await lookup.reference(
                    "defaultServiceId", errors: &errors, { try await lookup.service(serviceID) }),
                !service.active
            {
                errors.add("defaultServiceId", "is a deactivated service")
            }
            try errors.throwIfAny()
            try await client.create(on: db)
            let clientID = try client.requireID()
            if let serviceID = input.defaultServiceId {
                try await ClientDefaultService(
                    practiceID: actor.practiceID, clientID: clientID, serviceID: serviceID,
                    effectiveFrom: .distantPast
                ).create(on: db)
            }
            let content = try ClientDetails(client)
            try await AuditLog(database: db, actor: actor).record("create", "client", id: clientID, after: content)
            return content
        }
    }

    func update(_ id: UUID, _ input: ClientInput) async throws -> ClientDetails {
        try await database.writeTransaction(practice: actor.practiceID) { db in
            let lookup = Lookup(database: db, actor: actor)
            let client = try await lookup.client(id)
            let before = try ClientDetails(client)
            var errors = FieldErrors()
            if input.defaultServiceId != nil {
                errors.add(
                    "defaultServiceId", "is changed on the client's billing settings (PATCH /clients/{id}/billing)")
            }
            if let first = input.firstName {
                client.firstName =
                    TextInput.required(first, field: "firstName", limit: 100, errors: &errors) ?? client.firstName
            }
            if let last = input.lastName {
                client.lastName =
                    TextInput.required(last, field: "lastName", limit: 100, errors: &errors) ?? client.lastName
            }
            client.searchName = "\(client.firstName) \(client.lastName)".lowercased()
            try await apply(input, to: client, lookup: lookup, errors: &errors)
            try errors.throwIfAny()
            try await client.save(on: db)
            let after = try ClientDetails(client)
            try await AuditLog(database: db, actor: actor).record(
                "update", "client", id: id, before: before, after: after)
            return after
        }
    }

    private func apply(_ input: ClientInput, to client: Client, lookup: Lookup, errors: inout FieldErrors) async throws
    {
        if let email = input.email { client.email = TextInput.email(email.value, field: "email", errors: &errors) }
        if let phone = input.phone {
            client.phone = TextInput.optional(phone.value, field: "phone", limit: 40, errors: &errors)
        }
        if let birth = input.dateOfBirth {
            client.dateOfBirth = birth.value.flatMap { PersonInput.birthDate($0, field: "dateOfBirth", errors: &errors) }
        }
        if let sex = input.sex {
            client.sex = sex.value.flatMap { PersonInput.sex($0, field: "sex", errors: &errors) }
        }
        if let address = input.address {
            client.address = address.value.flatMap { $0.address(at: "address", forBilling: false, errors: &errors) }
        }
        if let status = input.status {
            if !["active", "inactive"].contains(status) { errors.add("status", "must be active or inactive") }
            client.status = status
        }
        if let clinician = input.primaryClinicianId {
            if let id = clinician.value {
                _ = try await lookup.reference("primaryClinicianId", errors: &errors) { try await lookup.clinician(id) }
            }
            client.primaryClinicianID = clinician.value
        }
    }
}

/// Escapes LIKE's wildcards (and its escape character, `\`) in text a user typed, so that with
/// `ESCAPE '\'` a search for `50%` finds the text "50%".
func escapeLike(_ text: String) -> String {
    text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
        .replacingOccurrences(of: "_", with: "\\_")
}
