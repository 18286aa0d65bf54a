import Fluent
import Foundation
import RapportCore
import Vapor

/// Month-end automatic invoicing: `clients` clients with `sessionsPerClient` attended sessions
/// each last month, billed by ``InvoiceRun`` — beside its floor, the same invoice and line rows
/// written in one transaction with multi-row inserts into the same tables.
struct InvoiceRunBench {
    let database: any Database
    let logger: Logger
    let passwords: PasswordPolicy

    func run(clients: Int, sessionsPerClient: Int) async throws -> BenchMeasurement {
        let bench = try await BenchPractice.create(clients: clients, on: database, passwords: passwords) {
            client, today in
            let lastMonth = Self.lastMonth(today)
            return (0..<sessionsPerClient).compactMap { k in
                let day = lastMonth.lowerBound.adding(days: (k * 3 + client) % 28)
                return LocalTime(hour: 8 + (client + k) % 9, minute: 0).map {
                    (LocalDateTime(date: day, time: $0), Attendance.show)
                }
            }
        }
        let lastMonth = Self.lastMonth(bench.practice.today)
        _ = try await PracticeSettings(database: database, actor: bench.actor).update(
            .init(invoiceMode: InvoiceMode.monthly.rawValue, invoiceModeSince: lastMonth.lowerBound))
        guard let practice = try await Practice.find(bench.practice.id, on: database) else {
            throw BenchError("the benchmark practice is missing")
        }
        let (invoices, seconds) = try await timed {
            try await InvoiceRun(database: database, logger: logger).run(practice, through: lastMonth.upperBound)
        }
        guard invoices == clients else { throw BenchError("the run made \(invoices) invoices for \(clients) clients") }
        let (rows, floor) = try await floorInsert(bench.practice)
        return BenchMeasurement(
            workload: "invoice run: \(clients) clients × \(sessionsPerClient) sessions", seconds: seconds,
            floorSeconds: floor, detail: "\(invoices) invoices; floor wrote \(rows) invoice and line rows")
    }

    /// Writes rows like the ones the run made (one invoice per client, its lines) in one transaction
    /// with multi-row inserts, then removes them; returns the row count and the seconds the writing took.
    private func floorInsert(_ practice: PracticeContext) async throws -> (Int, Double) {
        let sql = try database.sql()
        let lines = try await sql.select().columns(
            "invoice_id", "session_id", "date_of_service", "service_id", "service_code", "service_description",
            "clinician_id", "clinician_name", "attendance", "fee", "amount", "starts_at", "chosen_service_id",
            "fee_override", "self_pay"
        ).from(InvoiceLine.schema).where("practice_id", .equal, practice.id).all()
        let invoices = try await sql.select().columns("id", "client_id", "number", "total").from(Invoice.schema)
            .where("practice_id", .equal, practice.id).all()
        var invoiceRows = LargePractice.Tables().invoices
        var lineRows = LargePractice.Tables().lines
        var copies: [UUID: UUID] = [:]
        let now = Date()
        for invoice in invoices {
            let copy = UUID()
            copies[try invoice.decode(column: "id", as: UUID.self)] = copy
            invoiceRows.add(
                InvoiceWriter.invoiceRow(
                    id: copy, practiceID: practice.id, clientID: try invoice.decode(column: "client_id", as: UUID.self),
                    number: 1_000_000 + (try invoice.decode(column: "number", as: Int.self)), issueDate: practice.today,
                    period: nil, origin: "manual", total: try invoice.decode(column: "total", as: Int64.self),
                    createdBy: "Floor", at: now))
        }
        for line in lines {
            // Not live, so the copies do not collide with the run's lines on the one-live-line index.
            guard let invoice = copies[try line.decode(column: "invoice_id", as: UUID.self)] else {
                throw BenchError("a line of an invoice the run did not make")
            }
            lineRows.add(
                InvoiceWriter.lineRow(
                    practiceID: practice.id, invoiceID: invoice,
                    sessionID: try line.decode(column: "session_id", as: UUID.self),
                    dateOfService: try LocalDate(
                        stored: line.decode(column: "date_of_service", as: String.self),
                        column: "invoice_lines.date_of_service"),
                    serviceID: try line.decode(column: "service_id", as: UUID.self),
                    serviceCode: try line.decode(column: "service_code", as: String.self),
                    serviceDescription: try line.decode(column: "service_description", as: String.self),
                    clinicianID: try line.decode(column: "clinician_id", as: UUID.self),
                    clinicianName: try line.decode(column: "clinician_name", as: String.self),
                    attendance: try Attendance(stored: line.decode(column: "attendance", as: String.self)),
                    fee: try line.decode(column: "fee", as: Int64.self),
                    amount: try line.decode(column: "amount", as: Int64.self), live: false,
                    pricedFrom: try PricingInputs(reading: SQLRowReader(row: line))))
        }
        let rows = invoices.count + lines.count
        let written = (invoiceRows, lineRows)
        let (_, seconds) = try await timed {
            try await database.writeTransaction(practice: practice.id) { db in
                var (invoiceRows, lineRows) = written
                try await invoiceRows.flush(on: db)
                try await lineRows.flush(on: db)
            }
        }
        try await database.writeTransaction(practice: practice.id) { db in
            let sql = try db.sql()
            try await sql.delete(from: InvoiceLine.schema).where("practice_id", .equal, practice.id)
                .where("live", .equal, false).run()
            try await sql.delete(from: Invoice.schema).where("practice_id", .equal, practice.id)
                .where("number", .greaterThan, 1_000_000).run()
        }
        return (rows, seconds)
    }

    static func lastMonth(_ today: LocalDate) -> ClosedRange<LocalDate> {
        InvoiceMode.monthly.period(
            containing: InvoiceMode.monthly.period(containing: today).lowerBound.adding(days: -1))
    }
}
