/// The posting rules: what a parsed remittance does to the practice's claims, worked out before
/// anything is written, so the import shows it first and posts exactly it. Each claim payment is
/// matched to a claim by its patient control number and each service line by its line id (by date,
/// code and charge only when exactly one line fits, and then it says so); a claim that cannot be
/// matched, does not balance, or would be posted to a claim not awaiting payment is an
/// ``Exception`` for a person, never a guess. Pure: the app hands it the claims it has on file.
public enum RemittancePosting {
    /// Where a claim on file stands, as far as posting is concerned.
    public enum Standing: String, Sendable, Hashable {
        /// Not sent yet: nothing can be paid on it.
        case unsent
        /// Sent, no answer posted.
        case awaitingPayment
        case paid, partiallyPaid, denied
        /// Settled by a person, voided or replaced: a payment on it needs a person too.
        case closed
    }

    /// A claim as Rapport has it.
    public struct ClaimOnFile: Sendable, Hashable {
        public var patientControlNumber: String
        public var standing: Standing
        public var charge: Money
        public var lines: [LineOnFile]

        public init(patientControlNumber: String, standing: Standing, charge: Money, lines: [LineOnFile]) {
            self.patientControlNumber = patientControlNumber
            self.standing = standing
            self.charge = charge
            self.lines = lines
        }
    }

    /// A claim line as it was sent.
    public struct LineOnFile: Sendable, Hashable {
        public var lineID: String
        public var dateOfService: LocalDate
        public var procedure: String
        public var charge: Money

        public init(lineID: String, dateOfService: LocalDate, procedure: String, charge: Money) {
            self.lineID = lineID
            self.dateOfService = dateOfService
            self.procedure = procedure
            self.charge = charge
        }
    }

    /// What posting does: the claims it posts, the provider adjustments it records, and what it
    /// leaves for a person.
    public struct Plan: Sendable, Hashable {
        public var claims: [ClaimPosting]
        public var providerAdjustments: [ProviderAdjustment]
        public var exceptions: [Exception]
    }

    /// One claim payment, posted.
    public struct ClaimPosting: Sendable, Hashable {
        public var patientControlNumber: String
        public var payment: ClaimPayment
        /// The lines, each with the line on file it was matched to.
        public var lines: [LinePosting]
        /// What the payer paid (negative for a reversal).
        public var paid: Money
        /// Written off under the practice's contract (group CO), unless the claim was denied.
        public var writtenOff: Money
        /// What the client now owes (group PR): deductible, coinsurance, copay.
        public var patientResponsibility: Money
        /// Other and payer-initiated adjustments (OA, PI), recorded with their reasons; and a
        /// denial's contractual ones, which a person decides on.
        public var otherAdjustments: Money
        /// Where the claim stands after this posting.
        public var standing: Standing
        public var isReversal: Bool { payment.status == .reversal }
    }

    public struct LinePosting: Sendable, Hashable {
        public var payment: ServicePayment
        public var lineID: String
        /// True when the remittance did not name the line and it was the one line of that date,
        /// code and charge.
        public var matchedByDateCodeAndCharge: Bool
    }

    /// Something a person must decide on; nothing of it is posted.
    public struct Exception: Sendable, Hashable, CustomStringConvertible {
        public enum Kind: String, Sendable, Hashable {
            case payeeNotThisPractice, unmatchedClaim, unmatchedLine, unbalanced, claimNotAwaitingPayment, overpayment
        }

        public var kind: Kind
        /// The claim payment it is about (nil for the whole remittance).
        public var patientControlNumber: String?
        /// The amount at stake: what the payer paid on the claim.
        public var amount: Money
        public var segment: Int
        public var description: String
    }

    /// What posting `remittance` does, given the practice's NPIs and the claims it names (by
    /// patient control number, upper-cased).
    public static func plan(
        _ remittance: Remittance, practiceNPIs: Set<String>, claims: [String: ClaimOnFile]
    ) -> Plan {
        var plan = Plan(claims: [], providerAdjustments: [], exceptions: [])
        if let npi = remittance.payee.npi, !practiceNPIs.contains(npi) {
            plan.exceptions.append(
                Exception(
                    kind: .payeeNotThisPractice, patientControlNumber: nil, amount: remittance.payment,
                    segment: remittance.segment,
                    description:
                        "the remittance pays NPI \(npi) (\(remittance.payee.name)), which is not this practice's: nothing in it was posted"
                ))
            return plan
        }
        plan.providerAdjustments = remittance.providerAdjustments
        // A claim's standing as this file moves it (a reversal then its re-adjudication).
        var standings = claims.mapValues(\.standing)
        for payment in remittance.claims {
            let key = payment.patientControlNumber.uppercased()
            func exception(_ kind: Exception.Kind, _ description: String, segment: Int? = nil) {
                plan.exceptions.append(
                    Exception(
                        kind: kind, patientControlNumber: payment.patientControlNumber, amount: payment.paid,
                        segment: segment ?? payment.segment, description: description))
            }
            guard let claim = claims[key], let standing = standings[key] else {
                exception(
                    .unmatchedClaim,
                    "claim \(payment.patientControlNumber) (\(patientName(payment))) is not one of this practice's claims")
                continue
            }
            let problems = payment.lines.compactMap { RemittanceBalance.problem($0, of: payment) }
                + [RemittanceBalance.problem(payment)].compactMap { $0 }
            if let problem = problems.first {
                exception(.unbalanced, problem.description, segment: problem.segment)
                continue
            }
            let accepted: Set<Standing> = payment.status == .reversal
                ? [.paid, .partiallyPaid, .denied] : [.awaitingPayment]
            guard accepted.contains(standing) else {
                exception(
                    .claimNotAwaitingPayment,
                    payment.status == .reversal
                        ? "claim \(payment.patientControlNumber) has no payment to reverse (it is \(words(standing)))"
                        : "claim \(payment.patientControlNumber) is \(words(standing)), not awaiting payment: a second payment needs a person")
                continue
            }
            if payment.paid.amount > claim.charge.amount {
                exception(
                    .overpayment,
                    "claim \(payment.patientControlNumber) was charged \(text(claim.charge.amount)) but the payer paid \(text(payment.paid.amount))")
                continue
            }
            var lines: [LinePosting] = []
            var unmatched: ServicePayment?
            for line in payment.lines {
                let taken = Set(lines.map(\.lineID))
                if let id = line.lineID?.uppercased(), claim.lines.contains(where: { $0.lineID == id }), !taken.contains(id) {
                    lines.append(LinePosting(payment: line, lineID: id, matchedByDateCodeAndCharge: false))
                    continue
                }
                let candidates = claim.lines.filter {
                    !taken.contains($0.lineID) && $0.dateOfService == line.dateOfService && $0.procedure == line.procedure
                        && $0.charge.amount == abs(line.charge.amount)
                }
                guard candidates.count == 1, let only = candidates.first else {
                    unmatched = line
                    break
                }
                lines.append(LinePosting(payment: line, lineID: only.lineID, matchedByDateCodeAndCharge: true))
            }
            if let line = unmatched {
                exception(
                    .unmatchedLine,
                    "claim \(payment.patientControlNumber): the line \(line.procedure) of \(line.dateOfService?.description ?? "no date") for \(text(line.charge.amount)) matches none of the claim's lines, or more than one",
                    segment: line.segment)
                continue
            }
            let adjustments = payment.allAdjustments
            func sum(_ groups: Set<AdjustmentGroup>) -> Int64 {
                adjustments.filter { groups.contains($0.group) }.reduce(Int64(0)) { $0 + $1.amount.amount }
            }
            // A denial's contractual amounts wait for a person, not written off; a reversal of a
            // denial takes them back as such.
            let after = standingAfter(payment)
            let denied = payment.status == .reversal ? standing == .denied : after == .denied
            let posting = ClaimPosting(
                patientControlNumber: claim.patientControlNumber, payment: payment, lines: lines, paid: payment.paid,
                writtenOff: money(denied ? 0 : sum([.contractual])),
                patientResponsibility: money(sum([.patientResponsibility])),
                otherAdjustments: money(sum([.other, .payerInitiated]) + (denied ? sum([.contractual]) : 0)),
                standing: after)
            standings[key] = posting.standing
            plan.claims.append(posting)
        }
        return plan
    }

    /// Where a claim stands once `payment` is posted: back to awaiting payment after a reversal;
    /// denied when the payer says so or paid nothing that was not the client's; partly paid when a
    /// line was paid nothing and was neither the client's to pay nor written off under contract.
    static func standingAfter(_ payment: ClaimPayment) -> Standing {
        switch payment.status {
        case .reversal: return .awaitingPayment
        case .denied: return .denied
        default: break
        }
        let owedByClient = payment.allAdjustments.filter { $0.group == .patientResponsibility }
            .reduce(Int64(0)) { $0 + $1.amount.amount }
        if payment.paid.amount <= 0 && owedByClient == 0 { return .denied }
        let refusedLine = payment.lines.contains { line in
            line.paid.amount == 0
                && !line.adjustments.contains { $0.group == .patientResponsibility && $0.amount.amount > 0 }
        }
        return refusedLine ? .partiallyPaid : .paid
    }

    static func words(_ standing: Standing) -> String {
        switch standing {
        case .unsent: "not sent yet"
        case .awaitingPayment: "awaiting payment"
        case .paid: "already paid"
        case .partiallyPaid: "already partly paid"
        case .denied: "denied"
        case .closed: "closed"
        }
    }

    private static func patientName(_ payment: ClaimPayment) -> String {
        guard let patient = payment.patient else { return "no patient named" }
        return "\(patient.firstName) \(patient.lastName)".trimmingSpaces.description
    }

    private static func money(_ cents: Int64) -> Money { Money(amount: cents, currency: .usd) }

    private static func text(_ cents: Int64) -> String { MoneyFormat.default(for: .usd).format(money(cents)) }
}
