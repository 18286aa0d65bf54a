import Foundation
import RapportCore

/// A row of the tables pricing rules are made of, read by one statement that tells them apart by
/// a `rule` column (`'rate'`, `'default'`, `'fee'`): ``PricingRulesLoader`` reads the rates and
/// clients' rules to price sessions, ``ClientBillingRules`` one client's rules with their services'
/// codes for its Billing settings.
enum PricingRuleRow: RowReadable {
    case rate(ServiceRateRow)
    case clientDefault(ClientDefaultRow)
    case clientFee(ClientFeeRow)

    init(reading row: some RowReading) throws {
        switch try row.read("rule", as: String.self) {
        case "rate": self = .rate(try ServiceRateRow(reading: row))
        case "default": self = .clientDefault(try ClientDefaultRow(reading: row))
        default: self = .clientFee(try ClientFeeRow(reading: row))  // "fee", the statements' third kind
        }
    }
}

/// A service's rate from a date on.
struct ServiceRateRow: RowReadable, EffectiveDatedRow {
    let serviceID: UUID
    let amount: Int64
    let effectiveFrom: LocalDate

    init(reading row: some RowReading) throws {
        serviceID = try row.read("service_id", as: UUID.self)
        amount = try row.read("amount", as: Int64.self)
        effectiveFrom = try LocalDate(
            stored: row.read("effective_from", as: String.self), column: "service_rates.effective_from")
    }
}

/// A client's default service from a date on.
struct ClientDefaultRow: RowReadable, EffectiveDatedRow {
    let clientID: UUID
    /// Nil: the practice's default service.
    let serviceID: UUID?
    let effectiveFrom: LocalDate
    /// The service's code, when the statement read it.
    let serviceCode: String?

    init(reading row: some RowReading) throws {
        clientID = try row.read("client_id", as: UUID.self)
        serviceID = try row.read("service_id", as: UUID?.self)
        effectiveFrom = try LocalDate(
            stored: row.read("effective_from", as: String.self), column: "client_default_services.effective_from")
        serviceCode = row.contains("service_code") ? try row.read("service_code", as: String?.self) : nil
    }
}

/// A client's own fee for one service from a date on.
struct ClientFeeRow: RowReadable, EffectiveDatedRow {
    let clientID: UUID
    let serviceID: UUID
    /// Nil: the service's rate again.
    let amount: Int64?
    let effectiveFrom: LocalDate
    /// The service's code, when the statement read it.
    let serviceCode: String?

    init(reading row: some RowReading) throws {
        clientID = try row.read("client_id", as: UUID.self)
        serviceID = try row.read("service_id", as: UUID.self)
        amount = try row.read("amount", as: Int64?.self)
        effectiveFrom = try LocalDate(
            stored: row.read("effective_from", as: String.self), column: "client_fees.effective_from")
        serviceCode = row.contains("service_code") ? try row.read("service_code", as: String?.self) : nil
    }
}
