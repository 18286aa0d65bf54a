import Fluent
import Foundation
import Testing

@testable import RapportApp

/// Every model lists its FluentKit properties (`properties`) rather than leaving FluentKit to find them
/// by reflection for each row it reads or writes. A list that missed one would silently stop reading
/// and writing that column, so each list is checked against reflection here, and every model in the
/// sources must be among those checked.
@Suite struct ModelPropertyTests {
    static let models: [any Model.Type] = [
        APIToken.self, AuditEvent.self, BillingChange.self, BillingProviderRow.self, CalendarFeedLink.self,
        ClaimAdjustmentRow.self, ClaimBatchRow.self, ClaimLineRow.self, ClaimPaymentRow.self, ClaimRow.self,
        ClearinghouseRow.self, Client.self, ClientDefaultService.self, ClientDiagnosis.self, ClientFee.self,
        Clinician.self, GoodFaithEstimateRow.self, Invoice.self, InvoiceLine.self, LoginAttempt.self,
        PatientResponsibilityRow.self, Payer.self, PayerRate.self, Payment.self, PaymentApplication.self, Policy.self,
        Practice.self, PriorAuthorization.self, ProviderAdjustmentRow.self, RemittanceExceptionRow.self,
        RemittanceRow.self, Series.self, SeriesExclusion.self, Service.self, ServiceRate.self, Session.self, User.self,
        WebSession.self,
    ]

    @Test func everyModelListsThePropertiesReflectionFinds() {
        for model in Self.models {
            let instance = model.init()
            let listed = instance.properties
            let reflected = Mirror(reflecting: instance).children.compactMap { $0.value as? any AnyProperty }
            let missing = reflected.filter { found in !listed.contains { $0 as AnyObject === found as AnyObject } }
                .map { "\(($0 as? any AnyDatabaseProperty)?.keys ?? [])" }
            #expect(!listed.isEmpty, "\(model) lists no properties")
            #expect(
                listed.map { ObjectIdentifier($0 as AnyObject) } == reflected.map { ObjectIdentifier($0 as AnyObject) },
                "\(model) lists \(listed.count) properties, reflection finds \(reflected.count); not listed: \(missing)")
        }
    }

    @Test func everyModelInTheSourcesIsCheckedAndListsItsProperties() throws {
        let files = try LayeringTests.swiftFiles(under: "Models")
        var declared: Set<String> = []
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            let names = text.split(separator: "\n").compactMap { line -> String? in
                guard line.hasPrefix("final class "), line.contains(": Model") else { return nil }
                return line.dropFirst("final class ".count).split(separator: ":").first.map(String.init)
            }
            let lists = text.components(separatedBy: "var properties: [any AnyProperty]").count - 1
            #expect(lists == names.count, "\(file.lastPathComponent): \(names.count) models, \(lists) property lists")
            declared.formUnion(names)
        }
        #expect(declared.count >= 30, "the models were not found in the sources")
        #expect(declared == Set(Self.models.map { String(describing: $0) }))
    }
}
