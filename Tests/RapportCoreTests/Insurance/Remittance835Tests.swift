import Foundation
import Testing

@testable import RapportCore

/// The 835 parser over the team's fixtures (each also checked by pyx12's x12valid in scripts/test),
/// every malformed file it must refuse, and generated remittances read back exactly.
struct Remittance835Tests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/835")

    static func text(_ name: String) throws -> String {
        try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
    }

    static func remittance(_ name: String) throws -> Remittance {
        let all = try Remittance835Parser.parse(try text(name))
        #expect(all.count == 1)
        return try #require(all.first)
    }

    static func usd(_ cents: Int64) -> Money { Money(amount: cents, currency: .usd) }

    static let claimA = "8C1F6A2E0B7D4E59A3C2F1E0D9B8A7C6"
    static let lineA = "5E6F708192A3B4C5D6E7F8091A2B3C4D"

    @Test func everyFixtureReadsAndAllButTheUnbalancedOneBalance() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.path).filter { $0.hasSuffix(".835") }
        #expect(names.count >= 9)
        for name in names {
            let remittance = try Self.remittance(name)
            let problems = RemittanceBalance.problems(remittance)
            #expect(problems.isEmpty == (name != "unbalanced.835"), "\(name): \(problems)")
        }
    }

    @Test func aClaimPaidInFullNamesItsClaimLinePayerAndPayee() throws {
        let remittance = try Self.remittance("paid-in-full.835")
        #expect(remittance.payment == Self.usd(15_000) && remittance.paymentMethod == "CHK")
        #expect(remittance.traceNumber == "CHK10001" && remittance.originatorID == "1066033492")
        #expect(remittance.paymentDate == LocalDate(year: 2026, month: 12, day: 1))
        #expect(remittance.payer.name == "AETNA" && remittance.payer.references["2U"] == "60054")
        #expect(remittance.payee.npi == "1245319599" && remittance.payee.references["TJ"] == "123456789")
        let claim = try #require(remittance.claims.first)
        #expect(claim.patientControlNumber == Self.claimA && claim.status == .processedAsPrimary)
        #expect(claim.charge == Self.usd(15_000) && claim.paid == Self.usd(15_000) && claim.payerClaimNumber == "AET1001")
        #expect(claim.patient == .init(lastName: "NGUYEN", firstName: "AVERY", memberID: "W123456789"))
        let line = try #require(claim.lines.first)
        #expect(line.qualifier == "HC" && line.procedure == "90834" && line.modifiers.isEmpty && line.units == 1)
        #expect(line.lineID == Self.lineA && line.allowed == Self.usd(15_000))
        #expect(line.dateOfService == LocalDate(year: 2026, month: 11, day: 18))
    }

    @Test func patientResponsibilityAndContractualAdjustmentsAreReadPerLine() throws {
        let remittance = try Self.remittance("patient-responsibility.835")
        #expect(remittance.claims.count == 2)
        let copay = try #require(remittance.claims.first?.lines.first)
        #expect(copay.adjustments == [
            Adjustment(group: .contractual, reason: "45", amount: Self.usd(5_200)),
            Adjustment(group: .patientResponsibility, reason: "3", amount: Self.usd(2_000)),
        ])
        let second = try #require(remittance.claims.last)
        #expect(second.lines.first?.modifiers == ["95"])
        #expect(second.lines.first?.adjustments.map { "\($0.group.rawValue)-\($0.reason)" } == ["CO-45", "PR-1", "PR-2"])
        #expect(second.lines.first?.adjustments[1].quantity == 1)
        for claim in remittance.claims {
            let owed = claim.allAdjustments.filter { $0.group == .patientResponsibility }.reduce(Int64(0)) { $0 + $1.amount.amount }
            #expect(claim.patientResponsibility?.amount == owed, "CLP05 is the PR adjustments")
        }
        #expect(AdjustmentReasons.describe(copay.adjustments[1]) == "PR-3: Co-payment amount")
    }

    @Test func aDenialCarriesItsReasonAndRemarkInWords() throws {
        let remittance = try Self.remittance("denied.835")
        let claim = try #require(remittance.claims.first)
        #expect(claim.status == .denied && claim.paid.isZero && remittance.paymentMethod == "NON")
        let line = try #require(claim.lines.first)
        #expect(AdjustmentReasons.words(line.adjustments[0].reason).contains("medically necessary"))
        #expect(line.remarks == ["N130"] && AdjustmentReasons.remark("N130").contains("benefit"))
        #expect(AdjustmentReasons.words("288").contains("x12.org/codes"), "an unknown code says where to read it")
    }

    @Test func aLineDenialInsideAPaidClaimAndAReversalWithItsReadjudication() throws {
        let denial = try #require(try Self.remittance("line-denial.835").claims.first)
        #expect(denial.lines.map(\.paid) == [Self.usd(7_800), .zero(.usd)])
        #expect(denial.lines[1].adjustments == [Adjustment(group: .contractual, reason: "97", amount: Self.usd(15_000))])
        let reversal = try Self.remittance("reversal.835")
        #expect(reversal.claims.map(\.status) == [.reversal, .processedAsPrimary])
        #expect(reversal.claims[0].paid == Self.usd(-7_800) && reversal.claims[0].lines[0].adjustments[0].amount == Self.usd(-5_200))
        #expect(reversal.payment == Self.usd(1_000), "the new payment less the one taken back")
    }

    @Test func providerLevelAdjustmentsReduceThePayment() throws {
        let remittance = try Self.remittance("provider-adjustment.835")
        #expect(remittance.providerAdjustments == [
            ProviderAdjustment(
                providerID: "1245319599", fiscalPeriodEnd: LocalDate(year: 2026, month: 12, day: 31), reason: "WO",
                reference: "AET0999", amount: Self.usd(3_000), segment: remittance.providerAdjustments.first?.segment ?? 0)
        ])
        #expect(remittance.payment == Self.usd(4_800))
    }

    @Test func aRemittanceThatDoesNotBalanceIsReportedAtEveryLevelWithItsAmounts() throws {
        let problems = RemittanceBalance.problems(try Self.remittance("unbalanced.835"))
        #expect(problems.map(\.level) == [.line, .claim])
        #expect(problems[0].stated == Self.usd(8_000) && problems[0].computed == Self.usd(7_800))
        #expect(problems[0].description.contains("$78.00") && problems[0].description.contains("$80.00"))
        #expect(problems[0].description.contains("segment \(problems[0].segment)"))
        var off = try Self.remittance("paid-in-full.835")
        off.payment = Self.usd(14_999)
        #expect(RemittanceBalance.problems(off).map(\.level) == [.payment])
    }

    @Test func otherSeparatorsAndLineBreaksReadTheSame() throws {
        let text = try Self.text("patient-responsibility.835")
        let original = try Remittance835Parser.parse(text)
        let isa = text.prefix(106)
        var swapped = String(isa).replacingOccurrences(of: "*", with: "|").replacingOccurrences(of: ":~", with: ">\n")
        swapped += text.dropFirst(106).replacingOccurrences(of: "*", with: "|").replacingOccurrences(of: ":", with: ">")
            .replacingOccurrences(of: "~\n", with: "\n")
        #expect(try Remittance835Parser.parse(swapped) == original)
        #expect(try Remittance835Parser.parse(text.replacingOccurrences(of: "\n", with: "")) == original)
    }

    /// `fixture` broken as `name` says.
    static func broken(_ name: String, _ fixture: String) -> String {
        switch name {
        case "cut off": String(fixture.prefix(fixture.count / 2))
        case "not X12": "hello"
        case "empty": ""
        case "binary": fixture.replacingOccurrences(of: "AETNA~", with: "AET\u{01}NA~")
        case "an 837": fixture.replacingOccurrences(of: "GS*HP", with: "GS*HC")
        case "bad amount": fixture.replacingOccurrences(of: "*150*150*0*", with: "*150*1.505*0*")
        case "bad status": fixture.replacingOccurrences(of: "C6*1*150", with: "C6*9*150")
        case "bad group": fixture.replacingOccurrences(of: "DTM*472*20261118~", with: "DTM*472*20261118~\nCAS*XX*45*1~")
        case "a segment lost": fixture.replacingOccurrences(of: "DTM*050*20261125~\n", with: "")
        case "wrong version": fixture.replacingOccurrences(of: "005010X221A1", with: "004010X091A1")
        case "no payee": fixture.replacingOccurrences(of: "N1*PE*", with: "N1*ZZ*")
        case "bad date": fixture.replacingOccurrences(of: "DTM*472*20261118", with: "DTM*472*20261318")
        case "after IEA": fixture + "ST*835*0002~\n"
        default: fixture
        }
    }

    /// Each broken file is refused with the segment and a reason a person can act on.
    @Test(arguments: [
        ("cut off", "cut off"), ("not X12", "not an X12 file"), ("empty", "not an X12 file"), ("binary", "binary"),
        ("an 837", "not an 835"), ("bad amount", "CLP04 '1.505'"), ("bad status", "CLP02"), ("bad group", "CAS01"),
        ("a segment lost", "SE01"), ("wrong version", "005010X221A1"), ("no payee", "payee"),
        ("bad date", "not a date"), ("after IEA", "after its IEA"),
    ])
    func aBrokenFileIsRefusedNamingWhereAndWhy(name: String, reason: String) throws {
        let broken = Self.broken(name, try Self.text("paid-in-full.835"))
        #expect(broken != (try Self.text("paid-in-full.835")), "\(name) breaks the file")
        #expect(throws: X12ReadError.self, "\(name)") { try Remittance835Parser.parse(broken) }
        do {
            _ = try Remittance835Parser.parse(broken)
        } catch {
            #expect(error.description.contains(reason), "\(name): \(error.description)")
        }
    }

    @Test func aFileOverTenMegabytesIsRefusedUnread() {
        let huge = String(repeating: "A", count: X12Interchange.maximumLength + 1)
        #expect(throws: X12ReadError(segment: nil, reason: "the file is larger than 10 MB")) {
            try Remittance835Parser.parse(huge)
        }
    }

    @Test func amountsAreReadAsX12WritesThem() {
        #expect(Remittance835Parser.cents("150") == 15_000)
        #expect(Remittance835Parser.cents("150.5") == 15_050)
        #expect(Remittance835Parser.cents(".75") == 75)
        #expect(Remittance835Parser.cents("-98.00") == -9_800)
        #expect(Remittance835Parser.cents("12.500") == 1_250)
        for bad in ["", "-", ".", "1.005", "1,50", "1e3", "12.3.4", " 12", "9999999999999999"] {
            #expect(Remittance835Parser.cents(bad) == nil, "\(bad)")
        }
    }

    /// Any remittance that balances reads back exactly, and per line and per claim what was paid
    /// plus every adjustment (patient responsibility included) is the charge.
    @Test func generatedRemittancesThatBalanceReadBackExactly() throws {
        var random = SplitMix64(seed: 835)
        for round in 0..<200 {
            let written = RemittanceSamples.generate(&random, round: round)
            let read = try Remittance835Parser.parse(RemittanceSamples.text(written))
            #expect(RemittanceSamples.unplaced(read) == [written])
            #expect(RemittanceBalance.problems(written).isEmpty)
            for claim in written.claims {
                let adjusted = claim.allAdjustments.reduce(Int64(0)) { $0 + $1.amount.amount }
                #expect(claim.paid.amount + adjusted == claim.charge.amount)
                for line in claim.lines {
                    #expect(line.paid.amount + line.adjustments.reduce(Int64(0)) { $0 + $1.amount.amount } == line.charge.amount)
                }
            }
        }
    }
}
