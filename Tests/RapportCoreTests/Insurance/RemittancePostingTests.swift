import Testing

@testable import RapportCore

/// The posting rules over the team's fixtures and generated remittances: what is posted, what is
/// left for a person and why, and that a reversal takes back exactly what was posted.
struct RemittancePostingTests {
    typealias Posting = RemittancePosting
    static let npis: Set<String> = ["1245319599"]
    static let claimA = "8C1F6A2E0B7D4E59A3C2F1E0D9B8A7C6"
    static let claimB = "1D2E3F40516273849A5B6C7D8E9F0A1B"
    static let line1 = "5E6F708192A3B4C5D6E7F8091A2B3C4D"
    static let line2 = "0F1E2D3C4B5A69788796A5B4C3D2E1F0"

    static func usd(_ cents: Int64) -> Money { Money(amount: cents, currency: .usd) }
    static func day(_ day: Int) -> LocalDate { LocalDate(year: 2026, month: 11, day: day) ?? .distantPast }

    /// Claims as Rapport sent them for the fixtures: A with lines of the 18th and 25th, B one line.
    static func onFile(_ standing: Posting.Standing = .awaitingPayment, charge: Int64 = 15_000, twoLines: Bool = false)
        -> [String: Posting.ClaimOnFile]
    {
        var lines = [Posting.LineOnFile(lineID: line1, dateOfService: day(18), procedure: "90834", charge: usd(15_000))]
        if twoLines {
            lines.append(.init(lineID: line2, dateOfService: day(25), procedure: "90834", charge: usd(15_000)))
        }
        return [
            claimA: .init(patientControlNumber: claimA, standing: standing, charge: usd(twoLines ? 30_000 : charge), lines: lines),
            claimB: .init(
                patientControlNumber: claimB, standing: .awaitingPayment, charge: usd(15_000),
                lines: [.init(lineID: line2, dateOfService: day(19), procedure: "90837", charge: usd(15_000))]),
        ]
    }

    static func plan(_ fixture: String, _ claims: [String: Posting.ClaimOnFile] = onFile()) throws -> Posting.Plan {
        Posting.plan(try Remittance835Tests.remittance(fixture), practiceNPIs: npis, claims: claims)
    }

    @Test func aClaimPaidInFullIsPaid() throws {
        let plan = try Self.plan("paid-in-full.835")
        #expect(plan.exceptions.isEmpty)
        let claim = try #require(plan.claims.first)
        #expect(claim.paid == Self.usd(15_000) && claim.writtenOff.isZero && claim.patientResponsibility.isZero)
        #expect(claim.standing == .paid && claim.lines.map(\.lineID) == [Self.line1])
    }

    @Test func contractualAmountsAreWrittenOffAndPatientResponsibilityIsTheClients() throws {
        let plan = try Self.plan("patient-responsibility.835")
        #expect(plan.exceptions.isEmpty)
        #expect(plan.claims.map(\.paid) == [Self.usd(7_800), Self.usd(4_800)])
        #expect(plan.claims.map(\.writtenOff) == [Self.usd(5_200), Self.usd(5_000)])
        #expect(plan.claims.map(\.patientResponsibility) == [Self.usd(2_000), Self.usd(5_200)], "copay; deductible and coinsurance")
        #expect(plan.claims.allSatisfy { $0.standing == .paid })
    }

    @Test func aDenialIsMarkedDeniedAndNothingIsWrittenOffWithoutAPerson() throws {
        let claim = try #require(try Self.plan("denied.835").claims.first)
        #expect(claim.standing == .denied && claim.writtenOff.isZero && claim.otherAdjustments == Self.usd(15_000))
    }

    @Test func aLineDeniedInsideAPaidClaimLeavesItPartlyPaid() throws {
        let claim = try #require(try Self.plan("line-denial.835", Self.onFile(twoLines: true)).claims.first)
        #expect(claim.standing == .partiallyPaid && claim.paid == Self.usd(7_800))
        #expect(claim.lines.map(\.lineID) == [Self.line1, Self.line2])
    }

    @Test func aReversalTakesBackThePaymentAndTheReadjudicationPostsAnew() throws {
        let plan = try Self.plan("reversal.835", Self.onFile(.paid))
        #expect(plan.exceptions.isEmpty)
        #expect(plan.claims.map(\.standing) == [.awaitingPayment, .paid])
        #expect(plan.claims.map(\.paid) == [Self.usd(-7_800), Self.usd(8_800)])
        #expect(plan.claims[0].patientResponsibility == Self.usd(-2_000) && plan.claims[0].isReversal)
        let unpaid = try Self.plan("reversal.835", Self.onFile(.awaitingPayment))
        #expect(unpaid.exceptions.map(\.kind) == [.claimNotAwaitingPayment], "nothing was paid to reverse")
        #expect(unpaid.claims.map(\.paid) == [Self.usd(8_800)])
    }

    @Test func providerAdjustmentsAreRecordedForThePractice() throws {
        let plan = try Self.plan("provider-adjustment.835")
        #expect(plan.providerAdjustments.map(\.reason) == ["WO"] && plan.claims.count == 1)
    }

    @Test func eachCaseAPersonMustDecideIsAnExceptionWithItsReason() throws {
        let unbalanced = try Self.plan("unbalanced.835")
        #expect(unbalanced.claims.isEmpty && unbalanced.exceptions.map(\.kind) == [.unbalanced])
        #expect(unbalanced.exceptions[0].description.contains("$80.00"))
        let other = try Self.plan("other-payee.835")
        #expect(other.claims.isEmpty && other.exceptions.map(\.kind) == [.payeeNotThisPractice])
        #expect(other.exceptions[0].description.contains("1234567893"))
        let unknown = try Self.plan("paid-in-full.835", [:])
        #expect(unknown.exceptions.map(\.kind) == [.unmatchedClaim])
        #expect(unknown.exceptions[0].description.contains("AVERY NGUYEN"))
        let twice = try Self.plan("paid-in-full.835", Self.onFile(.paid))
        #expect(twice.exceptions.map(\.kind) == [.claimNotAwaitingPayment] && twice.claims.isEmpty)
        let closed = try Self.plan("paid-in-full.835", Self.onFile(.closed))
        #expect(closed.exceptions[0].description.contains("closed"))
        let over = try Self.plan("paid-in-full.835", Self.onFile(charge: 10_000))
        #expect(over.exceptions.map(\.kind) == [.overpayment] && over.exceptions[0].amount == Self.usd(15_000))
    }

    @Test func aLineWithoutItsIdIsMatchedByDateCodeAndChargeOnlyWhenOneLineFits() throws {
        var remittance = try Remittance835Tests.remittance("paid-in-full.835")
        remittance.claims[0].lines[0].lineID = nil
        let matched = Posting.plan(remittance, practiceNPIs: Self.npis, claims: Self.onFile())
        #expect(matched.claims.first?.lines.first?.matchedByDateCodeAndCharge == true)
        var twins = Self.onFile()
        twins[Self.claimA]?.lines.append(
            .init(lineID: Self.line2, dateOfService: Self.day(18), procedure: "90834", charge: Self.usd(15_000)))
        let ambiguous = Posting.plan(remittance, practiceNPIs: Self.npis, claims: twins)
        #expect(ambiguous.exceptions.map(\.kind) == [.unmatchedLine] && ambiguous.claims.isEmpty)
    }

    /// For any remittance that balances: per claim, what was paid, written off, left to the client
    /// and otherwise adjusted is the charge; and posting its reversal takes back exactly that.
    @Test func postedAmountsAccountForEveryChargeAndAReversalUndoesThemExactly() {
        var random = SplitMix64(seed: 2110)
        for round in 0..<200 {
            var remittance = RemittanceSamples.generate(&random, round: round)
            remittance.claims = remittance.claims.filter { $0.status != .reversal }
            let claims = Dictionary(
                remittance.claims.map { claim in
                    (
                        claim.patientControlNumber,
                        Posting.ClaimOnFile(
                            patientControlNumber: claim.patientControlNumber, standing: .awaitingPayment,
                            charge: claim.charge,
                            lines: claim.lines.map {
                                .init(lineID: $0.lineID ?? "", dateOfService: $0.dateOfService ?? .distantPast,
                                      procedure: $0.procedure, charge: $0.charge)
                            })
                    )
                }, uniquingKeysWith: { first, _ in first })
            let plan = Posting.plan(remittance, practiceNPIs: Self.npis, claims: claims)
            #expect(plan.exceptions.isEmpty, "\(plan.exceptions)")
            for posting in plan.claims {
                let accounted = posting.paid.amount + posting.writtenOff.amount + posting.patientResponsibility.amount
                    + posting.otherAdjustments.amount
                #expect(accounted == posting.payment.charge.amount)
            }
            var back = remittance
            back.claims = remittance.claims.map(RemittanceSamples.reversed)
            let after = claims.mapValues { claim in
                var moved = claim
                moved.standing = plan.claims.first { $0.patientControlNumber == claim.patientControlNumber }?.standing ?? .paid
                return moved
            }
            let undone = Posting.plan(back, practiceNPIs: Self.npis, claims: after)
            #expect(undone.exceptions.isEmpty, "\(undone.exceptions)")
            for (posted, reversed) in zip(plan.claims, undone.claims) {
                #expect(posted.paid.amount + reversed.paid.amount == 0)
                #expect(posted.writtenOff.amount + reversed.writtenOff.amount == 0)
                #expect(posted.patientResponsibility.amount + reversed.patientResponsibility.amount == 0)
                #expect(posted.otherAdjustments.amount + reversed.otherAdjustments.amount == 0)
                #expect(reversed.standing == .awaitingPayment)
            }
        }
    }
}
