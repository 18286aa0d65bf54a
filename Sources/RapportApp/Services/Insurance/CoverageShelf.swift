import Fluent
import Foundation
import RapportCore

/// What ``CoverageBook`` reads for a calendar or a client screen, kept while the practice's billing
/// inputs stand (``AddBillingVersion``: policies, payers and their rates, clients' self-pay and the
/// practice's currency each move that number): each client's self-pay and policies, and the
/// payers' terms. A booking, an attendance mark or a payment moves none of it, so the first
/// calendar after one reads its sessions and nothing more.
struct CoverageShelf: Sendable {
    /// A client's part of a book: whether they pay themselves, and their policies.
    struct ClientPart: Sendable {
        let selfPay: Bool
        let plans: [CoveragePlan<UUID>]
    }

    let clients: ReadCache<ClientKey, ClientPart>
    let terms: ReadCache<PracticeKey, PayerTerms>

    /// The billing number at which a kept answer being made reads what is kept under billing
    /// numbers (this coverage, the client screen's billing check): the one read with the answer's
    /// own number (``DataVersion/ShelfNumbers``), which may be later than the sign-in's — a change
    /// between the two moves the answer's number, and the answer kept under it must not show
    /// coverage from before. Outside a kept answer's making the sign-in's (``Actor/billingVersion``)
    /// serves: what is made then is not kept.
    @TaskLocal static var billingVersion: Int64?

    init(metrics: RapportMetrics?) {
        // Counted in policies and rates: some hundred thousand clients' parts.
        clients = ReadCache("coverage-clients", capacity: 1 << 17, metrics: metrics, size: { $0.plans.count + 1 })
        terms = ReadCache("coverage-terms", capacity: 1 << 17, metrics: metrics, size: \.size)
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
