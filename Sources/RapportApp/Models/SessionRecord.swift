import Fluent
import Foundation
import RapportCore
import SQLKit

/// A session's columns as a plain value, read with SQLKit.
///
/// The hot reads (calendar ranges, client session lists, repricing) return hundreds or thousands
/// of rows; decoding each into a Fluent ``Session`` model costs far more than the query itself,
/// so they select these columns and decode them by name instead. Writes still go through
/// ``Session``.
struct SessionRecord: Sendable, RowReadable {
    var id: UUID
    var clientID: UUID
    var clinicianID: UUID
    var seriesID: UUID?
    var originalStartLocal: LocalDateTime?
    var startsAt: Date
    var durationMinutes: Int
    var location: String?
    var placeOfService: PlaceOfService?
    var attendance: Attendance
    var chosenServiceID: UUID?
    var feeOverride: Int64?
    var serviceID: UUID
    var serviceSource: ServiceSource
    var feeAmount: Int64
    var feeSource: FeeSource
    var isException: Bool
    var invoiceID: UUID?
    var claimID: UUID?
    var selfPay: Bool?
    /// Its own diagnoses; nil: the client's in force on its date.
    var diagnoses: [DiagnosisCode]?
    /// The live invoice line's amount, when the select asked for it (``selectWithBilledAmount``).
    var billedAmount: Int64?
    /// The service's code and description, when the select asked for them (``selectForList``).
    var serviceCode: String?
    var serviceDescription: String?
    /// The client's name, when the select asked for it (``SessionScheduling/listNamed(_:)``).
    var clientName: String?

    static let columns = [
        "id", "client_id", "clinician_id", "series_id", "original_start_local", "starts_at", "duration_minutes",
        "location", "attendance", "chosen_service_id", "fee_override", "service_id", "service_source", "fee_amount",
        "fee_source", "is_exception", "invoice_id", "place_of_service", "self_pay", "claim_id",
        "diagnoses",
    ]

    /// A `SELECT` of ``columns`` from `sessions` for one practice; the caller adds its filters.
    static func select(practiceID: UUID, on sql: any SQLDatabase) -> SQLSelectBuilder {
        sql.select().column(SQLRaw(quotedColumns)).from(Session.schema).where("practice_id", .equal, practiceID)
    }

    /// ``columns`` as the select list, quoted once (``quotedColumnList(_:)``).
    private static let quotedColumns = quotedColumnList(columns)

    /// ``select(practiceID:on:)`` with each billed session's invoice line amount beside it (a lookup
    /// by the unique index on live lines), for lists that show what sessions bill.
    static func selectWithBilledAmount(practiceID: UUID, on sql: any SQLDatabase) -> SQLSelectBuilder {
        select(practiceID: practiceID, on: sql).column(
            SQLRaw(
                """
                CASE WHEN invoice_id IS NULL THEN NULL ELSE (SELECT l.amount FROM invoice_lines l
                WHERE l.session_id = sessions.id AND l.live) END AS billed_amount
                """))
    }

    /// ``selectWithBilledAmount(practiceID:on:)`` with the service's code and description beside
    /// each session, so a list needs no second read of the services.
    static func selectForList(practiceID: UUID, on sql: any SQLDatabase) -> SQLSelectBuilder {
        selectWithBilledAmount(practiceID: practiceID, on: sql).column(
            SQLRaw(
                """
                (SELECT sv.code FROM services sv WHERE sv.id = sessions.service_id) AS service_code,
                (SELECT sv.description FROM services sv WHERE sv.id = sessions.service_id) AS service_description
                """))
    }

    init(reading row: some RowReading) throws {
        id = try row.read("id", as: UUID.self)
        clientID = try row.read("client_id", as: UUID.self)
        clinicianID = try row.read("clinician_id", as: UUID.self)
        seriesID = try row.read("series_id", as: UUID?.self)
        originalStartLocal = try row.read("original_start_local", as: String?.self).map {
            try LocalDateTime(stored: $0, column: "original_start_local")
        }
        startsAt = try row.read("starts_at", as: Date.self)
        durationMinutes = try row.read("duration_minutes", as: Int.self)
        location = try row.read("location", as: String?.self)
        placeOfService = try row.read("place_of_service", as: String?.self).map { text in
            guard let place = PlaceOfService(text) else {
                throw UnreadableStoredValue(column: "place_of_service", value: text)
            }
            return place
        }
        attendance = try Attendance(stored: row.read("attendance", as: String.self))
        chosenServiceID = try row.read("chosen_service_id", as: UUID?.self)
        feeOverride = try row.read("fee_override", as: Int64?.self)
        serviceID = try row.read("service_id", as: UUID.self)
        serviceSource = try ServiceSource(stored: row.read("service_source", as: String.self))
        feeAmount = try row.read("fee_amount", as: Int64.self)
        feeSource = try FeeSource(stored: row.read("fee_source", as: String.self))
        isException = try row.read("is_exception", as: Bool.self)
        invoiceID = try row.read("invoice_id", as: UUID?.self)
        selfPay = try row.read("self_pay", as: Bool?.self)
        claimID = try row.read("claim_id", as: UUID?.self)
        diagnoses = try Self.diagnoses(try row.read("diagnoses", as: String?.self))
        billedAmount = row.contains("billed_amount") ? try row.read("billed_amount", as: Int64?.self) : nil
        if row.contains("service_code") {
            serviceCode = try row.read("service_code", as: String?.self)
            serviceDescription = try row.read("service_description", as: String?.self)
        }
        if row.contains("client_name") { clientName = try row.read("client_name", as: String?.self) }
    }

    init(_ session: Session, billedAmount: Int64? = nil) throws {
        self.billedAmount = billedAmount
        id = try session.requireID()
        clientID = session.clientID
        clinicianID = session.clinicianID
        seriesID = session.seriesID
        originalStartLocal = session.originalStartLocal
        startsAt = session.startsAt
        durationMinutes = session.durationMinutes
        location = session.location
        placeOfService = session.placeOfService
        attendance = session.attendance
        chosenServiceID = session.chosenServiceID
        feeOverride = session.feeOverride
        serviceID = session.serviceID
        serviceSource = session.serviceSource
        feeAmount = session.feeAmount
        feeSource = session.feeSource
        isException = session.isException
        invoiceID = session.invoiceID
        selfPay = session.selfPay
        claimID = session.claimID
        diagnoses = try Self.diagnoses(session.diagnoses)
    }

    /// A stored list of codes; one that does not read is an ``UnreadableStoredValue``.
    static func diagnoses(_ text: String?) throws -> [DiagnosisCode]? {
        try text.map { list in
            try list.split(separator: ",").map { part in
                guard let code = DiagnosisCode(String(part)) else {
                    throw UnreadableStoredValue(column: "sessions.diagnoses", value: list)
                }
                return code
            }
        }
    }
}

/// The amounts billed sessions were put on their invoices at: what they bill, frozen.
enum BilledAmounts {
    static func of(_ sessions: [Session], on database: any Database) async throws -> [UUID: Int64] {
        let billed = sessions.filter { $0.invoiceID != nil }.compactMap(\.id)
        guard !billed.isEmpty else { return [:] }
        var amounts: [UUID: Int64] = [:]
        for chunk in billed.chunks(of: IDsPerStatement.limit) {
            for line in try await InvoiceLine.query(on: database).filter(\.$sessionID ~~ Array(chunk)).filter(
                \.$live == true
            )
            .all() {
                if let session = line.sessionID { amounts[session] = line.amount }
            }
        }
        return amounts
    }
}
