import Fluent
import Foundation
import RapportCore

/// Where the practice's claims go: the clearinghouse and the IDs it assigned the practice.
struct ClearinghouseSettings {
    let database: any Database
    let actor: Actor

    func get() async throws -> ClearinghouseDetails? {
        try await ClearinghouseRow.query(on: database).filter(\.$practiceID == actor.practiceID).first().map(
            ClearinghouseDetails.init)
    }

    /// Sets it whole: every field but `production` is required.
    func set(_ input: ClearinghouseInput) async throws -> ClearinghouseDetails {
        var errors = FieldErrors()
        let name = TextInput.required(input.name, field: "name", limit: 60, errors: &errors)
        let receiver = Self.interchangeID(input.receiverId, field: "receiverId", errors: &errors)
        let submitter = Self.interchangeID(input.submitterId, field: "submitterId", errors: &errors)
        let submitterName = TextInput.required(input.submitterName, field: "submitterName", limit: 60, errors: &errors)
        let contact = TextInput.required(input.contactName, field: "contactName", limit: 60, errors: &errors)
        let digits = PhoneNumber.digits(input.contactPhone, field: "contactPhone", required: true, errors: &errors)
        try errors.throwIfAny()
        return try await database.writeTransaction(practice: actor.practiceID) { db in
            let existing = try await ClearinghouseRow.query(on: db).filter(\.$practiceID == actor.practiceID).first()
            let row = existing ?? ClearinghouseRow()
            let before = existing.map(ClearinghouseDetails.init)
            row.practiceID = actor.practiceID
            (row.name, row.receiverID, row.submitterID) = (name ?? "", receiver ?? "", submitter ?? "")
            (row.submitterName, row.contactName, row.contactPhone) = (submitterName ?? "", contact ?? "", digits ?? "")
            row.production = input.production ?? false
            try await row.save(on: db)
            let after = ClearinghouseDetails(row)
            try await AuditLog(database: db, actor: actor).record(
                existing == nil ? "create" : "update", "clearinghouse", id: actor.practiceID, before: before,
                after: after)
            return after
        }
    }

    /// An interchange sender or receiver ID (ISA06/ISA08): 2 to 15 letters and digits.
    private static func interchangeID(_ text: String?, field: FieldPath, errors: inout FieldErrors) -> String? {
        let trimmed = (text ?? "").trimmingCharacters(in: .whitespaces).uppercased()
        guard (2...15).contains(trimmed.count), trimmed.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
        else {
            errors.add(field, "must be the 2 to 15 letters and digits your clearinghouse gave, such as 330897513")
            return nil
        }
        return trimmed
    }
}

extension ClearinghouseDetails {
    init(_ row: ClearinghouseRow) {
        self.init(
            name: row.name, receiverId: row.receiverID, submitterId: row.submitterID, submitterName: row.submitterName,
            contactName: row.contactName, contactPhone: row.contactPhone, production: row.production)
    }
}
