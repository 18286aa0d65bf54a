import Fluent
import SQLKit

/// The schema, in order. Never edit a shipped migration: add a new one.
enum Migrations {
    static let all: [any Migration] = [
        CreatePracticesAndPeople(),
        CreateServicesAndClients(),
        CreateScheduling(),
        CreateAuditEvents(),
        CreateBilling(),
        CreateWebSessions(),
        CreateLoginAttempts(),
        AddAuditChain(),
        AddBillingReadIndexes(),
        CreateDataVersion(),
        LoosenHistoryConstraints(),
        AddPracticeLocale(),
        AddProviderIdentifiers(),
        AddClientDemographics(),
        CreatePayers(),
        CreateClientDiagnoses(),
        AddPlaceOfService(),
        CreatePolicies(),
        AddSelfPay(),
        CreateClaims(),
        AddSessionDiagnoses(),
        CreateRemittances(),
        AddClaimFollowUp(),
        AddInsuranceBalances(),
        AddPracticePhone(),
        CreateGoodFaithEstimates(),
        IndexPatientResponsibilityClaims(),
        CreateCalendarFeeds(),
        AddClientExternalIDs(),
        AddSeriesExternalIDs(),
        AddOpeningBalances(),
        CreatePracticeVersions(),
        AddClinicianColors(),
        AddPaymentTerms(),
        AddWorkingHours(),
        AddInvoiceLinePricingInputs(),
        CreateClientBalances(),
        LeaveRoomForSessionUpdates(),
        AddBillingVersion(),
        AddClientVersions(),
        AddCalendarVersions(),
        AddAccessVersion(),
        IndexListOrders(),
    ]
}

extension Database {
    /// Runs `build` against the SQLKit view of this database (both drivers provide one).
    func sql() throws -> any SQLDatabase {
        guard let sql = self as? any SQLDatabase else {
            throw FluentError.invalidField(name: "database", valueType: Any.self, error: SQLUnavailable())
        }
        return sql
    }
}

private struct SQLUnavailable: Error {}
