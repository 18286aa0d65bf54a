import Vapor

// What the API answers with: the use cases' results, encoded as they are. Each result a route
// returns is listed here once, so a use case never needs Vapor to be sent.

extension APITokens.Created: Content {}
extension APITokens.Summary: Content {}
extension CalendarFeeds.Status: Content {}
extension ImportReport: Content {}
extension CalendarFeeds.Created: Content {}
extension AuditTrail.Entry: Content {}
extension BillingChangeReport: Content {}
extension BillingProviderDetails: Content {}
extension BillingChangeResult: Content {}
extension BillingCheckReport: Content {}
extension ClientBalance: Content {}
extension ClientBilling: Content {}
extension ClientDetails: Content {}
extension ClientDiagnoses: Content {}
extension DiagnosisEntry: Content {}
extension ClinicianDetails: Content {}
extension InvoiceDetails: Content {}
extension InvoiceRunResult: Content {}
extension LedgerEntry: Content {}
extension OutstandingReport: Content {}
extension PayerDetails: Content {}
extension PolicyDetails: Content {}
extension CoverageChangeReport: Content {}
extension ClaimDetails: Content {}
extension ClaimRunResult: Content {}
extension ClaimBatchDetails: Content {}
extension ClearinghouseDetails: Content {}
extension RemittanceDetails: Content {}
extension ClaimFollowUp: Content {}
extension RemittanceSummary: Content {}
extension RemittanceExceptionEntry: Content {}
extension PaymentDetails: Content {}
extension PracticeDetails: Content {}
extension PracticeSetup.Output: Content {}
extension ScopedChangeResult: Content {}
extension SeriesDetails: Content {}
extension ServiceDetails: Content {}
extension SessionDetails: Content {}
extension StaffDirectory.Account: Content {}
extension Statement: Content {}
extension SuperbillDetails: Content {}
extension GoodFaithEstimateDetails: Content {}
extension GoodFaithEstimateDue: Content {}
