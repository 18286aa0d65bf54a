import Fluent
import RapportCore

/// Each clinician's calendar colour; existing clinicians get the palette in the order they were added.
struct AddClinicianColors: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Clinician.schema).field("color", .string).update()
        let clinicians = try await Clinician.query(on: database).sort(\.$createdAt).sort(\.$name).all()
        var used: [UUID: [ClinicianColor]] = [:]
        for clinician in clinicians {
            let color = ClinicianColor.next(after: used[clinician.practiceID] ?? [])
            used[clinician.practiceID, default: []].append(color)
            clinician.color = color
            try await clinician.save(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Clinician.schema).deleteField("color").update()
    }
}
