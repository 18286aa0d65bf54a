import Foundation
import RapportCore

// The outstanding-balances report, written field by field (``JSONWritable``): keys in the
// encoder's sorted order. A page of 100 clients with five amounts each went through the encoder's
// boxes and containers for a tenth of the report's time.

extension OutstandingReport: JSONWritable {
    func write(to json: inout JSONBytes) {
        json.objectStart()
        json.key("aging")
        json.aging(aging)
        json.field("asOf", asOf)
        json.field("clientCount", clientCount)
        json.key("clients")
        json.array(clients)
        json.field("insurersOwe", insurersOwe)
        json.key("payerAging")
        json.aging(payerAging)
        json.key("payers")
        json.array(payers)
        json.field("totalOpen", totalOpen)
        json.objectEnd()
    }
}

extension OutstandingReport.Row: JSONWritable {
    func write(to json: inout JSONBytes) {
        json.objectStart()
        json.key("aging")
        json.aging(aging)
        json.field("balance", balance)
        json.field("clientId", clientId)
        json.field("clientName", clientName)
        json.field("credit", credit)
        json.field("openBalance", openBalance)
        json.objectEnd()
    }
}

extension OutstandingReport.PayerRow: JSONWritable {
    func write(to json: inout JSONBytes) {
        json.objectStart()
        json.key("aging")
        json.aging(aging)
        json.field("claims", claims)
        json.field("owed", owed)
        json.field("payerId", payerId)
        json.field("payerName", payerName)
        json.field("unapplied", unapplied)
        json.objectEnd()
    }
}

extension JSONBytes {
    /// Amounts by ``AgingBucket``, keyed by its name: the buckets' own order is the encoder's
    /// sorted order of their names. Any other key is left to the encoder, so none is dropped.
    mutating func aging(_ amounts: [String: Money]) {
        guard amounts.keys.allSatisfy({ AgingBucket(rawValue: $0) != nil }) else { return encoded(amounts) }
        objectStart()
        for bucket in AgingBucket.allCases {
            guard let amount = amounts[bucket.rawValue] else { continue }
            key(text: bucket.rawValue)
            amount.write(to: &self)
        }
        objectEnd()
    }
}
