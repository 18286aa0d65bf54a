import Fluent
import Foundation
import RapportCore

/// What pricing and routing sessions read, kept while the practice's billing inputs stand
/// (``AddBillingVersion``: services and their rates, clients' default services, fees and self-pay,
/// policies, payers and their rates, the practice's currency each move that number): for
/// ``CoverageBook``, each client's self-pay and policies and the payers' terms; for
/// ``PricingRulesLoader`` and ``ClientBillingRules``, each client's default services and fees and
/// the practice's rates and services. A booking, an attendance mark or a payment moves none of it,
/// so the first calendar after one reads its sessions and nothing more, and a booking prices its
/// session and routes it without a round trip inside the practice's turn.
struct BillingShelf: Sendable {
    /// A client's part of a book: whether they pay themselves, and their policies.
    struct ClientPart: Sendable {
        let selfPay: Bool
        let plans: [CoveragePlan<UUID>]
    }

    /// A client's pricing rules: their default services and own fees, each from its date on.
    struct ClientRules: Sendable {
        let defaults: [ClientDefaultRow]
        let fees: [ClientFeeRow]
    }

    /// The practice's part of pricing: its services and their rates.
    struct PracticePricing: Sendable {
        var rates: [ServiceRateRow] = []
        var services: [ServiceRow] = []
    }

    let clients: ReadCache<ClientKey, ClientPart>
    let terms: ReadCache<PracticeKey, PayerTerms>
    let clientRules: ReadCache<ClientKey, ClientRules>
    let pricing: ReadCache<PracticeKey, PracticePricing>
    /// A client's Billing settings as read (``ClientBillingRules``): their rules, with the codes of
    /// the services they name.
    let billingSettings: ReadCache<ClientKey, [PricingRuleRow]>

    /// The billing number at which a kept answer being made reads what is kept under billing
    /// numbers (all of this shelf, the client screen's billing check): the one read with the answer's
    /// own number (``DataVersion/ShelfNumbers``), which may be later than the sign-in's — a change
    /// between the two moves the answer's number, and the answer kept under it must not show
    /// billing inputs from before. Outside a kept answer's making the sign-in's (``Actor/billingVersion``)
    /// serves: what is made then is not kept.
    @TaskLocal static var billingVersion: Int64?

    /// The billing number a read of `actor`'s request takes the shelf at: the kept answer's being
    /// made (``billingVersion``), else the sign-in's (``Actor/billingVersion``).
    static func version(for actor: Actor) -> Int64? {
        billingVersion ?? actor.billingVersion
    }

    init(metrics: RapportMetrics?) {
        // Counted in policies and rates: some hundred thousand clients' parts.
        clients = ReadCache("coverage-clients", capacity: 1 << 17, metrics: metrics, size: { $0.plans.count + 1 })
        terms = ReadCache("coverage-terms", capacity: 1 << 17, metrics: metrics, size: \.size)
        // Counted in rows: a client has a few; a practice some services and their rate changes.
        clientRules = ReadCache(
            "pricing-clients", capacity: 1 << 17, metrics: metrics, size: { $0.defaults.count + $0.fees.count + 1 })
        pricing = ReadCache(
            "pricing-practices", capacity: 1 << 17, metrics: metrics, size: { $0.rates.count + $0.services.count + 1 })
        billingSettings = ReadCache("billing-settings", capacity: 1 << 17, metrics: metrics, size: { $0.count + 1 })
    }
}

/// A practice's payers' names and contracted rates, and the currency they are in.
struct PayerTerms: Sendable {
    var names: [UUID: String] = [:]
    var rates: [UUID: [UUID: EffectiveHistory<Int64>]] = [:]
    let currency: Currency

    /// How much it holds, for ``ReadCache``'s bound: its payers and rate histories.
    var size: Int { names.count + rates.values.reduce(0) { $0 + $1.count } + 1 }

    /// The practice's terms, in one statement (``CoverageBook/terms(practiceID:)``): a booking reads
    /// its client's coverage inside its transaction, where each round trip is waited for.
    static func read(practiceID: UUID, on db: any Database) async throws -> PayerTerms {
        var names: [UUID: String] = [:]
        var currencyCode: String?
        var rates: [PayerRateRow] = []
        for row in try await db.sql().raw(CoverageBook.terms(practiceID: practiceID)).rows(PayerTermsRow.self, on: db) {
            switch row {
            case .rate(let rate): rates.append(rate)
            case .payer(let id, let name): names[id] = name
            case .currency(let code): currencyCode = code
            }
        }
        guard let currencyCode else { throw UseCaseError.notFound("practice") }
        guard let currency = Currency(code: currencyCode) else {
            throw UnreadableStoredValue(column: "practices.currency", value: currencyCode)
        }
        var terms = PayerTerms(names: names, currency: currency)
        for (payer, rows) in Dictionary(grouping: rates, by: \.payerID) {
            terms.rates[payer] = Dictionary(grouping: rows, by: \.serviceID).mapValues { $0.history(\.amount) }
        }
        return terms
    }
}
