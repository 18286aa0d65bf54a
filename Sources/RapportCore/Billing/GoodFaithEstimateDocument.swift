/// A Good Faith Estimate as given to the client (45 CFR 149.610): who it is for, the primary
/// service, each provider with their identifiers and location and the items they expect to
/// provide with expected charges, the totals, and the disclaimers the rule requires. Frozen when
/// given: a changed estimate is a new version.
public struct GoodFaithEstimate: Sendable, Hashable, Codable {
    public struct Item: Sendable, Hashable, Codable {
        public var serviceCode: String
        public var description: String
        public var diagnosisCodes: [String]
        /// How often, in words ("Weekly"), for sessions of a series; nil for one-off sessions.
        public var frequency: String?
        public var sessions: Int
        public var charge: Money
        public var total: Money

        public init(
            serviceCode: String, description: String, diagnosisCodes: [String], frequency: String?, sessions: Int,
            charge: Money, total: Money
        ) {
            self.serviceCode = serviceCode
            self.description = description
            self.diagnosisCodes = diagnosisCodes
            self.frequency = frequency
            self.sessions = sessions
            self.charge = charge
            self.total = total
        }
    }

    public struct Provider: Sendable, Hashable, Codable {
        /// The app's id for the provider, so charges can be set against the estimate.
        public var id: String?
        public var name: String
        public var npi: String?
        public var taxID: String?
        /// Where the services are provided: the practice's office.
        public var location: PostalAddress?
        public var items: [Item]
        public var total: Money

        public init(
            id: String? = nil, name: String, npi: String?, taxID: String?, location: PostalAddress?, items: [Item],
            total: Money
        ) {
            self.id = id
            self.name = name
            self.npi = npi
            self.taxID = taxID
            self.location = location
            self.items = items
            self.total = total
        }
    }

    public var clientName: String
    public var clientDateOfBirth: LocalDate?
    /// The primary service in plain words, and its date when one is scheduled.
    public var primaryService: String
    public var primaryServiceDate: LocalDate?
    public var periodStart: LocalDate
    public var periodEnd: LocalDate
    public var providers: [Provider]
    public var total: Money

    public init(
        clientName: String, clientDateOfBirth: LocalDate?, primaryService: String, primaryServiceDate: LocalDate?,
        periodStart: LocalDate, periodEnd: LocalDate, providers: [Provider], total: Money
    ) {
        self.clientName = clientName
        self.clientDateOfBirth = clientDateOfBirth
        self.primaryService = primaryService
        self.primaryServiceDate = primaryServiceDate
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.providers = providers
        self.total = total
    }

    /// The disclaimers the rule requires on every estimate, in plain language.
    public static let disclaimers = [
        "There may be additional items or services the provider recommends as part of your care that must be scheduled or requested separately and are not reflected in this Good Faith Estimate.",
        "This Good Faith Estimate is not a contract and does not require you to obtain the items or services from any of the providers listed. It is only an estimate: actual items, services or charges may differ.",
        "You have the right to initiate the patient-provider dispute resolution process if you are billed at least $400 more than the total expected charges for any provider on this estimate. To start it, contact the U.S. Department of Health and Human Services at www.cms.gov/nosurprises or 1-800-985-3059 within 120 calendar days of the date on the bill. Starting a dispute does not affect the quality of the care you receive.",
        "Keep a copy of this Good Faith Estimate; you may need it if you are billed a higher amount.",
    ]
}

extension GoodFaithEstimate {
    /// What the rule requires on the estimate that it lacks, each as the field and the words: the
    /// client's date of birth, and each provider's NPI, tax ID and office location.
    public var problems: [(field: String, message: String)] {
        var found: [(field: String, message: String)] = []
        if clientDateOfBirth == nil { found.append(("clientDateOfBirth", "is missing")) }
        for (index, provider) in providers.enumerated() {
            if (provider.npi ?? "").isEmpty { found.append(("providers[\(index)].npi", "is missing")) }
            if (provider.taxID ?? "").isEmpty { found.append(("providers[\(index)].taxId", "is missing")) }
            if provider.location == nil { found.append(("providers[\(index)].location", "is missing")) }
        }
        return found
    }

    /// How `newer` — the same period estimated again from today's fees and schedule — differs from
    /// this estimate, in words: a charge that changed, more sessions, a service added. Empty when
    /// this estimate still holds (fewer sessions than estimated need no new one).
    public func changes(to newer: GoodFaithEstimate) -> [String] {
        struct Key: Hashable {
            let provider: String
            let code: String
        }
        func items(_ estimate: GoodFaithEstimate) -> [Key: [Item]] {
            var found: [Key: [Item]] = [:]
            for provider in estimate.providers {
                for item in provider.items { found[Key(provider: provider.name, code: item.serviceCode), default: []].append(item) }
            }
            return found
        }
        let before = items(self)
        var changes: [String] = []
        for provider in newer.providers {
            for code in Array(Set(provider.items.map(\.serviceCode))).sorted() {
                let key = Key(provider: provider.name, code: code)
                let now = provider.items.filter { $0.serviceCode == code }
                let sessions = now.reduce(0) { $0 + $1.sessions }
                guard let old = before[key] else {
                    changes.append("\(code) with \(provider.name) added: \(sessions) session\(sessions == 1 ? "" : "s")")
                    continue
                }
                let oldCharges = Set(old.map(\.charge.amount))
                for charge in Set(now.map(\.charge)) where !oldCharges.contains(charge.amount) {
                    let was = old.map(\.charge).sorted { $0.amount < $1.amount }.map(Self.text).joined(separator: ", ")
                    changes.append("\(code) with \(provider.name) is now \(Self.text(charge)) a session (was \(was))")
                }
                let oldSessions = old.reduce(0) { $0 + $1.sessions }
                if sessions > oldSessions {
                    changes.append("\(code) with \(provider.name): \(sessions) sessions, \(sessions - oldSessions) more than estimated")
                }
            }
        }
        return changes
    }

    private static func text(_ money: Money) -> String { MoneyFormat.default(for: money.currency).format(money) }
}
