import Fluent
import Foundation
import RapportCore
import SQLKit

/// Invoices by hand: make one from chosen sessions, read, delete (the article's red button), re-issue.
struct Invoicing {
    let database: any Database
    let actor: Actor

    struct Filter {
        var clientID: UUID?
        var status: InvoiceStatus?
        var from: LocalDate?
        var to: LocalDate?
        var page: Page
    }

    func list(_ filter: Filter) async throws -> [InvoiceDetails] {
        let practice = try await PracticeContext.of(actor, on: database)
        return try await Lookup(database: database, actor: actor).page(
            InvoiceRecord.self, columns: InvoiceRecord.quotedColumns, from: Invoice.schema, clientColumn: "client_id",
            filter.page,
            filter: { query in
                if let client = filter.clientID { query.where("client_id", .equal, client) }
                if let from = filter.from { query.where("issue_date", .greaterThanOrEqual, from.description) }
                if let to = filter.to { query.where("issue_date", .lessThanOrEqual, to.description) }
                switch filter.status {
                case .deleted: query.where("deleted_at", .isNot, SQLLiteral.null)
                case .open: query.where("deleted_at", .is, SQLLiteral.null).where(SQLRaw("paid < total"))
                case .paid: query.where("deleted_at", .is, SQLLiteral.null).where(SQLRaw("paid >= total"))
                case nil: break
                }
            }, order: [("number", .descending)]
        ).map { try InvoiceDetails($0, practice: practice) }
    }

    /// One invoice with its lines and payments; a look at the client's record, so it is audited.
    func get(_ id: UUID) async throws -> InvoiceDetails {
        let practice = try await PracticeContext.of(actor, on: database)
        let invoice = try await invoice(id, on: database)
        return try await content(invoice, practice: practice, on: database)
    }

    /// Makes an invoice from chosen sessions of one client, at their current prices.
    func create(_ input: InvoiceInput) async throws -> InvoiceDetails {
        try await database.writeTransaction(practice: actor.practiceID) { db in
            let practice = try await PracticeContext.of(actor, on: db)
            let lookup = Lookup(database: db, actor: actor)
            _ = try await lookup.reference("clientId") { try await lookup.client(input.clientId) }
            var errors = FieldErrors()
            let writer = InvoiceWriter(database: db, practice: practice, actor: actor)
            // With no sessions, the invoice bills the patient responsibility insurers left the client.
            if input.sessionIds.isEmpty,
                InvoiceWriter.billable(
                    try await writer.patientResponsibility([input.clientId])[input.clientId] ?? [],
                    issued: input.issueDate ?? practice.today
                ).isEmpty
            {
                errors.add(
                    "sessionIds",
                    "must name at least one session (the client has no patient responsibility to bill by the invoice's date)")
            }
            if Set(input.sessionIds).count != input.sessionIds.count {
                errors.add("sessionIds", "names a session twice")
            }
            let sessions = try await Session.query(on: db).filter(\.$practiceID == actor.practiceID)
                .filter(\.$id ~~ input.sessionIds).all()
            let byID = Dictionary(uniqueKeysWithValues: sessions.compactMap { row in row.id.map { ($0, row) } })
            let coverage = try await CoverageBook.load(
                practiceID: actor.practiceID, clientIDs: [input.clientId], on: db)
            var leftOut: [InvoiceDetails.LeftOutSession] = []
            for (index, id) in input.sessionIds.enumerated() {
                let field = FieldPath.item("sessionIds", index)
                guard let session = byID[id] else {
                    errors.add(field, "does not name a session of this practice")
                    continue
                }
                if session.clientID != input.clientId {
                    errors.add(field, "is another client's session")
                } else if let invoiceID = session.invoiceID {
                    let number = try await Invoice.find(invoiceID, on: db)?.number
                    errors.add(field, "is already billed on invoice \(number.map { "#\($0)" } ?? "")")
                } else if let claimID = session.claimID {
                    let number = try await ClaimRow.find(claimID, on: db)?.number
                    errors.add(field, "is on claim \(number.map { "#\($0)" } ?? ""): its insurer is billed for it")
                } else if let reason = Self.unbillable(session, writer: writer, coverage: coverage, practice: practice) {
                    if input.leaveOutUnbillable == true {
                        leftOut.append(.init(sessionId: id, start: session.startsAt, reason: reason))
                    } else {
                        errors.add(field, reason)
                    }
                }
            }
            try errors.throwIfAny()
            let issueDate = input.issueDate ?? practice.today
            let billable = sessions.filter { session in !leftOut.contains { $0.sessionId == session.id } }
            guard
                let invoice = try await writer.create(
                    clientID: input.clientId, sessions: billable, issueDate: issueDate, period: nil, origin: .manual)
            else {
                throw UseCaseError.invalid(
                    "sessionIds",
                    "none of these sessions bills anything: " + leftOut.map(\.reason).joined(separator: "; "))
            }
            var created = try await content(invoice, practice: practice, on: db)
            if !leftOut.isEmpty { created.leftOut = leftOut }
            return created
        }
    }

    /// Why a session is not invoiced to its client, in words — it bills nothing, or it bills an
    /// insurer — or nil when it is.
    static func unbillable(
        _ session: Session, writer: InvoiceWriter, coverage: CoverageBook, practice: PracticeContext
    ) -> String? {
        if let insurer = coverage.billsInsurer(session, practice: practice) { return insurer }
        return writer.charge(for: session) == nil ? whyNotBilled(session.attendance) : nil
    }

    /// Why a session with `attendance` bills nothing, in words (the invoice page and the flyout say it).
    static func whyNotBilled(_ attendance: Attendance) -> String {
        switch attendance {
        case .cancelled: "was cancelled, and cancelled sessions are not billable"
        case .noShow: "was a no-show, and the practice does not bill no-shows"
        case .lateCancelled: "was cancelled late, and the practice does not bill late cancellations"
        case .scheduled, .show: "bills nothing at its current fee"
        }
    }

    /// Deletes an invoice with no payments applied: its sessions are unbilled again and follow the
    /// client's current rules; the invoice stays in the history as deleted.
    func delete(_ id: UUID, reason: String?) async throws -> InvoiceDetails {
        try await database.writeTransaction(practice: actor.practiceID) { db in
            let practice = try await PracticeContext.of(actor, on: db)
            let invoice = try await invoice(id, on: db)
            try await remove(invoice, reason: reason, practice: practice, on: db)
            return try await content(invoice, practice: practice, on: db)
        }
    }

    /// Deletes an unpaid invoice and bills the same sessions again at today's rules, in one step.
    func reissue(_ id: UUID) async throws -> InvoiceDetails {
        try await database.writeTransaction(practice: actor.practiceID) { db in try await reissue(id, on: db) }
    }

    /// Re-issues inside the caller's transaction (a rule change's Confirm re-issues with it).
    func reissue(_ id: UUID, on db: any Database) async throws -> InvoiceDetails {
        let practice = try await PracticeContext.of(actor, on: db)
        let old = try await invoice(id, on: db)
        guard old.origin != .openingBalance else {
            throw UseCaseError.conflict(
                "opening_balance",
                "invoice #\(old.number) is a balance brought forward from the practice's previous records: it has no sessions to bill again at current rules"
            )
        }
        let sessionIDs = try await InvoiceLine.query(on: db).filter(\.$invoiceID == id).all().compactMap(\.sessionID)
        try await remove(old, reason: "re-issued at current rules", practice: practice, on: db)
        // Sessions that now bill an insurer are left off: they go on a claim instead.
        let coverage = try await CoverageBook.load(practiceID: actor.practiceID, clientIDs: [old.clientID], on: db)
        let sessions = try await Session.query(on: db).filter(\.$id ~~ sessionIDs).all().filter {
            coverage.billsInsurer($0, practice: practice) == nil
        }
        guard
            let fresh = try await InvoiceWriter(database: db, practice: practice, actor: actor).create(
                clientID: old.clientID, sessions: sessions, issueDate: practice.today,
                period: old.periodStart.flatMap { start in
                    old.periodEnd.map { start...$0 }
                },
                origin: .reissue)
        else {
            throw UseCaseError.conflict(
                "nothing_to_bill",
                "under today's rules these sessions bill nothing to the client (or bill an insurer); the invoice was not re-issued"
            )
        }
        old.replacedByInvoiceID = fresh.id
        try await old.save(on: db)
        return try await content(fresh, practice: practice, on: db)
    }

    private func remove(
        _ invoice: Invoice, reason: String?, practice: PracticeContext, on db: any Database
    ) async throws {
        guard invoice.isLive else {
            throw UseCaseError.conflict("invoice_deleted", "invoice #\(invoice.number) is already deleted")
        }
        guard invoice.paid == 0 else {
            throw UseCaseError.conflict(
                "invoice_has_payments",
                "invoice #\(invoice.number) has \(practice.money(invoice.paid).shown) in payments applied; unapply the payments first (each has Unapply on the invoice's page), then delete or re-issue it"
            )
        }
        var errors = FieldErrors()
        let reason = TextInput.optional(reason, field: "reason", limit: 500, errors: &errors)
        try errors.throwIfAny()
        let id = try invoice.requireID()
        let before = try InvoiceDetails(invoice, practice: practice)
        invoice.deletedAt = Date()
        invoice.deletedByName = actor.name
        invoice.deletedReason = reason
        try await invoice.save(on: db)
        let sessionIDs = try await InvoiceLine.query(on: db).filter(\.$invoiceID == id).all().compactMap(\.sessionID)
        try await InvoiceLine.query(on: db).filter(\.$invoiceID == id).set(\.$live, to: false).update()
        try await Session.query(on: db).filter(\.$invoiceID == id).set(\.$invoiceID, to: nil).update()
        // Its patient responsibility waits for the client's next invoice again.
        try await PatientResponsibilityRow.query(on: db).filter(\.$invoiceID == id).set(\.$invoiceID, to: nil).update()
        // Unbilled again: they follow today's rules, which may have changed while they were billed.
        try await Repricer(database: db, practice: practice).reprice(sessions: sessionIDs)
        try await AuditLog(database: db, actor: actor).record(
            "delete", "invoice", id: id, before: before, after: InvoiceDetails(invoice, practice: practice))
    }

    private func invoice(_ id: UUID, on db: any Database) async throws -> Invoice {
        guard
            let invoice = try await Invoice.query(on: db).filter(\.$id == id).filter(\.$practiceID == actor.practiceID)
                .first()
        else { throw UseCaseError.notFound("invoice") }
        // Someone who cannot see the client cannot see the client's invoices either.
        _ = try await Lookup(database: db, actor: actor).client(invoice.clientID)
        return invoice
    }

    func content(_ invoice: Invoice, practice: PracticeContext, on db: any Database) async throws -> InvoiceDetails {
        let id = try invoice.requireID()
        let lines = InvoiceLine.inShownOrder(try await InvoiceLine.query(on: db).filter(\.$invoiceID == id).all())
        let owed = try await PatientResponsibilityRow.query(on: db).filter(\.$invoiceID == id).sort(\.$postedOn).all()
        let applications = try await PaymentApplication.query(on: db).filter(\.$invoiceID == id)
            .sort(\.$createdAt).sort(\.$id).all()
        let payments = try await Payment.query(on: db).filter(\.$id ~~ applications.map(\.paymentID)).all()
        let byID = Dictionary(uniqueKeysWithValues: payments.compactMap { row in row.id.map { ($0, row) } })
        // By the day each payment came, then in the order they were applied.
        let received = applications.enumerated().sorted { left, right in
            switch (byID[left.element.paymentID]?.receivedOn, byID[right.element.paymentID]?.receivedOn) {
            case (let l?, let r?) where l != r: l < r
            default: left.offset < right.offset
            }
        }.map(\.element)
        let applied = try received.map { application in
            PaymentApplied(
                applicationId: try application.requireID(), paymentId: application.paymentID,
                receivedOn: byID[application.paymentID]?.receivedOn,
                method: byID[application.paymentID]?.method ?? "", amount: practice.money(application.amount))
        }
        return try InvoiceDetails(
            invoice, practice: practice, lines: lines, patientResponsibility: owed, payments: applied)
    }
}
