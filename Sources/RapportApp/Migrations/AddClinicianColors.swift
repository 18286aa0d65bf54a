import Fluent
import Foundation
import RapportCore
import SQLKit

/// Each clinician's calendar colour; existing clinicians get the palette in the order they were added.
/// Written in SQL, not through the model, which has columns later migrations add.
struct AddClinicianColors: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(Clinician.schema).field("color", .string).update()
        let sql = try database.sql()
        let rows = try await sql.select().columns("id", "practice_id").from(Clinician.schema)
            .orderBy("created_at").orderBy("name").all()
        var used: [UUID: [ClinicianColor]] = [:]
        for row in rows {
            let id = try row.decode(column: "id", as: UUID.self)
            let practice = try row.decode(column: "practice_id", as: UUID.self)
            let color = ClinicianColor.next(after: used[practice] ?? [])
            used[practice, default: []].append(color)
            try await sql.update(Clinician.schema).set("color", to: color.rawValue).where("id", .equal, id).run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Clinician.schema).deleteField("color").update()
    }
}
