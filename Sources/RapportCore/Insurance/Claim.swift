/// A professional claim as the payer will read it: who bills, who was seen, under which policy,
/// why (the diagnoses) and what was done (the lines). Built by the app from its rows; checked by
/// ``ClaimCheck`` before it may be sent; written by ``Claim837Writer``.
public struct Claim: Sendable, Hashable {
    /// The billing provider: the practice as an organisation (NPI type 2) or a solo clinician.
    public struct BillingProvider: Sendable, Hashable {
        public enum Entity: Sendable, Hashable {
            case organization(name: String)
            case person(last: String, first: String)
        }
        public var entity: Entity
        public var npi: String
        public var taxID: TaxID?
        public var taxonomy: String
        public var address: PostalAddress?

        public init(entity: Entity, npi: String, taxID: TaxID?, taxonomy: String, address: PostalAddress?) {
            self.entity = entity
            self.npi = npi
            self.taxID = taxID
            self.taxonomy = taxonomy
            self.address = address
        }
    }

    /// The clinician who saw the client, when it is not the billing provider itself.
    public struct RenderingProvider: Sendable, Hashable {
        public var last: String
        public var first: String
        public var npi: String
        public var taxonomy: String

        public init(last: String, first: String, npi: String, taxonomy: String) {
            self.last = last
            self.first = first
            self.npi = npi
            self.taxonomy = taxonomy
        }
    }

    public struct Person: Sendable, Hashable {
        public var last: String
        public var first: String
        public var dateOfBirth: LocalDate?
        public var sex: Sex?
        public var address: PostalAddress?

        public init(last: String, first: String, dateOfBirth: LocalDate?, sex: Sex?, address: PostalAddress?) {
            self.last = last
            self.first = first
            self.dateOfBirth = dateOfBirth
            self.sex = sex
            self.address = address
        }
    }

    public struct Payer: Sendable, Hashable {
        public var name: String
        public var payerID: String
        public var filingIndicator: ClaimFilingIndicator

        public init(name: String, payerID: String, filingIndicator: ClaimFilingIndicator) {
            self.name = name
            self.payerID = payerID
            self.filingIndicator = filingIndicator
        }
    }

    public struct Subscriber: Sendable, Hashable {
        public var person: Person
        public var memberID: String
        public var groupNumber: String?
        public var rank: PayerRank

        public init(person: Person, memberID: String, groupNumber: String?, rank: PayerRank) {
            self.person = person
            self.memberID = memberID
            self.groupNumber = groupNumber
            self.rank = rank
        }
    }

    /// The patient, when it is not the subscriber.
    public struct Dependent: Sendable, Hashable {
        public var person: Person
        public var relationship: SubscriberRelationship

        public init(person: Person, relationship: SubscriberRelationship) {
            self.person = person
            self.relationship = relationship
        }
    }

    public struct Line: Sendable, Hashable {
        /// Rapport's id for the line (REF*6R); the remittance names the line by it.
        public var lineID: String
        public var dateOfService: LocalDate
        /// Set only when it differs from the claim's place of service.
        public var placeOfService: PlaceOfService?
        public var procedure: String
        public var modifiers: [String]
        public var units: Int
        public var charge: Money
        /// 1-based positions in the claim's diagnosis list, up to four.
        public var diagnosisPointers: [Int]

        public init(
            lineID: String, dateOfService: LocalDate, placeOfService: PlaceOfService? = nil, procedure: String,
            modifiers: [String] = [], units: Int = 1, charge: Money, diagnosisPointers: [Int]
        ) {
            self.lineID = lineID
            self.dateOfService = dateOfService
            self.placeOfService = placeOfService
            self.procedure = procedure
            self.modifiers = modifiers
            self.units = units
            self.charge = charge
            self.diagnosisPointers = diagnosisPointers
        }
    }

    /// Rapport's claim id (CLM01, at most 38 characters); the remittance names the claim by it.
    public var patientControlNumber: String
    public var frequency: ClaimFrequency
    /// The payer's number for the claim a replacement or void refers to (REF*F8).
    public var payerClaimNumber: String?
    public var priorAuthorization: String?
    public var placeOfService: PlaceOfService
    public var billingProvider: BillingProvider
    public var rendering: RenderingProvider?
    public var payer: Payer
    public var subscriber: Subscriber
    public var patient: Dependent?
    /// In order; the first is the principal diagnosis.
    public var diagnoses: [String]
    public var lines: [Line]
    /// Earlier payers' adjudications, on a secondary or tertiary claim.
    public var otherPayers: [OtherPayer]

    public init(
        patientControlNumber: String, frequency: ClaimFrequency = .original, payerClaimNumber: String? = nil,
        priorAuthorization: String? = nil, placeOfService: PlaceOfService, billingProvider: BillingProvider,
        rendering: RenderingProvider? = nil, payer: Payer, subscriber: Subscriber, patient: Dependent? = nil,
        diagnoses: [String], lines: [Line], otherPayers: [OtherPayer] = []
    ) {
        self.patientControlNumber = patientControlNumber
        self.frequency = frequency
        self.payerClaimNumber = payerClaimNumber
        self.priorAuthorization = priorAuthorization
        self.placeOfService = placeOfService
        self.billingProvider = billingProvider
        self.rendering = rendering
        self.payer = payer
        self.subscriber = subscriber
        self.patient = patient
        self.diagnoses = diagnoses
        self.lines = lines
        self.otherPayers = otherPayers
    }

    /// The claim's total charge: the sum of its lines (CLM02), or nil when their currencies differ.
    public var totalCharge: Money? {
        guard let first = lines.first else { return nil }
        return lines.dropFirst().reduce(Optional(first.charge)) { sum, line in sum.flatMap { try? $0 + line.charge } }
    }
}
