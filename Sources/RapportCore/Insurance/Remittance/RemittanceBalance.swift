/// The three balancing rules of the 835 guide, checked before anything is posted:
/// - a line: its charge less its adjustments is what was paid for it (SVC02 − CAS = SVC03);
/// - a claim: its charge less every adjustment, its own and its lines', is what was paid
///   (CLP03 − CAS = CLP04);
/// - the file: what was paid on the claims less the provider adjustments is the payment
///   (Σ CLP04 − Σ PLB = BPR02).
public enum RemittanceBalance {
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        public enum Level: String, Sendable, Hashable { case line, claim, payment }

        public let level: Level
        /// The segment the rule is stated on (SVC, CLP or BPR).
        public let segment: Int
        /// What the remittance says was paid, and what its other amounts make.
        public let stated: Money
        public let computed: Money
        public let description: String
    }

    /// Every rule a remittance breaks.
    public static func problems(_ remittance: Remittance) -> [Problem] {
        remittance.claims.flatMap { claim in claim.lines.compactMap { problem($0, of: claim) } + [problem(claim)].compactMap { $0 } }
            + [problem(remittance)].compactMap { $0 }
    }

    public static func problem(_ line: ServicePayment, of claim: ClaimPayment) -> Problem? {
        let computed = line.charge.amount - total(line.adjustments)
        guard computed != line.paid.amount else { return nil }
        return Problem(
            level: .line, segment: line.segment, stated: line.paid, computed: money(computed),
            description:
                "claim \(claim.patientControlNumber), line \(line.procedure) (segment \(line.segment)): the charge \(text(line.charge.amount)) less adjustments of \(text(total(line.adjustments))) is \(text(computed)), but the payer says it paid \(text(line.paid.amount))"
        )
    }

    public static func problem(_ claim: ClaimPayment) -> Problem? {
        let adjusted = total(claim.allAdjustments)
        let computed = claim.charge.amount - adjusted
        guard computed != claim.paid.amount else { return nil }
        return Problem(
            level: .claim, segment: claim.segment, stated: claim.paid, computed: money(computed),
            description:
                "claim \(claim.patientControlNumber) (segment \(claim.segment)): the charge \(text(claim.charge.amount)) less adjustments of \(text(adjusted)) is \(text(computed)), but the payer says it paid \(text(claim.paid.amount))"
        )
    }

    public static func problem(_ remittance: Remittance) -> Problem? {
        let paid = remittance.claims.reduce(Int64(0)) { $0 + $1.paid.amount }
        let provider = remittance.providerAdjustments.reduce(Int64(0)) { $0 + $1.amount.amount }
        let computed = paid - provider
        guard computed != remittance.payment.amount else { return nil }
        return Problem(
            level: .payment, segment: remittance.segment + 1, stated: remittance.payment, computed: money(computed),
            description:
                "payment \(remittance.traceNumber): its claims were paid \(text(paid)) less provider adjustments of \(text(provider)), which is \(text(computed)), but the payment (BPR02) is \(text(remittance.payment.amount))"
        )
    }

    static func total(_ adjustments: [Adjustment]) -> Int64 { adjustments.reduce(Int64(0)) { $0 + $1.amount.amount } }

    private static func money(_ cents: Int64) -> Money { Money(amount: cents, currency: .usd) }

    private static func text(_ cents: Int64) -> String { MoneyFormat.default(for: .usd).format(money(cents)) }
}
