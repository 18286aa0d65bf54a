import Fluent
import Foundation

/// Everything the client screen shows, in one read: the client, what they owe, their billing
/// rules, the next and the latest sessions, recent invoices, and where billing differs from the
/// rules. Serves `GET /api/v1/clients/{id}/overview` and the client page alike.
struct ClientOverviewReport {
    let database: any Database
    let actor: Actor
    let settings: Settings
    /// Billed lines that differ from the rules, kept while the practice's billing inputs stand.
    var keptDifferences: ReadCache<ClientKey, [BilledDifference]>? = nil
    /// Coverage and the client's Billing settings, kept while the billing inputs stand (``BillingShelf``).
    var billingInputs: BillingShelf? = nil

    static let upcomingLimit = 10
    static let recentLimit = 25
    static let invoiceLimit = 50

    /// A screen as the caller finished it (JSON, or a page) and when: it is given again while the
    /// data stands, for a minute at most, since which sessions are upcoming and which are past
    /// moves with the clock.
    struct Kept<Value: Sendable>: Sendable {
        let value: Value
        let at: Date
    }

    static let keptFor: TimeInterval = 60

    /// The screen in the caller's form (`present`: its JSON, or its page), kept in `cache` while
    /// what it shows stands (``DataVersion/clientScreen(practiceID:clientID:on:)``, read before
    /// anything the screen is worked out from; see ``ReadCache``); without a cache it is worked out
    /// afresh and not kept. `variant` tells apart forms that differ by more than the caller's scope
    /// (a page carries its session's CSRF token). Every look is audited, kept or not.
    func load<Value: Sendable>(
        _ clientID: UUID, cache: ReadCache<ClientOverviewKey, Kept<Value>>?, variant: String = "",
        present: (ClientOverview) async throws -> Value
    ) async throws -> Value {
        let now = Date()
        guard let cache else { return try await present(try await load(clientID, now: now)) }
        let key = ClientOverviewKey(
            practiceID: actor.practiceID, calendars: actor.calendars, clientID: clientID, variant: variant)
        let sql = try database.sql()
        return try await cache.answer(
            for: key, dataVersion: actor.dataVersion,
            numbers: { try await DataVersion.clientScreen(practiceID: actor.practiceID, clientID: clientID, on: sql) },
            usable: { now.timeIntervalSince($0.at) < Self.keptFor }
        ) { Kept(value: try await present(try await load(clientID, now: now)), at: now) }.value
    }

    /// The screen's parts, each as its own use case gives it, with what they share read once: the
    /// client (``ClientDirectory/get(_:)`` finds it visible to the actor, so the other parts need
    /// not look again) and the client's coverage.
    func load(_ clientID: UUID, now: Date = Date()) async throws -> ClientOverview {
        let practice = try await PracticeContext.of(actor, on: database)
        let client = try await ClientDirectory(database: database, actor: actor).get(clientID)
        let scheduling = SessionScheduling(
            database: database, actor: actor, settings: settings, billingInputs: billingInputs)
        let coverage = try await scheduling.coverage(of: [clientID])
        let window: TimeInterval = 400 * 86_400
        let comparison = BillingComparison(database: database, practice: practice)
        return ClientOverview(
            client: client,
            balance: try await Balances(database: database, actor: actor).balance(
                ofVisible: clientID, practice: practice, coverage: coverage),
            billing: try await ClientBillingRules(database: database, actor: actor, billingInputs: billingInputs).get(
                visible: clientID, practice: practice),
            upcoming: try await scheduling.list(
                .init(
                    from: now, to: now.addingTimeInterval(window), clinicianIDs: [], clientID: clientID,
                    limit: Self.upcomingLimit),
                coverage: coverage),
            recent: try await scheduling.list(
                .init(
                    from: now.addingTimeInterval(-window), to: now, clinicianIDs: [], clientID: clientID,
                    limit: Self.recentLimit, newestFirst: true),
                coverage: coverage),
            invoices: try await Invoicing(database: database, actor: actor).list(
                .init(clientID: clientID, page: try Page(limit: Self.invoiceLimit, offset: 0))),
            billedDifferently: try await billedDifferences(clientID, comparison: comparison, coverage: coverage),
            claimedDifferently: try await comparison.claimedDifferences(clientIDs: [clientID], coverage: coverage),
            unbilledWithOverride: try await comparison.unbilledOverrides(clientIDs: [clientID], from: nil))
    }
}

extension ClientOverviewReport {
    /// The client's billed lines that differ from today's rules: comparing every line was most of
    /// a screen's time, and only a change to the billing inputs can change the answer, so it is
    /// kept under the practice's billing version, read before anything it is worked out from;
    /// whether each invoice can still be re-issued is read afresh, since payments do not move it.
    private func billedDifferences(
        _ clientID: UUID, comparison: BillingComparison, coverage: CoverageBook
    ) async throws -> [BilledDifference] {
        guard let keptDifferences else {
            return try await comparison.billedDifferences(clientIDs: [clientID], from: nil, coverage: coverage)
        }
        let key = ClientKey(practiceID: actor.practiceID, clientID: clientID)
        // Read with the screen's number or the sign-in when it could be: before anything the check
        // is worked out from.
        let version: Int64
        if let billing = BillingShelf.version(for: actor) {
            version = billing
        } else {
            version = try await DataVersion.billing(practiceID: actor.practiceID, on: try database.sql())
        }
        if let kept = keptDifferences.value(for: key, at: version) {
            // A payment since may have made an invoice no longer re-issuable.
            return try await comparison.reissuable(kept)
        }
        let differences = try await comparison.billedDifferences(clientIDs: [clientID], from: nil, coverage: coverage)
        keptDifferences.store(differences, for: key, at: version)
        return differences
    }
}

/// The client screen's data: see ``ClientOverviewReport``.
struct ClientOverview: Codable, Sendable {
    let client: ClientDetails
    let balance: ClientBalance
    let billing: ClientBilling
    /// The next sessions, soonest first.
    let upcoming: [SessionDetails]
    /// The latest past sessions, newest first.
    let recent: [SessionDetails]
    /// The latest invoices, newest first (deleted ones included, marked so).
    let invoices: [InvoiceDetails]
    let billedDifferently: [BilledDifference]
    let claimedDifferently: [ClaimDifference]
    let unbilledWithOverride: [BillingCheckReport.Override]
}
