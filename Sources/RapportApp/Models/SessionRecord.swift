import Foundation
import SQLKit

/// A session's columns as a plain value, read with SQLKit.
///
/// The hot reads (calendar ranges, client session lists, repricing) return hundreds or thousands
/// of rows; decoding each into a Fluent ``Session`` model costs far more than the query itself,
/// so they select these columns and decode them by name instead. Writes still go through
/// ``Session``.
struct SessionRecord: Sendable {
    var id: UUID
    var clientID: UUID
    var clinicianID: UUID
    var seriesID: UUID?
    var originalStartLocal: String?
    var startsAt: Date
    var durationMinutes: Int
    var location: String?
    var attendance: String
    var chosenServiceID: UUID?
    var feeOverride: Int64?
    var serviceID: UUID
    var serviceSource: String
    var feeAmount: Int64
    var feeSource: String
    var isException: Bool
    var invoiceID: UUID?

    static let columns = [
        "id", "client_id", "clinician_id", "series_id", "original_start_local", "starts_at", "duration_minutes",
        "location", "attendance", "chosen_service_id", "fee_override", "service_id", "service_source", "fee_amount",
        "fee_source", "is_exception", "invoice_id",
    ]

    /// A `SELECT` of ``columns`` from `sessions` for one practice; the caller adds its filters.
    static func select(practiceID: UUID, on sql: any SQLDatabase) -> SQLSelectBuilder {
        sql.select().columns(columns).from(Session.schema).where("practice_id", .equal, practiceID)
    }

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: UUID.self)
        clientID = try row.decode(column: "client_id", as: UUID.self)
        clinicianID = try row.decode(column: "clinician_id", as: UUID.self)
        seriesID = try row.decode(column: "series_id", as: UUID?.self)
        originalStartLocal = try row.decode(column: "original_start_local", as: String?.self)
        startsAt = try row.decode(column: "starts_at", as: Date.self)
        durationMinutes = try row.decode(column: "duration_minutes", as: Int.self)
        location = try row.decode(column: "location", as: String?.self)
        attendance = try row.decode(column: "attendance", as: String.self)
        chosenServiceID = try row.decode(column: "chosen_service_id", as: UUID?.self)
        feeOverride = try row.decode(column: "fee_override", as: Int64?.self)
        serviceID = try row.decode(column: "service_id", as: UUID.self)
        serviceSource = try row.decode(column: "service_source", as: String.self)
        feeAmount = try row.decode(column: "fee_amount", as: Int64.self)
        feeSource = try row.decode(column: "fee_source", as: String.self)
        isException = try row.decode(column: "is_exception", as: Bool.self)
        invoiceID = try row.decode(column: "invoice_id", as: UUID?.self)
    }

    init(_ session: Session) {
        id = session.id ?? UUID()
        clientID = session.clientID
        clinicianID = session.clinicianID
        seriesID = session.seriesID
        originalStartLocal = session.originalStartLocal
        startsAt = session.startsAt
        durationMinutes = session.durationMinutes
        location = session.location
        attendance = session.attendance
        chosenServiceID = session.chosenServiceID
        feeOverride = session.feeOverride
        serviceID = session.serviceID
        serviceSource = session.serviceSource
        feeAmount = session.feeAmount
        feeSource = session.feeSource
        isException = session.isException
        invoiceID = session.invoiceID
    }
}
