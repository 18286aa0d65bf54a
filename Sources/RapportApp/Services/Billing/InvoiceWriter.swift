import Fluent
import RapportCore
import SQLKit
import Vapor

/// Puts sessions on a new invoice, freezing each line's code and amount. Shared by invoices made by
/// hand, automatic runs and re-issues; runs inside the caller's transaction.
struct InvoiceWriter {
    let database: any Database
    let practice: PracticeContext
    let actor: Actor

    /// Raised when another run billed one of the sessions first; the caller's transaction rolls back.
    struct AlreadyBilled: Error {}

    /// Creates an invoice for `sessions` (one client's, unbilled). Sessions that bill nothing under
    /// the practice's attendance rule are left off; returns nil when none bill anything.
    func create(
        clientID: UUID, sessions: [Session], issueDate: LocalDate, period: ClosedRange<LocalDate>?, origin: String
    ) async throws -> Invoice? {
        let services = try await Lookup(database: database, practiceID: practice.id).servicesByID()
        let clinicianIDs = Array(Set(sessions.map(\.clinicianID)))
        let clinicians = try await Clinician.query(on: database).filter(\.$id ~~ clinicianIDs).all()
        let clinicianNames = Dictionary(
            uniqueKeysWithValues: clinicians.compactMap { row in row.id.map { ($0, row.name) } })
        var lines: [InvoiceLine] = []
        for session in sessions.sorted(by: { $0.startsAt < $1.startsAt }) {
            guard let charge = charge(for: session), let sessionID = session.id else { continue }
            let line = InvoiceLine()
            line.practiceID = practice.id
            line.sessionID = sessionID
            line.dateOfService = practice.date(of: session.startsAt).description
            line.serviceID = session.serviceID
            line.serviceCode = services[session.serviceID]?.code ?? ""
            line.serviceDescription = services[session.serviceID]?.description ?? ""
            line.clinicianID = session.clinicianID
            line.clinicianName = clinicianNames[session.clinicianID] ?? ""
            line.attendance = session.attendance
            line.fee = session.feeAmount
            line.amount = charge.amount
            line.live = true
            lines.append(line)
        }
        guard !lines.isEmpty else { return nil }

        let invoice = Invoice()
        invoice.practiceID = practice.id
        invoice.clientID = clientID
        invoice.number = try await nextNumber()
        invoice.issueDate = issueDate.description
        invoice.periodStart = period?.lowerBound.description
        invoice.periodEnd = period?.upperBound.description
        invoice.origin = origin
        invoice.total = try InvoiceMath.total(of: lines.map { practice.money($0.amount) }, currency: practice.currency)
            .amount
        invoice.paid = 0
        invoice.createdByName = actor.name
        try await invoice.create(on: database)
        let invoiceID = try invoice.requireID()
        for line in lines {
            line.invoiceID = invoiceID
            try await line.create(on: database)
        }
        // The unique index on live lines already refuses a second invoice; this guard also catches
        // a session billed between our read and our write, and names the problem.
        let billed = lines.map(\.sessionID)
        let marked = try await database.sql().raw(
            """
            UPDATE sessions SET invoice_id = \(bind: invoiceID)
            WHERE id IN (\(binds: billed)) AND invoice_id IS NULL RETURNING id
            """
        ).all()
        guard marked.count == billed.count else { throw AlreadyBilled() }
        try await AuditLog(database: database, actor: actor).record(
            "create", "invoice", id: invoiceID,
            after: [
                "number": "\(invoice.number)", "total": "\(invoice.total)", "sessions": "\(billed.count)",
                "origin": origin,
            ])
        return invoice
    }

    /// What a session bills: its fee, or the practice's late-cancel / no-show charge; nil when nothing.
    func charge(for session: Session) -> Money? {
        guard let attendance = Attendance(rawValue: session.attendance),
            let charge = practice.attendancePolicy.charge(for: attendance, fee: practice.money(session.feeAmount)),
            charge.amount > 0
        else { return nil }
        return charge
    }

    /// The practice's next invoice number. The counter row is locked by the update until the
    /// transaction ends, so concurrent invoices get distinct, increasing numbers; a number is never
    /// handed out again, even when its invoice is deleted.
    private func nextNumber() async throws -> Int {
        let sql = try database.sql()
        try await sql.insert(into: InvoiceCounter.schema).columns("practice_id", "last_number")
            .values(SQLBind(practice.id), SQLBind(0)).ignoringConflicts(with: ["practice_id"]).run()
        let row = try await sql.raw(
            """
            UPDATE invoice_counters SET last_number = last_number + 1 WHERE practice_id = \(bind: practice.id)
            RETURNING last_number
            """
        ).first()
        guard let number = try row?.decode(column: "last_number", as: Int.self) else {
            throw APIError(.internalServerError, code: "internal_error", message: "could not number the invoice")
        }
        return number
    }
}
