import Fluent
import Foundation
import SQLKit

/// Finds rows by id within the caller's practice: another practice's id is simply "not found".
/// Each is one named statement written once per model (``ModelRows``).
struct Lookup {
    let database: any Database
    let practiceID: UUID
    /// For a clinician, only their own calendar, and the clients on it, exist; for a clinician
    /// account without a calendar, none.
    var calendars: CalendarScope = .practice

    init(database: any Database, practiceID: UUID) {
        self.database = database
        self.practiceID = practiceID
    }

    /// Lookups as `actor` may see them: the practice, narrowed to their own calendar for a clinician.
    init(database: any Database, actor: Actor) {
        self.database = database
        self.practiceID = actor.practiceID
        self.calendars = actor.calendars
    }

    func client(_ id: UUID) async throws -> Client {
        guard
            let row = try await ModelRows.find(Client.self, id: id, practiceID: practiceID, on: database),
            try await isVisible(row)
        else { throw UseCaseError.notFound("client") }
        return row
    }

    func clinician(_ id: UUID) async throws -> Clinician {
        guard
            let row = try await ModelRows.find(Clinician.self, id: id, practiceID: practiceID, on: database)
        else { throw UseCaseError.notFound("clinician") }
        return row
    }

    func service(_ id: UUID) async throws -> Service {
        guard
            let row = try await ModelRows.find(Service.self, id: id, practiceID: practiceID, on: database)
        else { throw UseCaseError.notFound("service") }
        return row
    }

    func session(_ id: UUID) async throws -> Session {
        guard
            let row = try await ModelRows.find(Session.self, id: id, practiceID: practiceID, on: database),
            sees(calendarOf: row.clinicianID)
        else { throw UseCaseError.notFound("session") }
        return row
    }

    /// The number of one of the practice's invoices.
    func invoiceNumber(_ id: UUID) async throws -> Int {
        guard
            let row = try await database.sql().raw(
                "SELECT number FROM invoices WHERE id = \(bind: id) AND practice_id = \(bind: practiceID)"
            ).firstPrepared()
        else { throw UseCaseError.notFound("invoice") }
        return try row.decode(column: "number", as: Int.self)
    }

    func series(_ id: UUID) async throws -> Series {
        guard
            let row = try await ModelRows.find(Series.self, id: id, practiceID: practiceID, on: database),
            sees(calendarOf: row.clinicianID)
        else { throw UseCaseError.notFound("series") }
        return row
    }

    /// The clients this lookup may see: every client (nil), or a clinician's own — those whose
    /// primary clinician they are, and those with a session on their calendar.
    func visibleClientIDs() async throws -> [UUID]? {
        guard let visible = visibleClients else { return nil }
        return try await database.sql().raw(visible).all().map { try $0.decode(column: "id", as: UUID.self) }
    }

    /// ``visibleClientIDs()`` as a query of their ids (column `id`), for a query that narrows
    /// its rows to them itself (`client_id IN (…)`); nil when every client is visible.
    var visibleClients: SQLQueryString? {
        switch calendars {
        case .practice: nil
        case .none: "SELECT id FROM clients WHERE practice_id = \(bind: practiceID) AND 1 = 0"
        case .clinician(let clinician):
            """
            SELECT id FROM clients WHERE practice_id = \(bind: practiceID) AND primary_clinician_id = \(bind: clinician)
            UNION
            SELECT client_id FROM sessions WHERE practice_id = \(bind: practiceID) AND clinician_id = \(bind: clinician)
            """
        }
    }

    private func sees(calendarOf clinicianID: UUID) -> Bool {
        switch calendars {
        case .practice: true
        case .clinician(let own): own == clinicianID
        case .none: false
        }
    }

    private func isVisible(_ client: Client) async throws -> Bool {
        let clinician: UUID
        switch calendars {
        case .practice: return true
        case .none: return false
        case .clinician(let id): clinician = id
        }
        if client.primaryClinicianID == clinician { return true }
        return try await Session.query(on: database).filter(\.$clientID == client.requireID())
            .filter(\.$clinicianID == clinician).count() > 0
    }

    /// All of the practice's services by id (a practice has dozens at most).
    func servicesByID() async throws -> [UUID: Service] {
        // Read on most requests (every session shows its code): plain rows, not Fluent's decoding.
        let rows = try await database.sql().select().column(SQLAlias(SQLIdentifier("id"), as: "service_id"))
            .columns("code", "description", "duration_minutes", "active").from(Service.schema)
            .where("practice_id", .equal, practiceID).rows(ServiceRow.self, on: database)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.id, $0.model(practiceID: practiceID)) })
    }

    /// A referenced row that must exist for the request to make sense: a 422 naming the field.
    func reference<T>(_ field: FieldPath, _ find: () async throws -> T) async throws -> T {
        do {
            return try await find()
        } catch let error as UseCaseError where error.kind == .notFound {
            throw UseCaseError.invalid(field, Self.unknown(field))
        }
    }

    /// Like ``reference(_:_:)``, but notes a missing row in `errors` so every bad field is reported at once.
    func reference<T>(_ field: FieldPath, errors: inout FieldErrors, _ find: () async throws -> T) async throws -> T? {
        do {
            return try await find()
        } catch let error as UseCaseError where error.kind == .notFound {
            errors.add(field, Self.unknown(field))
            return nil
        }
    }

    private static func unknown(_ field: FieldPath) -> String {
        let last = field.components.last.flatMap { if case .key(let key) = $0 { key } else { nil } } ?? "\(field)"
        let noun = last.replacingOccurrences(of: "Id", with: "")
        return "does not name a \(noun) of this practice"
    }
}

/// Common checks on free text from requests.
enum TextInput {
    /// Trimmed text that must be present and at most `limit` characters.
    static func required(_ value: String?, field: FieldPath, limit: Int = 200, errors: inout FieldErrors) -> String? {
        let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if trimmed.isEmpty {
            errors.add(field, "is required")
            return nil
        }
        if trimmed.count > limit {
            errors.add(field, "must be at most \(limit) characters")
            return nil
        }
        return trimmed
    }

    /// Trimmed optional text; empty becomes nil.
    static func optional(_ value: String?, field: FieldPath, limit: Int = 200, errors: inout FieldErrors) -> String? {
        let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if trimmed.count > limit { errors.add(field, "must be at most \(limit) characters") }
        return trimmed.isEmpty ? nil : trimmed
    }

    static func email(_ value: String?, field: FieldPath, errors: inout FieldErrors) -> String? {
        guard let email = optional(value, field: field, limit: 254, errors: &errors) else { return nil }
        let parts = email.split(separator: "@")
        if parts.count != 2 || !parts[1].contains(".") || email.contains(" ") {
            errors.add(field, "must be an email address such as name@example.com")
        }
        return email.lowercased()
    }
}
