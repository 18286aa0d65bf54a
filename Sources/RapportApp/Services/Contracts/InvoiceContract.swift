import Foundation
import RapportCore

struct InvoiceLineDetails: Codable, Sendable {
    /// Absent on a deleted invoice's line whose session was deleted afterwards.
    let sessionId: UUID?
    let dateOfService: LocalDate
    let serviceCode: String
    let description: String
    let clinicianId: UUID
    let clinician: String
    let attendance: Attendance
    let fee: Money
    let amount: Money
}

struct PaymentApplied: Codable, Sendable {
    let applicationId: UUID
    let paymentId: UUID
    let receivedOn: LocalDate?
    let method: String
    let amount: Money
}

struct InvoiceDetails: Codable, Sendable {
    let id: UUID
    let number: Int
    let clientId: UUID
    let issueDate: LocalDate
    let periodStart: LocalDate?
    let periodEnd: LocalDate?
    let origin: InvoiceOrigin
    /// `open`, `paid` or `deleted`.
    let status: InvoiceStatus
    let total: Money
    /// The part of `total` the client owed in the practice's previous product (an opening balance).
    let broughtForward: Money
    let paid: Money
    let balance: Money
    let createdBy: String
    let deleted: Deletion?
    let replacedByInvoiceId: UUID?
    let lines: [InvoiceLineDetails]?
    /// What insurers left the client to pay, billed on this invoice.
    let patientResponsibility: [PatientResponsibilityLine]?
    let payments: [PaymentApplied]?
    /// With `leaveOutUnbillable`: the chosen sessions that bill nothing and were left off, and why.
    var leftOut: [LeftOutSession]?

    struct LeftOutSession: Codable, Sendable {
        let sessionId: UUID
        let start: Date
        let reason: String
    }

    struct Deletion: Codable, Sendable {
        let at: Date
        let by: String
        let reason: String?
    }

    /// A stored invoice's answer, as its ``InvoiceRecord``'s.
    init(
        _ invoice: Invoice, practice: PracticeContext, lines: [InvoiceLine]? = nil,
        patientResponsibility: [PatientResponsibilityRow]? = nil, payments: [PaymentApplied]? = nil
    ) throws {
        try self.init(
            invoice.record(), practice: practice, lines: lines, patientResponsibility: patientResponsibility,
            payments: payments)
    }

    /// The invoice's answer, with its lines, patient responsibility and payments where the caller
    /// read them (a list leaves them out).
    init(
        _ invoice: InvoiceRecord, practice: PracticeContext, lines: [InvoiceLine]? = nil,
        patientResponsibility: [PatientResponsibilityRow]? = nil, payments: [PaymentApplied]? = nil
    ) throws {
        id = invoice.id
        number = invoice.number
        clientId = invoice.clientID
        issueDate = invoice.issueDate
        periodStart = invoice.periodStart
        periodEnd = invoice.periodEnd
        origin = invoice.origin
        status = invoice.status
        total = practice.money(invoice.total)
        broughtForward = practice.money(invoice.broughtForward)
        paid = practice.money(invoice.paid)
        balance = practice.money(invoice.isLive ? invoice.total - invoice.paid : 0)
        createdBy = invoice.createdByName
        deleted = invoice.deletedAt.map {
            Deletion(at: $0, by: invoice.deletedByName ?? "", reason: invoice.deletedReason)
        }
        replacedByInvoiceId = invoice.replacedByInvoiceID
        self.lines = lines?.map { line in
            InvoiceLineDetails(
                sessionId: line.sessionID, dateOfService: line.dateOfService, serviceCode: line.serviceCode,
                description: line.serviceDescription, clinicianId: line.clinicianID, clinician: line.clinicianName,
                attendance: line.attendance, fee: practice.money(line.fee), amount: practice.money(line.amount))
        }
        self.patientResponsibility = try patientResponsibility?.map { try PatientResponsibilityLine($0, practice: practice) }
        self.payments = payments
    }
}

struct InvoiceInput: UseCaseInput {
    var clientId: UUID
    var sessionIds: [UUID]
    /// Defaults to today in the practice's time zone.
    var issueDate: LocalDate?
    /// Leave off chosen sessions that bill nothing (cancelled, or a no-show the practice does not
    /// bill) and say so in `leftOut`, instead of refusing the invoice. Default false.
    var leaveOutUnbillable: Bool?

    enum CodingKeys: String, CodingKey, CaseIterable { case clientId, sessionIds, issueDate, leaveOutUnbillable }
}

struct InvoiceRunInput: UseCaseInput {
    /// Bill due periods through this date (inclusive); defaults to yesterday.
    var through: LocalDate?

    enum CodingKeys: String, CodingKey, CaseIterable { case through }
}

struct InvoiceRunResult: Codable, Sendable {
    let invoicesCreated: Int
    let through: LocalDate
}

/// Patient responsibility: what an insurer's payment on a claim left the client to pay.
struct PatientResponsibilityLine: Codable, Sendable {
    let id: UUID
    let claimId: UUID
    let claimNumber: Int
    let payer: String
    let postedOn: LocalDate
    let dateFrom: LocalDate
    let dateTo: LocalDate
    /// Negative when the payer took a payment back.
    let amount: Money
    let description: String
    /// The invoice that bills it; absent while it waits for the client's next invoice.
    let invoiceId: UUID?

    init(_ row: PatientResponsibilityRow, practice: PracticeContext) throws {
        id = try row.requireID()
        (claimId, claimNumber, payer, postedOn) = (row.claimID, row.claimNumber, row.payerName, row.postedOn)
        (dateFrom, dateTo, amount) = (row.dateFrom, row.dateTo, practice.money(row.amount))
        (description, invoiceId) = (row.description, row.invoiceID)
    }
}
