import Foundation
import RapportCore

// The calendar's and the client screen's sessions, written field by field (``JSONWritable``):
// keys in the encoder's sorted order, nil fields left out.

extension SessionDetails: JSONWritable {
    func write(to json: inout JSONBytes) {
        json.objectStart()
        json.field("attendance", attendance)
        json.field("billed", billed)
        json.field("billing", billing)
        json.field("bills", bills)
        json.field("claimId", claimId)
        json.field("clientId", clientId)
        json.field("clinicianId", clinicianId)
        json.field("diagnoses", encoded: diagnoses)
        json.field("durationMinutes", durationMinutes)
        json.field("editedIndividually", editedIndividually)
        json.field("end", end)
        json.field("fee", fee)
        json.field("feeSource", feeSource)
        json.field("id", id)
        json.field("invoiceId", invoiceId)
        json.field("location", location)
        json.field("originalStart", originalStart?.description)
        json.field("placeOfService", encoded: placeOfService)
        json.field("selfPay", selfPay)
        json.field("seriesId", seriesId)
        json.field("service", service)
        json.field("start", start)
        json.objectEnd()
    }
}

extension SessionDetails.ServiceRef: JSONWritable {
    func write(to json: inout JSONBytes) {
        json.objectStart()
        json.field("code", code)
        json.field("description", description)
        json.field("id", id)
        json.field("source", source)
        json.objectEnd()
    }
}

extension SessionBilling: JSONWritable {
    func write(to json: inout JSONBytes) {
        json.objectStart()
        json.field("allowed", allowed)
        json.field("clientShare", clientShare)
        json.field("contracted", contracted)
        json.field("payerId", payerId)
        json.field("payerName", payerName)
        json.field("policyId", policyId)
        json.field("reason", reason)
        json.field("to", to)
        json.objectEnd()
    }
}

extension Attendance: JSONWritable {}
extension FeeSource: JSONWritable {}
extension ServiceSource: JSONWritable {}
extension SelfPayReason: JSONWritable {}

extension Money: JSONWritable {
    func write(to json: inout JSONBytes) {
        json.objectStart()
        json.key("amount")
        json.integer(amount)
        json.key("currency")
        json.string(currency.code)
        json.objectEnd()
    }
}

extension ClientOverview: JSONWritable {
    func write(to json: inout JSONBytes) {
        json.objectStart()
        json.field("balance", encoded: balance)
        json.field("billedDifferently", encoded: billedDifferently)
        json.field("billing", encoded: billing)
        json.field("claimedDifferently", encoded: claimedDifferently)
        json.field("client", encoded: client)
        json.key("invoices")
        json.array(invoices)
        json.key("recent")
        json.array(recent)
        json.field("unbilledWithOverride", encoded: unbilledWithOverride)
        json.key("upcoming")
        json.array(upcoming)
        json.objectEnd()
    }
}
