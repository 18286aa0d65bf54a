import Foundation
import RapportCore

struct PaymentDetails: Codable, Sendable {
    struct Application: Codable, Sendable {
        let id: UUID
        let invoiceId: UUID
        let amount: Money
    }

    let id: UUID
    let clientId: UUID
    let receivedOn: LocalDate
    let amount: Money
    let method: String
    let reference: String?
    let applied: Money
    /// What is not applied to any invoice: the client's credit from this payment.
    let unapplied: Money
    let applications: [Application]

    /// A stored payment's answer, as its ``PaymentRecord``'s.
    init(_ payment: Payment, applications: [PaymentApplication], practice: PracticeContext) throws {
        self.init(try payment.record(), applications: try applications.map { try $0.record() }, practice: practice)
    }

    init(_ payment: PaymentRecord, applications: [PaymentApplicationRecord], practice: PracticeContext) {
        id = payment.id
        clientId = payment.clientID
        receivedOn = payment.receivedOn
        amount = practice.money(payment.amount)
        method = payment.method
        reference = payment.reference
        applied = practice.money(payment.applied)
        unapplied = practice.money(payment.amount - payment.applied)
        self.applications = applications.map {
            Application(id: $0.id, invoiceId: $0.invoiceID, amount: practice.money($0.amount))
        }
    }
}

struct PaymentInput: UseCaseInput {
    struct Target: Codable, Sendable {
        var invoiceId: UUID
        var amount: Money
    }

    var clientId: UUID
    var amount: Money
    var method: String
    var receivedOn: LocalDate?
    var reference: String?
    /// `"auto"` (default: oldest open invoices first), `"none"` (keep as credit), or chosen invoices.
    var apply: ApplyChoice?

    enum CodingKeys: String, CodingKey, CaseIterable { case clientId, amount, method, receivedOn, reference, apply }
}

/// How a payment is applied: `"auto"`, `"none"`, or `[{"invoiceId", "amount"}]`.
enum ApplyChoice: Decodable, Sendable {
    case auto
    case none
    case chosen([PaymentInput.Target])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let word = try? container.decode(String.self) {
            switch word {
            case "auto": self = .auto
            case "none": self = .none
            default:
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "must be \"auto\", \"none\" or a list of {invoiceId, amount}")
            }
            return
        }
        self = .chosen(try container.decode([PaymentInput.Target].self))
    }
}

struct ApplicationInput: UseCaseInput {
    /// The invoice to apply to; leave out to apply oldest-first.
    var invoiceId: UUID?
    /// How much; leave out to apply as much as fits.
    var amount: Money?

    enum CodingKeys: String, CodingKey, CaseIterable { case invoiceId, amount }
}
