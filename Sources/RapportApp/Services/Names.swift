import Fluent
import Foundation
import RapportCore
import SQLKit

/// A clinician as the calendar shows them: a column, a filter choice, a colour.
struct CalendarClinician: Sendable, Hashable {
    let id: UUID
    let name: String
    let active: Bool
    let color: ClinicianColor
    var workingHours: WorkingHours = .none
}

extension CalendarClinician: RowReadable {
    init(reading row: some RowReading) throws {
        self.init(
            id: try row.read("id", as: UUID.self), name: try row.read("name", as: String.self),
            active: try row.read("active", as: Bool.self),
            color: try row.read("color", as: String?.self).map { text in
                guard let color = ClinicianColor(rawValue: text) else {
                    throw UnreadableStoredValue(column: "clinicians.color", value: text)
                }
                return color
            } ?? .blue,
            workingHours: try WorkingHours(stored: try row.read("working_hours", as: String?.self)))
    }
}

/// A client's id and name as one row of ``Names/load(clients:on:practiceID:)``.
private struct ClientName: RowReadable {
    let id: UUID
    let name: String

    init(reading row: some RowReading) throws {
        id = try row.read("id", as: UUID.self)
        name = "\(try row.read("first_name", as: String.self)) \(try row.read("last_name", as: String.self))"
    }
}

/// Display names for ids, loaded in one SQLKit query per kind (pages need two columns, not models).
struct Names {
    var clients: [UUID: String] = [:]

    static func load(clients ids: [UUID], on db: any Database, practiceID: UUID) async throws -> Names {
        let unique = Array(Set(ids))
        guard !unique.isEmpty else { return Names() }
        var names: [UUID: String] = [:]
        for chunk in unique.chunks(of: IDsPerStatement.limit) {
            let rows = try await db.sql().select().columns("id", "first_name", "last_name").from(Client.schema)
                .where("practice_id", .equal, practiceID).where("id", .in, Array(chunk)).rows(ClientName.self, on: db)
            for row in rows { names[row.id] = row.name }
        }
        return Names(clients: names)
    }

    /// Invoices' numbers, for pages that name the invoices a payment went to.
    static func invoiceNumbers(_ ids: [UUID], on db: any Database, practiceID: UUID) async throws -> [UUID: Int] {
        var numbers: [UUID: Int] = [:]
        for chunk in Array(Set(ids)).chunks(of: IDsPerStatement.limit) {
            for row in try await db.sql().select().columns("id", "number").from(Invoice.schema)
                .where("practice_id", .equal, practiceID).where("id", .in, Array(chunk)).all()
            {
                numbers[try row.decode(column: "id", as: UUID.self)] = try row.decode(column: "number", as: Int.self)
            }
        }
        return numbers
    }

    /// Every clinician of the practice (active or not) by name.
    static func clinicians(on db: any Database, practiceID: UUID) async throws -> [(UUID, String)] {
        try await db.sql().select().columns("id", "name").from(Clinician.schema)
            .where("practice_id", .equal, practiceID).orderBy("name").all()
            .map { (try $0.decode(column: "id", as: UUID.self), try $0.decode(column: "name", as: String.self)) }
    }

    /// The practice's clinicians by name with their calendar colours, for the calendar's columns,
    /// filter and legend.
    static func calendarClinicians(on db: any Database, practiceID: UUID) async throws -> [CalendarClinician] {
        try await db.sql().select().columns("id", "name", "active", "color", "working_hours").from(Clinician.schema)
            .where("practice_id", .equal, practiceID).orderBy("name").rows(CalendarClinician.self, on: db)
    }
}
