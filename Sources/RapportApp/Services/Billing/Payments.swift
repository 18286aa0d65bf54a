import Fluent
import Foundation
import RapportCore
import SQLKit

/// Payments: record, apply to invoices (oldest first or chosen), unapply. What is not applied is
/// the client's credit. Applied amounts move by guarded atomic updates, so no interleaving of
/// requests can apply more than a payment holds or an invoice owes.
struct Payments {
    let database: any Database
    let actor: Actor

    static let methods = ["card", "cash", "check", "other"]

    func list(clientID: UUID?, page: Page) async throws -> [PaymentDetails] {
        let practice = try await PracticeContext.of(actor, on: database)
        let payments = try await Lookup(database: database, actor: actor).page(
            PaymentRecord.self, columns: PaymentRecord.quotedColumns, from: Payment.schema, clientColumn: "client_id",
            page, filter: { query in if let clientID { query.where("client_id", .equal, clientID) } },
            order: [("received_on", .descending)])
        guard !payments.isEmpty else { return [] }
        let applications = try await database.sql().select().column(SQLRaw(PaymentApplicationRecord.quotedColumns))
            .from(PaymentApplication.schema).where("payment_id", .in, payments.map(\.id))
            .orderBy("created_at").orderBy("id").rows(PaymentApplicationRecord.self, on: database)
        let byPayment = Dictionary(grouping: applications, by: \.paymentID)
        return payments.map { PaymentDetails($0, applications: byPayment[$0.id] ?? [], practice: practice) }
    }

    func get(_ id: UUID) async throws -> PaymentDetails {
        let practice = try await PracticeContext.of(actor, on: database)
        return try await content(try await payment(id, on: database), practice: practice, on: database)
    }

    /// Records a payment and applies it as asked. Its audit events are recorded together at the
    /// end, and its answer is made from what was written, not read again: a payment holds its
    /// practice's turn while it runs, and each round trip to the database lengthens the turn.
    func record(_ input: PaymentInput) async throws -> PaymentDetails {
        try await database.writeTransaction(practice: actor.practiceID) { db in
            let practice = try await PracticeContext.of(actor, on: db)
            let lookup = Lookup(database: db, actor: actor)
            _ = try await lookup.reference("clientId") { try await lookup.client(input.clientId) }
            var errors = FieldErrors()
            let amount = practice.validated(input.amount, field: "amount", errors: &errors)
            if amount == 0 { errors.add("amount.amount", "must be more than zero") }
            if !Self.methods.contains(input.method) { errors.add("method", "must be card, cash, check or other") }
            let reference = TextInput.optional(input.reference, field: "reference", limit: 100, errors: &errors)
            if let day = input.receivedOn, day > practice.today { errors.add("receivedOn", "cannot be in the future") }
            try errors.throwIfAny()
            let (payment, created) = try await write(
                clientID: input.clientId, receivedOn: input.receivedOn ?? practice.today, amount: amount ?? 0,
                method: input.method, reference: reference, broughtForward: false, practice: practice, on: db)
            var applied: [Applied] = []
            switch input.apply ?? .auto {
            case .none: break
            case .auto: applied = try await applyOldestFirst(payment, limit: nil, practice: practice, on: db)
            case .chosen(let targets):
                for (index, target) in targets.enumerated() {
                    applied.append(
                        try await apply(
                            payment, to: target.invoiceId, amount: target.amount, field: .item("apply", index),
                            practice: practice, on: db))
                }
            }
            try await AuditLog(database: db, actor: actor).record([created] + applied.map(\.event))
            return try PaymentDetails(payment, applications: applied.map(\.application), practice: practice)
        }
    }

    /// Writes a checked payment, nothing applied, and its audit event, in the caller's transaction.
    func create(
        clientID: UUID, receivedOn: LocalDate, amount: Int64, method: String, reference: String?,
        broughtForward: Bool = false, practice: PracticeContext, on db: any Database
    ) async throws -> Payment {
        let (payment, created) = try await write(
            clientID: clientID, receivedOn: receivedOn, amount: amount, method: method, reference: reference,
            broughtForward: broughtForward, practice: practice, on: db)
        try await AuditLog(database: db, actor: actor).record([created])
        return payment
    }

    /// Writes the payment and returns it with its audit event, for the caller to record.
    private func write(
        clientID: UUID, receivedOn: LocalDate, amount: Int64, method: String, reference: String?,
        broughtForward: Bool, practice: PracticeContext, on db: any Database
    ) async throws -> (Payment, AuditLog.Entry) {
        let payment = Payment()
        payment.practiceID = actor.practiceID
        payment.clientID = clientID
        payment.receivedOn = receivedOn
        payment.amount = amount
        payment.method = method
        payment.reference = reference
        payment.applied = 0
        payment.broughtForward = broughtForward
        payment.createdByName = actor.name
        try await payment.create(on: db)
        let event = AuditLog.Entry(
            action: "create", entityType: "payment", id: try payment.requireID(),
            after: try PaymentDetails(payment, applications: [], practice: practice))
        return (payment, event)
    }

    /// Applies more of a payment: to a chosen invoice, or oldest-first; as much as fits unless `amount` is given.
    func apply(_ paymentID: UUID, _ input: ApplicationInput) async throws -> PaymentDetails {
        try await database.writeTransaction(practice: actor.practiceID) { db in
            let practice = try await PracticeContext.of(actor, on: db)
            let payment = try await payment(paymentID, on: db)
            var applied: [Applied] = []
            if let invoiceID = input.invoiceId {
                let given = try input.amount.map { try checked($0, field: "", practice: practice) }
                let invoice = try await invoice(invoiceID, field: "", on: db)
                // No amount: as much as the payment has left and the invoice still owes.
                let fits = min(payment.amount - payment.applied, invoice.total - invoice.paid)
                let amount = try given ?? checked(practice.money(fits), field: "", practice: practice)
                applied = [try await apply(payment, to: invoice, amount: amount, field: "", practice: practice, on: db)]
            } else {
                var errors = FieldErrors()
                let limit = input.amount.flatMap { practice.validated($0, field: "amount", errors: &errors) }
                try errors.throwIfAny()
                applied = try await applyOldestFirst(payment, limit: limit, practice: practice, on: db)
            }
            try await AuditLog(database: db, actor: actor).record(applied.map(\.event))
            return try await content(payment, practice: practice, on: db)
        }
    }

    /// Takes an application back: the invoice owes it again and the payment holds it as credit.
    func unapply(_ paymentID: UUID, applicationID: UUID) async throws -> PaymentDetails {
        try await database.writeTransaction(practice: actor.practiceID) { db in
            let practice = try await PracticeContext.of(actor, on: db)
            _ = try await payment(paymentID, on: db)  // 404 unless it is this practice's
            guard
                let application = try await PaymentApplication.query(on: db).filter(\.$id == applicationID)
                    .filter(\.$paymentID == paymentID).first()
            else { throw UseCaseError.notFound("payment application") }
            let sql = try db.sql()
            try await sql.raw(
                "UPDATE invoices SET paid = paid - \(bind: application.amount) WHERE id = \(bind: application.invoiceID)"
            ).run()
            try await sql.raw(
                "UPDATE payments SET applied = applied - \(bind: application.amount) WHERE id = \(bind: paymentID)"
            ).run()
            try await application.delete(on: db)
            try await AuditLog(database: db, actor: actor).record(
                "unapply", "payment", id: paymentID,
                before: ["invoiceId": application.invoiceID.uuidString, "amount": "\(application.amount)"])
            return try await content(try await self.payment(paymentID, on: db), practice: practice, on: db)
        }
    }

    /// An application written, and its audit event, for the caller to record.
    private struct Applied {
        let application: PaymentApplication
        let event: AuditLog.Entry
    }

    private func applyOldestFirst(
        _ payment: Payment, limit: Int64?, practice: PracticeContext, on db: any Database
    ) async throws -> [Applied] {
        let available = min(payment.amount - payment.applied, limit ?? .max)
        guard available > 0 else { return [] }
        let open = try await Invoice.query(on: db).filter(\.$clientID == payment.clientID).filter(\.$deletedAt == nil)
            .filter(.sql(unsafeRaw: "paid < total")).all()
        let allocations = try InvoiceMath.allocateOldestFirst(
            practice.money(available),
            to: try open.map { invoice in
                OpenInvoice(
                    id: try invoice.requireID(), number: invoice.number, issueDate: invoice.issueDate,
                    balance: practice.money(invoice.total - invoice.paid))
            })
        let byID = Dictionary(uniqueKeysWithValues: try open.map { (try $0.requireID(), $0) })
        var applied: [Applied] = []
        for allocation in allocations {
            // Core allocates only among the invoices it was given: a miss is a fault, never skipped money.
            guard let invoice = byID[allocation.invoiceID] else {
                throw UseCaseError(
                    .internalFailure, code: "internal_error", message: "a payment was allocated to an unknown invoice")
            }
            let amount = try checked(allocation.amount, field: "", practice: practice)
            applied.append(try await apply(payment, to: invoice, amount: amount, field: "", practice: practice, on: db))
        }
        return applied
    }

    /// Applies to the invoice `invoiceID` names, if it is one of the payment's client's live invoices.
    private func apply(
        _ payment: Payment, to invoiceID: UUID, amount money: Money, field: FieldPath, practice: PracticeContext,
        on db: any Database
    ) async throws -> Applied {
        let amount = try checked(money, field: field, practice: practice)
        let invoice = try await invoice(invoiceID, field: field, on: db)
        return try await apply(payment, to: invoice, amount: amount, field: field, practice: practice, on: db)
    }

    /// The practice's invoice `invoiceID`, or an error at `field`'s `invoiceId`.
    private func invoice(_ invoiceID: UUID, field: FieldPath, on db: any Database) async throws -> Invoice {
        guard
            let invoice = try await Invoice.query(on: db).filter(\.$id == invoiceID).filter(
                \.$practiceID == actor.practiceID
            ).first()
        else { throw UseCaseError.invalid(field.appending("invoiceId"), "does not name an invoice of this practice") }
        return invoice
    }

    /// The amount to apply, in the practice's currency and more than zero.
    private func checked(_ money: Money, field: FieldPath, practice: PracticeContext) throws -> Int64 {
        var errors = FieldErrors()
        guard let amount = practice.validated(money, field: field.appending("amount"), errors: &errors), amount > 0
        else {
            errors.add(field.appending("amount").appending("amount"), "must be more than zero")
            throw UseCaseError.invalid(errors.fields)
        }
        return amount
    }

    /// Applies a checked amount (``checked(_:field:practice:)``) to `invoice`, read in the same transaction.
    private func apply(
        _ payment: Payment, to invoice: Invoice, amount: Int64, field: FieldPath, practice: PracticeContext,
        on db: any Database
    ) async throws -> Applied {
        guard invoice.clientID == payment.clientID else {
            throw UseCaseError.invalid(field.appending("invoiceId"), "is another client's invoice")
        }
        guard invoice.isLive else { throw UseCaseError.invalid(field.appending("invoiceId"), "is a deleted invoice") }
        let sql = try db.sql()
        let paymentID = try payment.requireID()
        let invoiceID = try invoice.requireID()
        let onPayment = try await sql.raw(
            """
            UPDATE payments SET applied = applied + \(bind: amount)
            WHERE id = \(bind: paymentID) AND applied + \(bind: amount) <= amount RETURNING applied
            """
        ).all()
        guard onPayment.count == 1 else {
            throw UseCaseError.invalid(
                field.appending("amount"),
                "is more than the \(practice.money(payment.amount - payment.applied).shown) left on this payment")
        }
        let onInvoice = try await sql.raw(
            """
            UPDATE invoices SET paid = paid + \(bind: amount)
            WHERE id = \(bind: invoiceID) AND deleted_at IS NULL AND paid + \(bind: amount) <= total RETURNING paid
            """
        ).all()
        guard onInvoice.count == 1 else {
            throw UseCaseError.invalid(
                field.appending("amount"),
                "is more than the \(practice.money(invoice.total - invoice.paid).shown) invoice #\(invoice.number) still owes"
            )
        }
        payment.applied += amount
        let application = PaymentApplication()
        application.practiceID = actor.practiceID
        application.paymentID = paymentID
        application.invoiceID = invoiceID
        application.amount = amount
        try await application.create(on: db)
        let event = AuditLog.Entry(
            action: "apply", entityType: "payment", id: paymentID,
            after: ["invoiceId": invoiceID.uuidString, "amount": "\(amount)"])
        return Applied(application: application, event: event)
    }

    private func payment(_ id: UUID, on db: any Database) async throws -> Payment {
        guard
            let payment = try await Payment.query(on: db).filter(\.$id == id).filter(\.$practiceID == actor.practiceID)
                .first()
        else { throw UseCaseError.notFound("payment") }
        _ = try await Lookup(database: db, actor: actor).client(payment.clientID)
        return payment
    }

    private func content(
        _ payment: Payment, practice: PracticeContext, on db: any Database
    ) async throws -> PaymentDetails {
        let fresh = try await Payment.find(payment.id, on: db) ?? payment
        // In the order they were made (oldest-first applies the oldest invoice first).
        let applications = try await PaymentApplication.query(on: db).filter(\.$paymentID == payment.requireID())
            .sort(\.$createdAt).sort(\.$id).all()
        return try PaymentDetails(fresh, applications: applications, practice: practice)
    }
}
