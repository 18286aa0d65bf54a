import Foundation
import RapportCore

/// A row of the one statement ``CoverageBook`` reads what its clients' payers agreed with: a
/// contracted rate (`'rate'`), a payer's name (`'payer'`) or the practice's currency
/// (`'currency'`), told apart by a `kind` column. Columns: `kind`, `payer_id`, `service_id`,
/// `amount`, `effective_from` and `name` (the payer's name, or the currency's code).
enum PayerTermsRow: RowReadable {
    case rate(PayerRateRow)
    case payer(id: UUID, name: String)
    case currency(String)

    init(reading row: some RowReading) throws {
        switch try row.read("kind", as: String.self) {
        case "rate": self = .rate(try PayerRateRow(reading: row))
        case "payer":
            self = .payer(id: try row.read("payer_id", as: UUID.self), name: try row.read("name", as: String.self))
        default: self = .currency(try row.read("name", as: String.self))  // "currency", the statement's third kind
        }
    }
}

/// What a payer allows for one service from a date on.
struct PayerRateRow: RowReadable, EffectiveDatedRow {
    let payerID: UUID
    let serviceID: UUID
    let amount: Int64
    let effectiveFrom: LocalDate

    init(reading row: some RowReading) throws {
        payerID = try row.read("payer_id", as: UUID.self)
        serviceID = try row.read("service_id", as: UUID.self)
        amount = try row.read("amount", as: Int64.self)
        effectiveFrom = try LocalDate(
            stored: row.read("effective_from", as: String.self), column: "payer_rates.effective_from")
    }
}
