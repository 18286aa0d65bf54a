import Fluent
import Vapor

/// The use cases a request may call, built with its database, its caller and the settings: the one
/// place an adapter reaches the use-case layer, so a web controller needs no Fluent.
struct UseCases {
    let database: any Database
    let actor: Actor
    let settings: Settings
    let passwords: PasswordPolicy
    let logger: Logger
    /// What the server keeps of the reads below them.
    let kept: ReadCaches

    var scheduling: SessionScheduling {
        SessionScheduling(database: database, actor: actor, settings: settings, billingInputs: kept.billingInputs)
    }
    var series: SeriesScheduling { SeriesScheduling(database: database, actor: actor, settings: settings) }
    var clients: ClientDirectory { ClientDirectory(database: database, actor: actor) }
    var clinicians: ClinicianDirectory { ClinicianDirectory(database: database, actor: actor) }
    var services: ServiceCatalog { ServiceCatalog(database: database, actor: actor) }
    var billingRules: ClientBillingRules {
        ClientBillingRules(database: database, actor: actor, billingInputs: kept.billingInputs)
    }
    var billingChanges: BillingChanges { BillingChanges(database: database, actor: actor) }
    var invoicing: Invoicing { Invoicing(database: database, actor: actor) }
    var invoiceRun: InvoiceRun { InvoiceRun(database: database, logger: logger) }
    var payments: Payments { Payments(database: database, actor: actor) }
    var balances: Balances { Balances(database: database, actor: actor) }
    var documents: ClientDocuments { ClientDocuments(database: database, actor: actor) }
    var goodFaithEstimates: GoodFaithEstimates { GoodFaithEstimates(database: database, actor: actor) }
    var practiceSettings: PracticeSettings { PracticeSettings(database: database, actor: actor) }
    var billingProvider: BillingProviderSettings { BillingProviderSettings(database: database, actor: actor) }
    var payers: PayerDirectory { PayerDirectory(database: database, actor: actor) }
    var diagnoses: ClientDiagnosisList { ClientDiagnosisList(database: database, actor: actor) }
    var policies: ClientPolicies { ClientPolicies(database: database, actor: actor) }
    var coverageChanges: CoverageChanges { CoverageChanges(database: database, actor: actor) }
    var payerRateChanges: PayerRateChanges { PayerRateChanges(database: database, actor: actor) }
    var claims: Claims { Claims(database: database, actor: actor) }
    var claimMaking: ClaimMaking { ClaimMaking(database: database, actor: actor) }
    var claimBatches: ClaimBatches { ClaimBatches(database: database, actor: actor) }
    var remittanceImport: RemittanceImport { RemittanceImport(database: database, actor: actor) }
    var remittances: Remittances { Remittances(database: database, actor: actor) }
    var remittanceExceptions: RemittanceExceptions { RemittanceExceptions(database: database, actor: actor) }
    var claimRun: ClaimRun { ClaimRun(database: database, logger: logger) }
    var clearinghouse: ClearinghouseSettings { ClearinghouseSettings(database: database, actor: actor) }
    var auditTrail: AuditTrail { AuditTrail(database: database, actor: actor) }
    var tokens: APITokens { APITokens(database: database, actor: actor) }
    var myAccount: MyAccount { MyAccount(database: database, actor: actor, passwords: passwords) }
    var staff: StaffDirectory { StaffDirectory(database: database, actor: actor, passwords: passwords) }
    var overview: ClientOverviewReport {
        ClientOverviewReport(
            database: database, actor: actor, settings: settings, keptDifferences: kept.billedDifferences,
            billingInputs: kept.billingInputs)
    }
    var lookup: Lookup { Lookup(database: database, actor: actor) }
    var dataExport: DataExport { DataExport(database: database, actor: actor) }
    var calendarFeeds: CalendarFeeds { CalendarFeeds(database: database, actor: actor) }

    /// Checks (or with `commit`, imports) a CSV file of `what`: clients, schedules or opening balances.
    func importFile(_ what: ImportKind, _ data: Data, commit: Bool, progress: (@Sendable (Int, Int) -> Void)? = nil)
        async throws -> ImportReport
    {
        try await what.run(
            data, commit: commit, database: database, actor: actor, settings: settings, progress: progress)
    }

    /// The caller's practice settings (kept with the caller when the authenticator read them).
    func practice() async throws -> PracticeContext { try await PracticeContext.of(actor, on: database) }

    func pricingRules(_ practice: PracticeContext) -> PricingRulesLoader {
        PricingRulesLoader(database: database, practice: practice)
    }

    var billingCheck: BillingCheck { BillingCheck(database: database, actor: actor) }

    /// Display names of clients, for lists that show many.
    func names(clients ids: [UUID]) async throws -> Names {
        try await Names.load(clients: ids, on: database, practiceID: actor.practiceID)
    }

    func invoiceNumbers(_ ids: [UUID]) async throws -> [UUID: Int] {
        try await Names.invoiceNumbers(ids, on: database, practiceID: actor.practiceID)
    }

    func calendarClinicians() async throws -> [CalendarClinician] {
        try await Names.calendarClinicians(on: database, practiceID: actor.practiceID)
    }
}

/// The use cases that come before anyone is signed in: setting up the practice, signing in and out.
struct OpenUseCases {
    let database: any Database
    let settings: Settings
    let passwords: PasswordPolicy

    var setup: PracticeSetup { PracticeSetup(database: database, passwords: passwords) }
    var signIn: SignIn { SignIn(database: database, settings: settings, passwords: passwords) }
    var webSessions: WebSessions { WebSessions(database: database, settings: settings) }

    /// The database's connections by state, for `/metrics` (PostgreSQL; none for SQLite).
    func databaseConnections() async throws -> [(state: String, count: Int)] {
        try await DatabaseConnections.read(on: database)
    }

    /// The calendar feed a link's token opens (404 for an unknown or revoked one).
    func calendarFeed(token: String) async throws -> String {
        try await CalendarFeeds.feed(token: token, on: database)
    }
}

extension Request {
    /// Use cases on behalf of the signed-in caller (401 without one).
    var useCases: UseCases {
        get throws {
            UseCases(
                database: db, actor: try actor, settings: application.settings, passwords: application.passwords,
                logger: logger, kept: application.readCaches)
        }
    }

    var openUseCases: OpenUseCases {
        OpenUseCases(database: db, settings: application.settings, passwords: application.passwords)
    }
}
