/// A payer's remittance advice (an 835 transaction): one payment — a cheque or transfer, or a
/// notice of none — and, per claim, what was charged, paid and left to the patient, with the
/// adjustments that explain every cent between. Amounts are US dollars, as 835s are.
public struct Remittance: Sendable, Hashable {
    /// BPR02: what the payment is for, in all.
    public var payment: Money
    /// BPR04: `ACH`, `CHK`, `BOP`, `FWT` or `NON` (no payment).
    public var paymentMethod: String
    /// BPR16: the date the payment was made or will be.
    public var paymentDate: LocalDate?
    /// TRN02: the cheque or EFT trace number; with the payer it names the payment, once.
    public var traceNumber: String
    /// TRN03: the payer's company id (`1` and its tax ID, usually).
    public var originatorID: String
    public var payer: Party
    public var payee: Party
    public var claims: [ClaimPayment]
    /// PLB: adjustments to the provider, not to a claim (a positive amount reduces the payment).
    public var providerAdjustments: [ProviderAdjustment]
    /// Where the transaction begins (ST).
    public var segment: Int

    /// Who pays or is paid (N1): the name and the identifier the guide has for each, with any
    /// additional ones (REF) by qualifier.
    public struct Party: Sendable, Hashable {
        public var name: String
        /// N103: `XX` (NPI), `FI` (tax ID), `XV` (CMS plan ID), or nil.
        public var qualifier: String?
        public var identifier: String?
        /// REF after the N1: `2U` payer ID, `TJ` tax ID, `PQ` payee ID…
        public var references: [String: String]

        public init(name: String, qualifier: String? = nil, identifier: String? = nil, references: [String: String] = [:]) {
            self.name = name
            self.qualifier = qualifier
            self.identifier = identifier
            self.references = references
        }

        /// The NPI, when the party is named by one.
        public var npi: String? { qualifier == "XX" ? identifier : nil }
    }
}

/// One claim as the payer adjudicated it (loop 2100).
public struct ClaimPayment: Sendable, Hashable {
    /// CLP01: the claim id Rapport sent (CLM01).
    public var patientControlNumber: String
    public var status: ClaimPaymentStatus
    public var charge: Money
    public var paid: Money
    /// CLP05, when the payer states it.
    public var patientResponsibility: Money?
    /// CLP06.
    public var filingIndicator: String
    /// CLP07: the payer's number for the claim, which a correction or void quotes.
    public var payerClaimNumber: String
    /// CAS at claim level.
    public var adjustments: [Adjustment]
    /// NM1*QC: the patient as the payer has them.
    public var patient: Patient?
    public var lines: [ServicePayment]
    /// Where the claim begins (CLP).
    public var segment: Int

    public struct Patient: Sendable, Hashable {
        public var lastName: String
        public var firstName: String
        /// NM109 with NM108 `MI`: the member ID.
        public var memberID: String?
    }

    /// Every adjustment of the claim: its own and its lines'.
    public var allAdjustments: [Adjustment] { adjustments + lines.flatMap(\.adjustments) }
}

/// CLP02: what the payer did with the claim.
public enum ClaimPaymentStatus: String, Sendable, Hashable, CaseIterable {
    case processedAsPrimary = "1"
    case processedAsSecondary = "2"
    case processedAsTertiary = "3"
    case denied = "4"
    case processedAsPrimaryForwarded = "19"
    case processedAsSecondaryForwarded = "20"
    case processedAsTertiaryForwarded = "21"
    /// Takes back an earlier payment: its amounts are the earlier ones negated.
    case reversal = "22"
    case notOurClaimForwarded = "23"
    case predetermination = "25"

    public var words: String {
        switch self {
        case .processedAsPrimary: "processed as primary"
        case .processedAsSecondary: "processed as secondary"
        case .processedAsTertiary: "processed as tertiary"
        case .denied: "denied"
        case .processedAsPrimaryForwarded: "processed as primary, forwarded to another payer"
        case .processedAsSecondaryForwarded: "processed as secondary, forwarded to another payer"
        case .processedAsTertiaryForwarded: "processed as tertiary, forwarded to another payer"
        case .reversal: "reversal of an earlier payment"
        case .notOurClaimForwarded: "not this payer's claim, forwarded to another payer"
        case .predetermination: "predetermination pricing only, no payment"
        }
    }
}

/// One service line as the payer adjudicated it (loop 2110).
public struct ServicePayment: Sendable, Hashable {
    /// SVC01-1: `HC` (CPT/HCPCS) and the like.
    public var qualifier: String
    public var procedure: String
    public var modifiers: [String]
    public var charge: Money
    public var paid: Money
    /// SVC05; 1 when left out, as the guide says.
    public var units: Int
    /// DTM*472 (or the first day of DTM*150/151).
    public var dateOfService: LocalDate?
    /// REF*6R: the line id Rapport sent.
    public var lineID: String?
    /// AMT*B6: what the payer allows.
    public var allowed: Money?
    public var adjustments: [Adjustment]
    /// LQ*HE: remittance advice remark codes.
    public var remarks: [String]
    public var segment: Int
}

/// One CAS triplet: a group, a reason code, an amount (and sometimes a quantity).
public struct Adjustment: Sendable, Hashable {
    public var group: AdjustmentGroup
    /// A claim adjustment reason code (CARC), such as `45` or `PR`'s `3`.
    public var reason: String
    public var amount: Money
    public var quantity: Int?

    public init(group: AdjustmentGroup, reason: String, amount: Money, quantity: Int? = nil) {
        self.group = group
        self.reason = reason
        self.amount = amount
        self.quantity = quantity
    }
}

/// CAS01: who the adjustment is put on.
public enum AdjustmentGroup: String, Sendable, Hashable, CaseIterable {
    /// Written off by the practice under its contract.
    case contractual = "CO"
    case other = "OA"
    case payerInitiated = "PI"
    /// What the patient owes: deductible, coinsurance, copay.
    case patientResponsibility = "PR"

    public var words: String {
        switch self {
        case .contractual: "contractual obligation"
        case .other: "other adjustment"
        case .payerInitiated: "payer-initiated reduction"
        case .patientResponsibility: "patient responsibility"
        }
    }
}

/// One PLB adjustment: to the provider, for a reason (`WO` overpayment recovery, `L6` interest,
/// `FB` forwarding balance…), in a fiscal period.
public struct ProviderAdjustment: Sendable, Hashable {
    public var providerID: String
    public var fiscalPeriodEnd: LocalDate?
    public var reason: String
    public var reference: String?
    /// Positive: taken from the payment; negative: added to it.
    public var amount: Money
    public var segment: Int
}
