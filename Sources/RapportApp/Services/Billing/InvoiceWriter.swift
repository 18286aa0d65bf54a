import Fluent
import Foundation
import RapportCore
import SQLKit

/// Puts sessions on new invoices, freezing each line's code and amount, together with what
/// insurers left the client to pay (patient responsibility) since their last invoice. Shared by
/// invoices made by hand, automatic runs and re-issues; runs inside the caller's transaction.
///
/// However many invoices it writes, it takes a handful of statements: one counter update reserves
/// their numbers, multi-row INSERTs write invoices and lines, one `UPDATE … FROM (VALUES …)` per
/// few thousand sessions marks them billed, and the audit events join the chain together.
struct InvoiceWriter {
    let database: any Database
    let practice: PracticeContext
    let actor: Actor

    /// Raised when another run billed one of the sessions first; the caller's transaction rolls back.
    struct AlreadyBilled: Error {}

    /// One invoice to write: a client's unbilled sessions, its date, its period and how it came about.
    struct Request: Sendable {
        let clientID: UUID
        let sessions: [SessionRecord]
        let issueDate: LocalDate
        let period: ClosedRange<LocalDate>?
        let origin: InvoiceOrigin
    }

    static let invoiceColumns = [
        "id", "practice_id", "client_id", "number", "issue_date", "period_start", "period_end", "origin", "total",
        "patient_responsibility", "brought_forward", "paid", "created_by_name", "created_at",
    ]
    /// An invoice row in ``invoiceColumns`` order. Every writer of invoice rows (this one, the
    /// large practice, the benchmark's floor) builds it here, so a new column is added in one place.
    static func invoiceRow(
        id: UUID, practiceID: UUID, clientID: UUID, number: Int, issueDate: LocalDate, period: ClosedRange<LocalDate>?,
        origin: String, total: Int64, patientResponsibility: Int64 = 0, broughtForward: Int64 = 0, paid: Int64 = 0,
        createdBy: String, at: Date
    ) -> [any Encodable & Sendable] {
        [
            id, practiceID, clientID, number, issueDate.description, period?.lowerBound.description,
            period?.upperBound.description, origin, total, patientResponsibility, broughtForward, paid, createdBy, at,
        ]
    }

    static let lineColumns = [
        "id", "practice_id", "invoice_id", "session_id", "date_of_service", "service_id", "service_code",
        "service_description", "clinician_id", "clinician_name", "attendance", "fee", "amount", "live",
        "starts_at", "chosen_service_id", "fee_override", "self_pay",
    ]

    /// A line row in ``lineColumns`` order, built here for every writer of lines as invoice rows are
    /// by `invoiceRow`.
    static func lineRow(
        practiceID: UUID, invoiceID: UUID, sessionID: UUID, dateOfService: LocalDate, serviceID: UUID,
        serviceCode: String, serviceDescription: String, clinicianID: UUID, clinicianName: String,
        attendance: Attendance, fee: Int64, amount: Int64, live: Bool = true, pricedFrom: PricingInputs
    ) -> [any Encodable & Sendable] {
        [
            UUID(), practiceID, invoiceID, sessionID, dateOfService.description, serviceID, serviceCode,
            serviceDescription, clinicianID, clinicianName, attendance.rawValue, fee, amount, live,
            pricedFrom.startsAt, pricedFrom.chosenServiceID, pricedFrom.feeOverride, pricedFrom.selfPay,
        ]
    }

    /// Creates an invoice for `sessions` (one client's, unbilled). Sessions that bill nothing under
    /// the practice's attendance rule are left off; returns nil when none bill anything.
    func create(
        clientID: UUID, sessions: [Session], issueDate: LocalDate, period: ClosedRange<LocalDate>?,
        origin: InvoiceOrigin
    ) async throws -> Invoice? {
        let request = Request(
            clientID: clientID, sessions: try sessions.map { try SessionRecord($0) }, issueDate: issueDate,
            period: period,
            origin: origin)
        guard let id = try await create([request]).first else { return nil }
        return try await Invoice.find(id, on: database)
    }

    /// Creates one invoice per request, numbered in order; requests whose sessions bill nothing and
    /// whose client has no patient responsibility to bill are skipped. Returns the new invoices' ids.
    func create(_ requests: [Request]) async throws -> [UUID] {
        let drafts = try await self.drafts(requests, owed: try await patientResponsibility(Set(requests.map(\.clientID))))
        guard !drafts.isEmpty else { return [] }
        let firstNumber = try await reserveNumbers(drafts.count)
        let now = Date()
        var invoices = BulkRows(Invoice.schema, columns: Self.invoiceColumns)
        var lines = BulkRows(InvoiceLine.schema, columns: Self.lineColumns)
        var billed: [(session: UUID, invoice: UUID)] = []
        var owedBilled: [(rows: [UUID], invoice: UUID)] = []
        var audit: [AuditLog.Entry] = []
        for (offset, draft) in drafts.enumerated() {
            let id = UUID()
            let number = firstNumber + offset
            let request = draft.request
            invoices.add(
                Self.invoiceRow(
                    id: id, practiceID: practice.id, clientID: request.clientID, number: number,
                    issueDate: request.issueDate, period: request.period, origin: request.origin.rawValue,
                    total: draft.total, patientResponsibility: draft.owed.reduce(Int64(0)) { $0 + $1.amount },
                    createdBy: actor.name, at: now))
            for line in draft.lines {
                let session = line.session
                lines.add(
                    Self.lineRow(
                        practiceID: practice.id, invoiceID: id, sessionID: session.id,
                        dateOfService: practice.date(of: session.startsAt), serviceID: session.serviceID,
                        serviceCode: line.service?.code ?? "", serviceDescription: line.service?.description ?? "",
                        clinicianID: session.clinicianID, clinicianName: line.clinicianName,
                        attendance: session.attendance, fee: session.feeAmount, amount: line.charge.amount,
                        pricedFrom: PricingInputs(session)))
                billed.append((session.id, id))
            }
            if !draft.owed.isEmpty { owedBilled.append((draft.owed.compactMap(\.id), id)) }
            audit.append(
                AuditLog.Entry(
                    action: "create", entityType: "invoice", id: id,
                    after: [
                        "number": "\(number)", "total": "\(draft.total)", "sessions": "\(draft.lines.count)",
                        "origin": request.origin.rawValue,
                        "patientResponsibility": "\(draft.owed.reduce(0) { $0 + $1.amount })",
                    ]))
        }
        try await invoices.flush(on: database)
        // The unique index on live lines refuses a session another invoice already bills.
        try await lines.flush(on: database)
        try await markBilled(billed)
        try await markBilled(owedBilled)
        try await AuditLog(database: database, actor: actor).record(audit)
        return audit.map(\.id)
    }

    /// An invoice for what a client owed in the practice's previous product on `asOf`: no sessions,
    /// its whole total brought forward. Returns its id.
    func createOpeningBalance(clientID: UUID, amount: Money, asOf: LocalDate) async throws -> UUID {
        let id = UUID()
        let number = try await reserveNumbers(1)
        var invoices = BulkRows(Invoice.schema, columns: Self.invoiceColumns)
        invoices.add(
            Self.invoiceRow(
                id: id, practiceID: practice.id, clientID: clientID, number: number, issueDate: asOf, period: nil,
                origin: InvoiceOrigin.openingBalance.rawValue, total: amount.amount, broughtForward: amount.amount,
                createdBy: actor.name, at: Date()))
        try await invoices.flush(on: database)
        try await AuditLog(database: database, actor: actor).record(
            "create", "invoice", id: id,
            after: [
                "number": "\(number)", "total": "\(amount.amount)", "origin": InvoiceOrigin.openingBalance.rawValue,
                "asOf": asOf.description,
            ])
        return id
    }

    /// What a session bills: its fee, or the practice's late-cancel / no-show charge; nil when nothing.
    func charge(for session: Session) -> Money? {
        charge(attendance: session.attendance, fee: session.feeAmount)
    }

    func charge(attendance: Attendance, fee: Int64) -> Money? {
        guard let charge = practice.attendancePolicy.charge(for: attendance, fee: practice.money(fee)),
            charge.amount > 0
        else { return nil }
        return charge
    }

    private struct Draft {
        let request: Request
        let lines: [Line]
        /// The patient responsibility it bills.
        let owed: [PatientResponsibilityRow]
        let total: Int64

        /// A session the invoice bills, with what its line shows.
        struct Line {
            let session: SessionRecord
            let service: Service?
            let clinicianName: String
            let charge: Money
        }
    }

    /// The patient responsibility each client has not been invoiced for yet, oldest first.
    func patientResponsibility(_ clientIDs: Set<UUID>) async throws -> [UUID: [PatientResponsibilityRow]] {
        var owed: [UUID: [PatientResponsibilityRow]] = [:]
        for chunk in Array(clientIDs).chunks(of: IDsPerStatement.limit) {
            let rows = try await PatientResponsibilityRow.query(on: database).filter(\.$practiceID == practice.id)
                .filter(\.$clientID ~~ Array(chunk)).filter(\.$invoiceID == nil).sort(\.$postedOn).all()
            for row in rows { owed[row.clientID, default: []].append(row) }
        }
        return owed
    }

    /// What an invoice of `issued` bills of `rows`: those posted by that day, when together they
    /// owe something. A take-back's negative row waits until there is something to set it
    /// against, so no invoice totals less than nothing; and an invoice never bills what was posted
    /// after its date.
    static func billable(_ rows: [PatientResponsibilityRow], issued: LocalDate) -> [PatientResponsibilityRow] {
        let due = rows.filter { $0.postedOn <= issued }
        return due.reduce(0) { $0 + $1.amount } > 0 ? due : []
    }

    /// Each request's lines (in date order, with what they bill), the patient responsibility it
    /// bills (on the client's first invoice of the call) and total.
    private func drafts(_ requests: [Request], owed: [UUID: [PatientResponsibilityRow]]) async throws -> [Draft] {
        let services = try await Lookup(database: database, practiceID: practice.id).servicesByID()
        let clinicianNames = try await self.clinicianNames(Set(requests.flatMap { $0.sessions.map(\.clinicianID) }))
        var unbilledOwed = owed
        return try requests.compactMap { request in
            // A client's first invoice of the call bills what is due by its date; a later one, the rest.
            let owed = Self.billable(unbilledOwed[request.clientID] ?? [], issued: request.issueDate)
            unbilledOwed[request.clientID]?.removeAll { row in owed.contains { $0 === row } }
            var lines: [Draft.Line] = []
            var amounts: [Money] = []
            let ordered = request.sessions.sorted { ($0.startsAt, $0.id) < ($1.startsAt, $1.id) }
            for session in ordered {
                guard let charge = charge(attendance: session.attendance, fee: session.feeAmount) else { continue }
                lines.append(
                    Draft.Line(
                        session: session, service: services[session.serviceID],
                        clinicianName: clinicianNames[session.clinicianID] ?? "", charge: charge))
                amounts.append(charge)
            }
            guard !lines.isEmpty || !owed.isEmpty else { return nil }
            let total = try InvoiceMath.total(
                of: amounts + owed.map { practice.money($0.amount) }, currency: practice.currency
            ).amount
            return Draft(request: request, lines: lines, owed: owed, total: total)
        }
    }

    private func clinicianNames(_ ids: Set<UUID>) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await database.sql().select().columns("id", "name").from(Clinician.schema)
            .where("practice_id", .equal, practice.id).where("id", .in, Array(ids)).all()
        return Dictionary(
            uniqueKeysWithValues: try rows.map {
                (try $0.decode(column: "id", as: UUID.self), try $0.decode(column: "name", as: String.self))
            })
    }

    /// Points the sessions at their invoices; one billed since it was read rolls the whole
    /// transaction back with ``AlreadyBilled``.
    private func markBilled(_ billed: [(session: UUID, invoice: UUID)]) async throws {
        guard try await SessionMarks.mark(.invoice, billed.map { ($0.session, $0.invoice) }, on: database) else {
            throw AlreadyBilled()
        }
    }

    /// Points patient responsibility at its invoices, a few thousand rows to a statement; a row
    /// another invoice took since it was read rolls the transaction back with ``AlreadyBilled``.
    private func markBilled(_ owed: [(rows: [UUID], invoice: UUID)]) async throws {
        let pairs = owed.flatMap { billed in billed.rows.map { (row: $0, invoice: billed.invoice) } }
        let sql = try database.sql()
        // Two bound values per row.
        for chunk in pairs.chunks(of: IDsPerStatement.limit / 2) {
            let values = SQLList(chunk.map { SQLGroupExpression([SQLBind($0.row), SQLBind($0.invoice)]) })
            let marked = try await sql.raw(
                """
                UPDATE patient_responsibilities SET invoice_id = v.column2 FROM (VALUES \(values)) AS v
                WHERE patient_responsibilities.id = v.column1 AND patient_responsibilities.invoice_id IS NULL
                RETURNING patient_responsibilities.id
                """
            ).all()
            guard marked.count == chunk.count else { throw AlreadyBilled() }
        }
    }

    /// Reserves `count` invoice numbers and returns the first. The counter row is locked by the
    /// update until the transaction ends, so concurrent invoices get distinct, increasing numbers;
    /// a number is never handed out again, even when its invoice is deleted.
    private func reserveNumbers(_ count: Int) async throws -> Int {
        let sql = try database.sql()
        try await sql.insert(into: InvoiceCounter.schema).columns("practice_id", "last_number")
            .values(SQLBind(practice.id), SQLBind(0)).ignoringConflicts(with: ["practice_id"]).run()
        let row = try await sql.raw(
            """
            UPDATE invoice_counters SET last_number = last_number + \(bind: count)
            WHERE practice_id = \(bind: practice.id) RETURNING last_number
            """
        ).first()
        guard let last = try row?.decode(column: "last_number", as: Int.self) else {
            throw UseCaseError(.internalFailure, code: "internal_error", message: "could not number the invoice")
        }
        return last - count + 1
    }
}
