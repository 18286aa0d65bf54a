import Fluent
import RapportCore
import Vapor

/// What clients owe: per-client balance and ledger, and the practice's outstanding balances by age.
struct Balances {
    let database: any Database
    let actor: Actor

    func balance(_ clientID: UUID) async throws -> ClientBalanceContent {
        let practice = try await PracticeContext.load(actor.practiceID, on: database)
        _ = try await Lookup(database: database, actor: actor).client(clientID)
        let invoices = try await Invoice.query(on: database).filter(\.$clientID == clientID).filter(\.$deletedAt == nil)
            .all()
        let payments = try await Payment.query(on: database).filter(\.$clientID == clientID).all()
        let invoiced = invoices.reduce(Int64(0)) { $0 + $1.total }
        let paid = invoices.reduce(Int64(0)) { $0 + $1.paid }
        let credit = payments.reduce(Int64(0)) { $0 + $1.amount - $1.applied }
        let unbilled = try await Session.query(on: database).filter(\.$clientID == clientID).filter(\.$invoiceID == nil)
            .filter(\.$startsAt < Date()).filter(\.$attendance != Attendance.cancelled.rawValue).all()
        let writer = InvoiceWriter(database: database, practice: practice, actor: actor)
        let charges = unbilled.compactMap { writer.charge(for: $0)?.amount }
        return ClientBalanceContent(
            clientId: clientID, invoiced: practice.money(invoiced), paid: practice.money(paid),
            openBalance: practice.money(invoiced - paid), credit: practice.money(credit),
            balance: practice.money(invoiced - paid - credit),
            unbilled: .init(sessions: charges.count, amount: practice.money(charges.reduce(0, +))))
    }

    /// Charges, payments and deletions in date order with a running balance.
    func ledger(_ clientID: UUID) async throws -> [LedgerEntry] {
        let practice = try await PracticeContext.load(actor.practiceID, on: database)
        _ = try await Lookup(database: database, actor: actor).client(clientID)
        return try await ledgerEntries(clientID, practice: practice)
    }

    func ledgerEntries(_ clientID: UUID, practice: PracticeContext) async throws -> [LedgerEntry] {
        struct Item {
            let date: LocalDate
            let order: Int
            let kind: String
            let description: String
            let amount: Int64
            let invoiceID: UUID?
            let paymentID: UUID?
        }
        var items: [Item] = []
        for invoice in try await Invoice.query(on: database).filter(\.$clientID == clientID).all() {
            let issued = LocalDate(invoice.issueDate) ?? .distantPast
            items.append(
                Item(
                    date: issued, order: invoice.number * 2, kind: "invoice", description: "Invoice #\(invoice.number)",
                    amount: invoice.total, invoiceID: invoice.id, paymentID: nil))
            if let deletedAt = invoice.deletedAt {
                let reason = invoice.deletedReason.map { ": \($0)" } ?? ""
                items.append(
                    Item(
                        date: max(issued, practice.date(of: deletedAt)), order: invoice.number * 2 + 1,
                        kind: "invoiceDeleted",
                        description: "Invoice #\(invoice.number) deleted by \(invoice.deletedByName ?? "")\(reason)",
                        amount: -invoice.total, invoiceID: invoice.id, paymentID: nil))
            }
        }
        for payment in try await Payment.query(on: database).filter(\.$clientID == clientID).all() {
            let reference = payment.reference.map { " \($0)" } ?? ""
            items.append(
                Item(
                    date: LocalDate(payment.receivedOn) ?? .distantPast, order: Int.max / 2, kind: "payment",
                    description: "Payment (\(payment.method))\(reference)", amount: -payment.amount,
                    invoiceID: nil, paymentID: payment.id))
        }
        var running: Int64 = 0
        return items.sorted { ($0.date, $0.order) < ($1.date, $1.order) }.map { item in
            running += item.amount
            return LedgerEntry(
                date: item.date, kind: item.kind, description: item.description, amount: practice.money(item.amount),
                balance: practice.money(running), invoiceId: item.invoiceID, paymentId: item.paymentID)
        }
    }

    /// Every client who owes or holds credit, with open invoice balances by age.
    func outstanding() async throws -> OutstandingReport {
        let practice = try await PracticeContext.load(actor.practiceID, on: database)
        let today = practice.today
        let open = try await Invoice.query(on: database).filter(\.$practiceID == actor.practiceID).filter(
            \.$deletedAt == nil
        )
        .filter(.sql(unsafeRaw: "paid < total")).all()
        let credits = try await Payment.query(on: database).filter(\.$practiceID == actor.practiceID)
            .filter(.sql(unsafeRaw: "applied < amount")).all()
        let visible = try await Lookup(database: database, actor: actor).visibleClientIDs().map(Set.init)
        let clientIDs = Array(
            Set(open.map(\.clientID) + credits.map(\.clientID)).filter { visible?.contains($0) ?? true })
        let clients = try await Client.query(on: database).filter(\.$id ~~ clientIDs).all()
        let names = Dictionary(
            uniqueKeysWithValues: clients.compactMap { row in row.id.map { ($0, "\(row.lastName), \(row.firstName)") } }
        )
        let zero = Dictionary(uniqueKeysWithValues: AgingBucket.allCases.map { ($0.rawValue, Int64(0)) })
        var totals = zero
        let rows = clientIDs.map { clientID -> OutstandingReport.Row in
            var aging = zero
            for invoice in open where invoice.clientID == clientID {
                let bucket = AgingBucket(issued: LocalDate(invoice.issueDate) ?? today, today: today).rawValue
                aging[bucket, default: 0] += invoice.total - invoice.paid
                totals[bucket, default: 0] += invoice.total - invoice.paid
            }
            let owed = aging.values.reduce(0, +)
            let credit = credits.filter { $0.clientID == clientID }.reduce(Int64(0)) { $0 + $1.amount - $1.applied }
            return OutstandingReport.Row(
                clientId: clientID, clientName: names[clientID] ?? "", openBalance: practice.money(owed),
                credit: practice.money(credit),
                balance: practice.money(owed - credit), aging: aging.mapValues(practice.money))
        }.sorted { ($0.balance.amount, $0.clientName) > ($1.balance.amount, $1.clientName) }
        return OutstandingReport(
            asOf: today, clients: rows, totalOpen: practice.money(totals.values.reduce(0, +)),
            aging: totals.mapValues(practice.money))
    }
}
