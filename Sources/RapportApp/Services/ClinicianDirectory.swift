import Fluent
import Foundation
import RapportCore

/// Adds and changes the practice's clinicians.
struct ClinicianDirectory {
    let database: any Database
    let actor: Actor

    func list() async throws -> [ClinicianDetails] {
        try await Clinician.query(on: database).filter(\.$practiceID == actor.practiceID).sort(\.$name).all()
            .map(ClinicianDetails.init)
    }

    func get(_ id: UUID) async throws -> ClinicianDetails {
        try ClinicianDetails(try await Lookup(database: database, actor: actor).clinician(id))
    }

    func create(_ input: ClinicianInput) async throws -> ClinicianDetails {
        var errors = FieldErrors()
        let name = TextInput.required(input.name, field: "name", errors: &errors)
        let email = TextInput.email(input.email, field: "email", errors: &errors)
        let color = input.checkedColor(errors: &errors)
        try errors.throwIfAny()
        return try await database.writeTransaction(practice: actor.practiceID) { db in
            let clinician = Clinician(practiceID: actor.practiceID, name: name ?? "", email: email)
            clinician.active = input.active ?? true
            clinician.color = color
            var errors = FieldErrors()
            input.applyIdentifiers(to: clinician, errors: &errors)
            input.applyWorkingHours(to: clinician, errors: &errors)
            try errors.throwIfAny()
            try await clinician.createWithColor(on: db)
            let content = try ClinicianDetails(clinician)
            try await AuditLog(database: db, actor: actor).record("create", "clinician", id: content.id, after: content)
            return content
        }
    }

    func update(_ id: UUID, _ input: ClinicianInput) async throws -> ClinicianDetails {
        try await database.writeTransaction(practice: actor.practiceID) { db in
            let clinician = try await Lookup(database: db, actor: actor).clinician(id)
            let before = try ClinicianDetails(clinician)
            var errors = FieldErrors()
            if let name = input.name {
                clinician.name = TextInput.required(name, field: "name", errors: &errors) ?? clinician.name
            }
            if let email = input.email { clinician.email = TextInput.email(email, field: "email", errors: &errors) }
            if let active = input.active { clinician.active = active }
            if let color = input.checkedColor(errors: &errors) { clinician.color = color }
            input.applyIdentifiers(to: clinician, errors: &errors)
            input.applyWorkingHours(to: clinician, errors: &errors)
            try errors.throwIfAny()
            try await clinician.save(on: db)
            let after = try ClinicianDetails(clinician)
            try await AuditLog(database: db, actor: actor).record(
                "update", "clinician", id: id, before: before, after: after)
            return after
        }
    }
}
