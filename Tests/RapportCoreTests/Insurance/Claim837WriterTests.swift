import Foundation
import Testing

@testable import RapportCore

struct Claim837WriterTests {
    static let envelope = Claim837Writer.Envelope(
        senderID: "RAPPORT01", receiverID: "CLEARHOUSE", submitterName: "Calm Waters Counseling",
        contactName: "Billing Office", contactPhone: "(555) 555-0100", receiverName: "Clearing House",
        controlNumber: 42,
        created: LocalDateTime(date: LocalDate(year: 2026, month: 12, day: 4)!, time: LocalTime(hour: 9, minute: 5)!),
        usage: .test)

    func segments(_ claims: [Claim]) throws -> [String] {
        try Claim837Writer.write(claims, envelope: Self.envelope).text.split(separator: "\n").map {
            String($0.dropLast())
        }
    }

    @Test func theEnvelopeHasFixedWidthsAndTheControlNumbersMatch() throws {
        let lines = try segments([ClaimSamples.claim()])
        let isa = lines[0]
        #expect(isa.count == 105, "ISA is fixed width: \(isa)")
        #expect(
            isa.hasPrefix(
                "ISA*00*          *00*          *ZZ*RAPPORT01      *ZZ*CLEARHOUSE     *261204*0905*^*00501*000000042*0*T*:"
            ))
        #expect(lines[1] == "GS*HC*RAPPORT01*CLEARHOUSE*20261204*0905*42*X*005010X222A1")
        #expect(lines.last == "IEA*1*000000042")
        #expect(lines[lines.count - 2] == "GE*1*42")
        let start = try #require(lines.firstIndex { $0.hasPrefix("ST*") })
        let end = try #require(lines.firstIndex { $0.hasPrefix("SE*") })
        #expect(lines[end] == "SE*\(end - start + 1)*0001", "SE counts ST through SE")
    }

    @Test func aClaimIsWrittenAsTheGuideLaysItOut() throws {
        let lines = try segments([ClaimSamples.claim()])
        for expected in [
            "HL*1**20*1", "PRV*BI*PXC*101YP2500X", "NM1*85*2*CALM WATERS COUNSELING*****XX*1245319599",
            "N3*1 MAIN ST*SUITE 200", "N4*SPRINGFIELD*IL*627011234", "REF*EI*123456789", "HL*2*1*22*0",
            "SBR*P*18*GRP1******CI", "NM1*IL*1*NGUYEN*AVERY****MI*W123456789", "DMG*D8*19900115*F",
            "NM1*PR*2*AETNA*****PI*60054", "CLM*C1*150***11:B:1*Y*A*Y*Y", "HI*ABK:F411*ABF:F330",
            "NM1*82*1*RIVERA*DANA****XX*1234567893", "PRV*PE*PXC*103T00000X", "LX*1", "SV1*HC:90834*150*UN*1***1:2",
            "DTP*472*D8*20261102", "REF*6R*L1",
        ] {
            #expect(lines.contains(expected), "missing \(expected)")
        }
    }

    @Test func aDependentGetsAPatientLevelAndTheSubscriberNoSelfCode() throws {
        let claim = try #require(ClaimSamples.corpus.first { $0.name == "dependent" }?.claims[0])
        let lines = try segments([claim])
        #expect(lines.contains("HL*2*1*22*1"))
        #expect(lines.contains("SBR*P**GRP1******CI"))
        #expect(lines.contains("HL*3*2*23*0"))
        #expect(lines.contains("PAT*19"))
        #expect(lines.contains("NM1*QC*1*NGUYEN*AVERY"))
    }

    /// A secondary claim carries its primary's adjudication where the guide puts it: 2320 and 2330
    /// after the claim's providers, 2430 after each line.
    @Test func aSecondaryClaimCarriesWhatThePrimaryPaidAndAdjusted() throws {
        let claim = try #require(ClaimSamples.corpus.first { $0.name == "secondary" }?.claims[0])
        let lines = try segments([claim])
        let expected = [
            "SBR*S*18*GRP1******BL", "NM1*PR*2*BLUE CROSS*****PI*00621", "CLM*SEC1*150***11:B:1*Y*A*Y*Y",
            "PRV*PE*PXC*103T00000X", "SBR*P*18*GRP1******CI", "AMT*D*78", "OI***Y*P**Y",
            "NM1*IL*1*NGUYEN*AVERY****MI*W123456789", "NM1*PR*2*AETNA*****PI*60054", "LX*1",
            "SV1*HC:90834*150*UN*1***1:2", "REF*6R*L1", "SVD*60054*78*HC:90834**1", "CAS*CO*45*52", "CAS*PR*3*20",
            "DTP*573*D8*20261201",
        ]
        var position = 0
        for segment in expected {
            let found = try #require(lines[position...].firstIndex(of: segment), "\(segment) after line \(position)")
            position = found + 1
        }
        let many = try #require(ClaimSamples.corpus.first { $0.name == "secondary-claim-adjustments" }?.claims[0])
        let written = try segments([many])
        #expect(written.contains("CAS*OA*91*1**92*1**93*1**94*1**95*1**96*1"), "six reasons to a CAS")
        #expect(written.contains("CAS*OA*97*1"), "the seventh starts another")
        #expect(written.filter { $0.hasPrefix("SVD*60054*78*") }.count == 2)
    }

    @Test func correctedAndVoidClaimsCarryThePayersNumber() throws {
        let corrected = try #require(ClaimSamples.corpus.first { $0.name == "corrected" }?.claims[0])
        let lines = try segments([corrected])
        #expect(lines.contains("CLM*COR1*150***11:B:7*Y*A*Y*Y"))
        #expect(lines.contains("REF*F8*PAYER12345"))
        #expect(lines.contains("REF*G1*AUTH778"))
    }

    @Test func separatorsInNamesNeverBreakTheFileAndEachReplacementIsSaid() throws {
        let claim = try #require(ClaimSamples.corpus.first { $0.name == "separators-in-names" }?.claims[0])
        let output = try Claim837Writer.write([claim], envelope: Self.envelope)
        #expect(output.text.contains("NM1*IL*1*O NEIL*ZOE****MI*W123456789~"))
        #expect(output.text.contains("CLM*ODD 1*"))
        for segment in output.text.split(separator: "\n") {
            #expect(segment.filter { $0 == "~" }.count == 1 && segment.hasSuffix("~"), "\(segment)")
        }
        #expect(output.replacements.contains { $0.contains("subscriber.lastName") && $0.contains("O NEIL") })
        #expect(output.replacements.contains { $0.contains("patientControlNumber") })
    }

    @Test func plainASCIIIsCleanedByteByByteExactlyAsTheFoldingPathCleansIt() {
        var random = SplitMix64(seed: 837)
        let alphabet = Array("aZz09 *~:^-.'\t\n\u{7F}\u{01}#&/")
        for _ in 0..<5_000 {
            let text = String((0..<Int.random(in: 0...12, using: &random)).map { _ in
                alphabet[Int.random(in: 0..<alphabet.count, using: &random)]
            })
            #expect(X12Segments.cleanASCII(text) == X12Segments.cleanFolding(text), "\(text.debugDescription)")
        }
        #expect(X12Segments.cleanASCII("Zoë") == nil)
        #expect(X12Segments.clean("  Renée  O'Neil*Jr ") == "RENEE O'NEIL JR")
    }

    @Test func aClaimWithAProblemIsRefusedNeverWritten() {
        var claim = ClaimSamples.claim()
        claim.billingProvider.npi = "1234567890"
        #expect(throws: Claim837Writer.WriteError.self) { try Claim837Writer.write([claim], envelope: Self.envelope) }
        #expect(throws: Claim837Writer.WriteError.noClaims) { try Claim837Writer.write([], envelope: Self.envelope) }
        var envelope = Self.envelope
        envelope.controlNumber = 1_000_000_000
        #expect(throws: Claim837Writer.WriteError.controlNumberOutOfRange(1_000_000_000)) {
            try Claim837Writer.write([ClaimSamples.claim()], envelope: envelope)
        }
    }

    @Test func amountsAreWrittenAsX12Decimals() {
        #expect(X12Segments.amount(Money(amount: 15_000, currency: .usd)) == "150")
        #expect(X12Segments.amount(Money(amount: 15_050, currency: .usd)) == "150.5")
        #expect(X12Segments.amount(Money(amount: 75, currency: .usd)) == "0.75")
        #expect(X12Segments.amount(Money(amount: 5, currency: .usd)) == "0.05")
    }

    /// Writes the corpus where scripts/test runs `x12valid` over it (`RAPPORT_X12_OUTPUT`), so a
    /// validator nobody here wrote reads every kind of claim Rapport sends.
    @Test func theCorpusIsWrittenForTheValidator() throws {
        let folder =
            ProcessInfo.processInfo.environment["RAPPORT_X12_OUTPUT"]
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("test-output/837").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (index, sample) in ClaimSamples.corpus.enumerated() {
            var envelope = Self.envelope
            envelope.controlNumber = 100 + index
            let output = try Claim837Writer.write(sample.claims, envelope: envelope)
            try output.text.write(toFile: "\(folder)/\(sample.name).837", atomically: true, encoding: .ascii)
        }
    }
}
