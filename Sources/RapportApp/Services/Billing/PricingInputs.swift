import Foundation

/// What a session's price and route depend on besides its client's rules and coverage: when it
/// starts, the service and fee typed for it, and whether the client chose to pay themselves. An
/// invoice line records them beside its price (``AddInvoiceLinePricingInputs``), so the billing
/// check prices it again without reading its session.
struct PricingInputs: Sendable, RowReadable {
    let startsAt: Date
    let chosenServiceID: UUID?
    let feeOverride: Int64?
    let selfPay: Bool?

    init(startsAt: Date, chosenServiceID: UUID? = nil, feeOverride: Int64? = nil, selfPay: Bool? = nil) {
        self.startsAt = startsAt
        self.chosenServiceID = chosenServiceID
        self.feeOverride = feeOverride
        self.selfPay = selfPay
    }

    init(_ session: SessionRecord) {
        self.init(
            startsAt: session.startsAt, chosenServiceID: session.chosenServiceID, feeOverride: session.feeOverride,
            selfPay: session.selfPay)
    }

    /// From the columns of the same names, on an invoice line or a session.
    init(reading row: some RowReading) throws {
        self.init(
            startsAt: try row.read("starts_at", as: Date.self),
            chosenServiceID: try row.read("chosen_service_id", as: UUID?.self),
            feeOverride: try row.read("fee_override", as: Int64?.self),
            selfPay: try row.read("self_pay", as: Bool?.self))
    }
}
