import Vapor

// What the API answers with: the use cases' results, encoded as they are. Each result a route
// returns is listed here once, so a use case never needs Vapor to be sent.

extension APITokens.Created: Content {}
extension APITokens.Summary: Content {}
extension AuditTrail.Entry: Content {}
extension BillingChangeReport: Content {}
extension BillingChangeResult: Content {}
extension BillingCheckReport: Content {}
extension ClientBalanceContent: Content {}
extension ClientBillingContent: Content {}
extension ClientContent: Content {}
extension ClinicianContent: Content {}
extension InvoiceContent: Content {}
extension InvoiceRunResult: Content {}
extension LedgerEntry: Content {}
extension OutstandingReport: Content {}
extension PaymentContent: Content {}
extension PracticeContent: Content {}
extension PracticeSetup.Output: Content {}
extension ScopedChangeResult: Content {}
extension SeriesContent: Content {}
extension ServiceContent: Content {}
extension SessionContent: Content {}
extension StaffDirectory.UserContent: Content {}
extension StatementContent: Content {}
extension SuperbillContent: Content {}
