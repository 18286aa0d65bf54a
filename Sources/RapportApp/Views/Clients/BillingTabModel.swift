import Foundation
import RapportCore

/// The Billing and Insurance tab made from the client's ``ClientBilling``.
extension BillingTabPage {
    /// The tab as saved (or, with `form`, as just typed), with each active service's rate and the
    /// client's current fee for it, and the fee history in words.
    init(
        client: ClientDetails, billing: ClientBilling, services: [ServiceDetails], form: FormState?,
        insurance: InsuranceSection? = nil, diagnoses: ClientDiagnoses?, diagnosisForm: FormState? = nil,
        context: PageContext
    ) {
        var values = ["defaultServiceId": billing.defaultServiceId?.uuidString ?? ""]
        for fee in billing.fees { values["fee-\(fee.serviceId.uuidString)"] = fee.amount?.typed }
        let format = DisplayFormat()
        self.init(
            clientID: client.id.uuidString, clientName: "\(client.firstName) \(client.lastName)",
            services: services.map { service in
                .init(
                    id: service.id.uuidString, code: service.code, description: service.description,
                    rate: service.rate?.shown ?? "",
                    currentFee: billing.fees.first { $0.serviceId == service.id }?.amount?.shown)
            },
            history: billing.feeHistory.map { entry in
                "\(entry.serviceCode): \(entry.amount?.shown ?? "service rate") "
                    + (entry.effectiveFrom.map { "from \(format.date($0))" } ?? "from the start")
            },
            form: form ?? FormState(values: values), insurance: insurance,
            diagnoses: diagnoses.map {
                DiagnosesSection(clientID: client.id, diagnoses: $0, form: diagnosisForm, csrf: context.csrf)
            }, context: context)
    }
}
