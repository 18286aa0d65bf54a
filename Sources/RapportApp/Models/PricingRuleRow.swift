import Foundation
import RapportCore

/// A row of the tables pricing rules are made of, read by one statement that tells them apart by
/// a `rule` column (`'rate'`, `'default'`, `'fee'`, and `'service'` when it reads the services
/// too): ``PricingRulesLoader`` reads the rates and clients' rules to price sessions,
/// ``ClientBillingRules`` one client's rules with their services' codes for its Billing settings.
enum PricingRuleRow: RowReadable {
    case rate(ServiceRateRow)
    case clientDefault(ClientDefaultRow)
    case clientFee(ClientFeeRow)
    case service(ServiceRow)

    init(reading row: some RowReading) throws {
        switch try row.read("rule", as: String.self) {
        case "rate": self = .rate(try ServiceRateRow(reading: row))
        case "default": self = .clientDefault(try ClientDefaultRow(reading: row))
        case "service": self = .service(try ServiceRow(reading: row))
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

/// A service as sessions show it: columns `service_id` (the id, named as the pricing rules'
/// statement names it), `code`, `description`, `duration_minutes` and `active`.
struct ServiceRow: RowReadable {
    let id: UUID
    let code: String
    let description: String
    let durationMinutes: Int
    let active: Bool

    init(reading row: some RowReading) throws {
        id = try row.read("service_id", as: UUID.self)
        code = try row.read("code", as: String.self)
        description = try row.read("description", as: String.self)
        durationMinutes = try row.read("duration_minutes", as: Int.self)
        active = try row.read("active", as: Bool.self)
    }

    /// The service as a stored model of the practice's.
    func model(practiceID: UUID) -> Service {
        let service = Service(
            practiceID: practiceID, code: code, description: description, durationMinutes: durationMinutes)
        service.id = id
        service.active = active
        service.$id.exists = true
        return service
    }
}
