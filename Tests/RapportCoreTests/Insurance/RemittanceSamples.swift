@testable import RapportCore

/// Generated remittances that balance, and a plain writer of them as 835 text, for the parser's
/// property tests: whatever is written must read back as it was.
enum RemittanceSamples {
    static func usd(_ cents: Int64) -> Money { Money(amount: cents, currency: .usd) }

    static func generate(_ random: inout SplitMix64, round: Int) -> Remittance {
        func hex(_ random: inout SplitMix64) -> String {
            String((0..<32).map { _ in Array("0123456789ABCDEF")[Int.random(in: 0..<16, using: &random)] })
        }
        var claims: [ClaimPayment] = []
        for _ in 0..<Int.random(in: 1...5, using: &random) {
            var lines: [ServicePayment] = []
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let charge = Int64.random(in: 1...50_000, using: &random)
                var left = charge
                var adjustments: [Adjustment] = []
                for _ in 0..<Int.random(in: 0...3, using: &random) {
                    let amount = Int64.random(in: 0...left, using: &random)
                    guard amount > 0 else { continue }
                    left -= amount
                    adjustments.append(
                        Adjustment(
                            group: AdjustmentGroup.allCases.randomElement(using: &random) ?? .contractual,
                            reason: ["45", "1", "2", "3", "97", "50", "23", "253"].randomElement(using: &random) ?? "45",
                            amount: usd(amount), quantity: Bool.random(using: &random) ? nil : 1))
                }
                lines.append(
                    ServicePayment(
                        qualifier: "HC", procedure: ["90834", "90837", "90791", "90847"].randomElement(using: &random) ?? "90834",
                        modifiers: Bool.random(using: &random) ? ["95"] : [], charge: usd(charge), paid: usd(left),
                        units: Int.random(in: 1...3, using: &random),
                        dateOfService: LocalDate(year: 2026, month: 11, day: Int.random(in: 1...30, using: &random)),
                        lineID: hex(&random), allowed: Bool.random(using: &random) ? usd(charge - left) : nil,
                        adjustments: adjustments, remarks: Bool.random(using: &random) ? ["N130"] : [], segment: 0))
            }
            let linesPaid = lines.reduce(Int64(0)) { $0 + $1.paid.amount }
            let claimAdjustment = Int64.random(in: 0...(linesPaid / 10), using: &random)
            var claim = ClaimPayment(
                patientControlNumber: hex(&random),
                status: [.processedAsPrimary, .processedAsSecondary, .processedAsPrimaryForwarded, .denied]
                    .randomElement(using: &random) ?? .processedAsPrimary,
                charge: usd(lines.reduce(Int64(0)) { $0 + $1.charge.amount }), paid: usd(linesPaid - claimAdjustment),
                patientResponsibility: nil, filingIndicator: "12", payerClaimNumber: "P\(round)X\(claims.count)",
                adjustments: claimAdjustment > 0 ? [Adjustment(group: .other, reason: "253", amount: usd(claimAdjustment))] : [],
                patient: .init(lastName: "NGUYEN", firstName: "AVERY", memberID: "W\(round)"), lines: lines, segment: 0)
            let owed = claim.allAdjustments.filter { $0.group == .patientResponsibility }.reduce(Int64(0)) { $0 + $1.amount.amount }
            claim.patientResponsibility = usd(owed)
            if Int.random(in: 0..<10, using: &random) == 0 { claim = reversed(claim) }
            claims.append(claim)
        }
        let plb = Int.random(in: 0..<4, using: &random) == 0 ? Int64.random(in: -5_000...5_000, using: &random) : 0
        return Remittance(
            payment: usd(claims.reduce(Int64(0)) { $0 + $1.paid.amount } - plb), paymentMethod: "CHK",
            paymentDate: LocalDate(year: 2026, month: 12, day: 1), traceNumber: "T\(round)", originatorID: "1066033492",
            payer: .init(name: "AETNA", references: ["2U": "60054"]),
            payee: .init(name: "RIVERSIDE COUNSELING", qualifier: "XX", identifier: "1245319599"), claims: claims,
            providerAdjustments: plb == 0
                ? []
                : [ProviderAdjustment(
                    providerID: "1245319599", fiscalPeriodEnd: LocalDate(year: 2026, month: 12, day: 31), reason: "WO",
                    reference: "R\(round)", amount: usd(plb), segment: 0)],
            segment: 0)
    }

    /// The claim taken back: status 22 and every amount negated.
    static func reversed(_ claim: ClaimPayment) -> ClaimPayment {
        var back = claim
        func negate(_ money: Money) -> Money { usd(-money.amount) }
        func negate(_ adjustments: [Adjustment]) -> [Adjustment] {
            adjustments.map { Adjustment(group: $0.group, reason: $0.reason, amount: negate($0.amount), quantity: $0.quantity) }
        }
        back.status = .reversal
        (back.charge, back.paid) = (negate(claim.charge), negate(claim.paid))
        back.patientResponsibility = claim.patientResponsibility.map(negate)
        back.adjustments = negate(claim.adjustments)
        back.lines = claim.lines.map { line in
            var negated = line
            (negated.charge, negated.paid, negated.allowed) = (negate(line.charge), negate(line.paid), line.allowed.map(negate))
            negated.adjustments = negate(line.adjustments)
            return negated
        }
        return back
    }

    /// The remittance as an 835 interchange; segment numbers in the model are left as they are.
    static func text(_ remittance: Remittance) -> String {
        func amount(_ money: Money) -> String {
            let cents = abs(money.amount)
            let fraction = cents % 100
            return (money.amount < 0 ? "-" : "") + "\(cents / 100)" + (fraction == 0 ? "" : fraction % 10 == 0 ? ".\(fraction / 10)" : ".\(fraction < 10 ? "0" : "")\(fraction)")
        }
        func date(_ date: LocalDate?) -> String { date.map { $0.description.filter { $0 != "-" } } ?? "" }
        var body: [String] = []
        let payment = remittance.payment
        body.append("BPR*I*\(amount(usd(abs(payment.amount))))*\(payment.amount < 0 ? "D" : "C")*\(remittance.paymentMethod)************\(date(remittance.paymentDate))")
        body.append("TRN*1*\(remittance.traceNumber)*\(remittance.originatorID)")
        body.append("N1*PR*\(remittance.payer.name)")
        for (key, value) in remittance.payer.references.sorted(by: { $0.key < $1.key }) { body.append("REF*\(key)*\(value)") }
        body.append("N1*PE*\(remittance.payee.name)*\(remittance.payee.qualifier ?? "")*\(remittance.payee.identifier ?? "")")
        body.append("LX*1")
        for claim in remittance.claims {
            body.append(
                "CLP*\(claim.patientControlNumber)*\(claim.status.rawValue)*\(amount(claim.charge))*\(amount(claim.paid))*\(claim.patientResponsibility.map(amount) ?? "")*\(claim.filingIndicator)*\(claim.payerClaimNumber)"
            )
            body += claim.adjustments.map { cas($0, amount) }
            if let patient = claim.patient {
                body.append("NM1*QC*1*\(patient.lastName)*\(patient.firstName)****MI*\(patient.memberID ?? "")")
            }
            for line in claim.lines {
                let code = ([line.qualifier, line.procedure] + line.modifiers).joined(separator: ":")
                body.append("SVC*\(code)*\(amount(line.charge))*\(amount(line.paid))**\(line.units)")
                if let day = line.dateOfService { body.append("DTM*472*\(date(day))") }
                body += line.adjustments.map { cas($0, amount) }
                if let id = line.lineID { body.append("REF*6R*\(id)") }
                if let allowed = line.allowed { body.append("AMT*B6*\(amount(allowed))") }
                body += line.remarks.map { "LQ*HE*\($0)" }
            }
        }
        for adjustment in remittance.providerAdjustments {
            body.append(
                "PLB*\(adjustment.providerID)*\(date(adjustment.fiscalPeriodEnd))*\(adjustment.reason):\(adjustment.reference ?? "")*\(amount(adjustment.amount))"
            )
        }
        let transaction = ["ST*835*0001"] + body + ["SE*\(body.count + 2)*0001"]
        let isa = "ISA*00*          *00*          *ZZ*60054          *ZZ*RIVERSIDE      *261201*1200*^*00501*000000001*0*T*:"
        return ([isa, "GS*HP*60054*RIVERSIDE*20261201*1200*1*X*005010X221A1"] + transaction + ["GE*1*1", "IEA*1*000000001"])
            .joined(separator: "~\n") + "~\n"
    }

    private static func cas(_ adjustment: Adjustment, _ amount: (Money) -> String) -> String {
        "CAS*\(adjustment.group.rawValue)*\(adjustment.reason)*\(amount(adjustment.amount))" + (adjustment.quantity.map { "*\($0)" } ?? "")
    }

    /// The remittances with every segment number set to 0, to compare with generated ones.
    static func unplaced(_ remittances: [Remittance]) -> [Remittance] {
        remittances.map { remittance in
            var copy = remittance
            copy.segment = 0
            copy.claims = remittance.claims.map { claim in
                var claimCopy = claim
                claimCopy.segment = 0
                claimCopy.lines = claim.lines.map { line in
                    var lineCopy = line
                    lineCopy.segment = 0
                    return lineCopy
                }
                return claimCopy
            }
            copy.providerAdjustments = remittance.providerAdjustments.map { adjustment in
                var adjustmentCopy = adjustment
                adjustmentCopy.segment = 0
                return adjustmentCopy
            }
            return copy
        }
    }
}
